using NodaTime;

namespace Reconcile.Core.Cases;

/// <summary>Where a discrepancy case stands.</summary>
public enum CaseStatus
{
    /// <summary>Raised by a run and not yet resolved (listed in discrepancies.csv every day).</summary>
    OPEN,

    /// <summary>Resolved by a maker at or above the threshold; waits for a different person's approval.</summary>
    PENDING_APPROVAL,

    /// <summary>Resolved by a person (and approved where needed).</summary>
    RESOLVED,

    /// <summary>A later statement matched it: it cleared by itself.</summary>
    AUTO_CLEARED,

    /// <summary>Resolved once, then reopened by an approver or unmatched: listed again from the next run, worked like OPEN.</summary>
    REOPENED,

    /// <summary>
    /// No longer a finding. A re-run of the business day that last listed it no longer lists it: the finding was one
    /// of that day's findings, and the re-run replaced them (e.g. MISSING_STATEMENT before the late statement came);
    /// or it was the named difference of a pairing that was undone. Closed; a later run that lists it again opens it
    /// again.
    /// </summary>
    SUPERSEDED,
}

/// <summary>Resolution reasons of the contract (补单, 调账, 退款, 追款, bank error, false alarm).</summary>
public enum ResolutionReason
{
    BOOKED_IN_LEDGER,
    ADJUSTED,
    REFUNDED,
    RECOVERED,
    BANK_ERROR,
    FALSE_ALARM,

    /// <summary>Paired by a person with counter-items (<c>discrepancies match</c>); never given to <c>resolve</c>.</summary>
    MATCHED,
}

public enum CaseEventKind
{
    RAISED,
    SEEN_AGAIN,
    ASSIGNED,
    COMMENTED,
    RESOLUTION_REQUESTED,
    RESOLVED,
    APPROVED,
    REJECTED,
    AUTO_CLEARED,
    REOPENED,
    UNMATCH_REQUESTED,
    UNMATCHED,

    /// <summary>Recorded by a re-run of a day that no longer lists the case, or with the undoing of the pairing whose
    /// difference it was (see <see cref="CaseStatus.SUPERSEDED"/>).</summary>
    SUPERSEDED,
}

/// <summary>
/// One thing that happened to a case: who, when (an <see cref="Instant"/>) and why. Cases are event-sourced:
/// nothing is edited in place; the case's state is the fold of its events.
/// </summary>
/// <param name="By">The person (or "system" for RAISED / SEEN_AGAIN / AUTO_CLEARED / SUPERSEDED).</param>
/// <param name="Text">Comment, resolution note, assignee name (ASSIGNED), rejection reason.</param>
/// <param name="RunId">The run that raised / saw / cleared it.</param>
/// <param name="BusinessDate">The business day of that run.</param>
public sealed record CaseEvent(
    string CaseId,
    CaseEventKind Kind,
    Instant At,
    string By,
    string? Text,
    ResolutionReason? Reason,
    string? RunId,
    LocalDate? BusinessDate)
{
    /// <summary>How <see cref="By"/> proved who they are; null for runs ("system") and for actions in a store
    /// without users (single-user mode, shown as "unauthenticated").</summary>
    public Access.Identity? Identity { get; init; }

    /// <summary>The pairing a match (RESOLVED / RESOLUTION_REQUESTED with reason MATCHED) decides.</summary>
    public Pairing? Pairing { get; init; }

    /// <summary>The name as history shows it: "li (unauthenticated)" for a person no sign-in vouched for.</summary>
    public string ByForHistory => Identity is null && By != "system" ? $"{By} (unauthenticated)" : By;
}
