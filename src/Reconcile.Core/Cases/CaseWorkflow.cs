using NodaTime;
using NodaTime.Text;
using Reconcile.Core.Model;

namespace Reconcile.Core.Cases;

/// <summary>
/// The rules of working a case (pure): given the case's state (null when the id is unknown) and a person's request,
/// the event to append or a refusal. Commenting and assigning are allowed on any known case; a resolution is
/// refused on a RESOLVED / AUTO_CLEARED / SUPERSEDED case and while another waits for approval; at or above the approval
/// threshold a resolution is only requested (PENDING_APPROVAL) and takes effect when a different person approves.
/// </summary>
public sealed class CaseWorkflow
{
    public CaseWorkflow(ApprovalPolicy policy)
    {
        Policy = policy ?? throw new ArgumentNullException(nameof(policy));
    }

    public ApprovalPolicy Policy { get; }

    public CaseDecision Assign(string caseId, CaseState? state, string? assignee, string? by, Instant at)
    {
        if (Known(caseId, state) is { } unknown)
        {
            return unknown;
        }
        if (string.IsNullOrWhiteSpace(assignee))
        {
            return CaseDecision.Refuse("--to must name the person the case is assigned to");
        }
        if (Person(by, "--by") is { } noPerson)
        {
            return noPerson;
        }
        return CaseDecision.Accept(Event(caseId, CaseEventKind.ASSIGNED, at, by!, assignee.Trim(), null));
    }

    public CaseDecision Comment(string caseId, CaseState? state, string? text, string? by, Instant at)
    {
        if (Known(caseId, state) is { } unknown)
        {
            return unknown;
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            return CaseDecision.Refuse("--text must not be empty");
        }
        if (Person(by, "--by") is { } noPerson)
        {
            return noPerson;
        }
        return CaseDecision.Accept(Event(caseId, CaseEventKind.COMMENTED, at, by!, text.Trim(), null));
    }

    /// <param name="amount">The discrepancy's amount: the larger of its two sides.</param>
    public CaseDecision Resolve(string caseId, CaseState? state, Money amount, string? reason, string? note, string? by, Instant at)
    {
        if (Known(caseId, state) is { } unknown)
        {
            return unknown;
        }
        if (!ResolutionReasons.TryParse(reason, out ResolutionReason parsed))
        {
            return CaseDecision.Refuse($"'{reason}' is not a resolution reason; use one of {ResolutionReasons.Listing}");
        }
        switch (state!.Status)
        {
            case CaseStatus.RESOLVED:
                string approved = state.ApprovedBy is null ? "" : $", approved by {state.ApprovedBy}";
                return CaseDecision.Refuse($"case {caseId} is already RESOLVED ({state.Resolution} by {state.ResolvedBy}{approved}); nothing was changed");
            case CaseStatus.AUTO_CLEARED:
                return CaseDecision.Refuse($"case {caseId} cleared by itself (a later statement matched it on {(state.ClearedOn is { } d ? LocalDatePattern.Iso.Format(d) : "a later day")}); there is nothing to resolve");
            case CaseStatus.SUPERSEDED:
                string day = state.SupersededOn is { } s ? LocalDatePattern.Iso.Format(s) : "its day";
                return CaseDecision.Refuse($"case {caseId} was superseded: the re-run of {day} no longer lists it; there is nothing to resolve (a later run that lists it again opens it again)");
            case CaseStatus.PENDING_APPROVAL:
                PendingResolution p = state.Pending!;
                return CaseDecision.Refuse($"case {caseId} already waits for approval of {p.Reason} requested by {p.Maker}; approve or reject that first");
        }
        if (string.IsNullOrWhiteSpace(note))
        {
            return CaseDecision.Refuse("--note must say why (it is kept with the resolution)");
        }
        if (Person(by, "--by") is { } noPerson)
        {
            return noPerson;
        }
        CaseEventKind kind = Policy.RequiresApproval(amount) ? CaseEventKind.RESOLUTION_REQUESTED : CaseEventKind.RESOLVED;
        return CaseDecision.Accept(Event(caseId, kind, at, by!, note.Trim(), parsed));
    }

    public CaseDecision Approve(string caseId, CaseState? state, string? by, Instant at)
    {
        if (Known(caseId, state) is { } unknown)
        {
            return unknown;
        }
        if (state!.Status != CaseStatus.PENDING_APPROVAL || state.Pending is null)
        {
            return CaseDecision.Refuse($"case {caseId} has no resolution waiting for approval (it is {state.Status})");
        }
        if (Person(by, "--by") is { } noPerson)
        {
            return noPerson;
        }
        if (SamePerson(by!, state.Pending.Maker))
        {
            return CaseDecision.Refuse($"{by!.Trim()} requested this resolution and cannot approve it: a different person must approve (maker-checker, amounts of {Policy.Threshold} and more)");
        }
        return CaseDecision.Accept(Event(caseId, CaseEventKind.APPROVED, at, by!, state.Pending.Note, state.Pending.Reason));
    }

    public CaseDecision Reject(string caseId, CaseState? state, string? by, string? note, Instant at)
    {
        if (Known(caseId, state) is { } unknown)
        {
            return unknown;
        }
        if (state!.Status != CaseStatus.PENDING_APPROVAL || state.Pending is null)
        {
            return CaseDecision.Refuse($"case {caseId} has no resolution waiting for approval (it is {state.Status})");
        }
        if (string.IsNullOrWhiteSpace(note))
        {
            return CaseDecision.Refuse("--note must say why the resolution is rejected");
        }
        if (Person(by, "--by") is { } noPerson)
        {
            return noPerson;
        }
        return CaseDecision.Accept(Event(caseId, CaseEventKind.REJECTED, at, by!, note.Trim(), state.Pending.Reason));
    }

    /// <summary>Names compare ignoring case and surrounding spaces ("Zhang San" = " zhang san ").</summary>
    /// <summary>
    /// Whether a person's event still fits the case as it stands when it is written (null) or why not. The decision
    /// was taken against the case as read; another person (another process) may have acted since: the store checks
    /// again, in its single writer, so two resolutions or two approvals of one case never both land.
    /// </summary>
    public static string? StillFits(CaseState before, CaseEvent e)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(e);
        return e.Kind switch
        {
            CaseEventKind.RESOLVED or CaseEventKind.RESOLUTION_REQUESTED when before.Status != CaseStatus.OPEN =>
                $"case {e.CaseId} is {before.Status} now: someone acted on it meanwhile; look at it again",
            CaseEventKind.APPROVED or CaseEventKind.REJECTED when before.Pending is null =>
                $"case {e.CaseId} has no resolution waiting for approval now (it is {before.Status}): someone acted on it meanwhile; look at it again",
            CaseEventKind.APPROVED when SamePerson(before.Pending!.Maker, e.By) =>
                $"{e.By} requested this resolution and cannot approve it: a different person must approve",
            _ => null,
        };
    }

    public static bool SamePerson(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);

    private static CaseDecision? Known(string caseId, CaseState? state) => state is null
        ? CaseDecision.Refuse($"unknown case id '{caseId}' (see `reconcile discrepancies list --status all`)")
        : null;

    private static CaseDecision? Person(string? by, string option) => string.IsNullOrWhiteSpace(by)
        ? CaseDecision.Refuse($"{option} must name the person acting (it is kept in the case's history)")
        : null;

    private static CaseEvent Event(string caseId, CaseEventKind kind, Instant at, string by, string? text, ResolutionReason? reason) =>
        new(caseId, kind, at, by.Trim(), text, reason, null, null);
}
