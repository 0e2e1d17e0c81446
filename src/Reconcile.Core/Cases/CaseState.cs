using NodaTime;

namespace Reconcile.Core.Cases;

/// <summary>What a decision waiting for approval would do when approved.</summary>
public enum PendingAction
{
    /// <summary>A resolution (or a match, when <see cref="PendingResolution.Pairing"/> is set).</summary>
    Resolve,

    /// <summary>Undoing the case's pairing.</summary>
    Unmatch,
}

/// <summary>A decision a maker asked for that waits for a different person's approval.</summary>
/// <param name="Pairing">The pairing a match would make, or the pairing an unmatch would undo.</param>
public sealed record PendingResolution(
    ResolutionReason Reason,
    string Maker,
    string? Note,
    Instant RequestedAt,
    PendingAction Action = PendingAction.Resolve,
    Pairing? Pairing = null);

/// <summary>
/// Where a case stands: the fold of its <see cref="CaseEvent"/>s in timeline order. Nothing is edited in place;
/// a new event gives a new state.
/// </summary>
/// <param name="Assignee">The last person it was assigned to (null: nobody).</param>
/// <param name="Pending">The decision waiting for approval while <see cref="Status"/> is PENDING_APPROVAL.</param>
/// <param name="Resolution">The reason of the resolution that took effect (RESOLVED only; MATCHED for a pairing).</param>
/// <param name="ResolvedBy">Who made that resolution (the maker).</param>
/// <param name="ApprovedBy">Who approved it (the checker), when it needed approval.</param>
/// <param name="ClearedOn">The business day a later statement cleared it (AUTO_CLEARED only).</param>
/// <param name="Pairing">The pairing that closed the case (Resolution MATCHED), kept so it can be undone.</param>
/// <param name="SupersededOn">The business day whose re-run no longer listed it (SUPERSEDED only).</param>
public sealed record CaseState(
    string CaseId,
    CaseStatus Status,
    string? Assignee,
    PendingResolution? Pending,
    ResolutionReason? Resolution,
    string? ResolvedBy,
    string? ApprovedBy,
    LocalDate? ClearedOn,
    int EventCount,
    Pairing? Pairing = null,
    LocalDate? SupersededOn = null)
{
    /// <summary>RESOLVED, AUTO_CLEARED or SUPERSEDED: no longer listed as open, cannot be resolved.</summary>
    public bool IsClosed => Status is CaseStatus.RESOLVED or CaseStatus.AUTO_CLEARED or CaseStatus.SUPERSEDED;

    /// <summary>OPEN, REOPENED or PENDING_APPROVAL: listed, waiting for a person.</summary>
    public bool IsOpen => IsOpenStatus(Status);

    /// <summary>OPEN and REOPENED: a resolution or a match may be asked for.</summary>
    public bool IsWorkable => Status is CaseStatus.OPEN or CaseStatus.REOPENED;

    public static bool IsOpenStatus(CaseStatus status) => status is CaseStatus.OPEN or CaseStatus.REOPENED or CaseStatus.PENDING_APPROVAL;

    /// <summary>The statuses a list of open cases shows.</summary>
    public static IReadOnlyList<CaseStatus> OpenStatuses { get; } = [CaseStatus.OPEN, CaseStatus.REOPENED, CaseStatus.PENDING_APPROVAL];

    /// <summary>A freshly raised case.</summary>
    public static CaseState Raised(string caseId) => new(caseId, CaseStatus.OPEN, null, null, null, null, null, null, 0);

    /// <summary>The state after <paramref name="events"/> in order; null when there are none (an unknown case).</summary>
    public static CaseState? Fold(IEnumerable<CaseEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        CaseState? state = null;
        foreach (CaseEvent e in events)
        {
            state = (state ?? Raised(e.CaseId)).Apply(e);
        }
        return state;
    }

    /// <summary>The state after one more event.</summary>
    public CaseState Apply(CaseEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        CaseState next = this with { EventCount = EventCount + 1 };
        switch (e.Kind)
        {
            case CaseEventKind.RAISED:
                return next.Undecided(CaseStatus.OPEN);
            case CaseEventKind.REOPENED:
            case CaseEventKind.UNMATCHED:
                return next.Undecided(CaseStatus.REOPENED);
            case CaseEventKind.SEEN_AGAIN:
                // A finding that cleared (or was superseded) and is listed again by a run of a later business day is
                // open again; a re-run of an earlier day does not undo the clearing.
                bool later = ClearedOn is null || e.BusinessDate is null || e.BusinessDate > ClearedOn;
                if (Status == CaseStatus.AUTO_CLEARED && later)
                {
                    return next with { Status = CaseStatus.OPEN, ClearedOn = null };
                }
                // A superseded finding listed again by a run of that day (run once more) or of a later day is open
                // again; a re-run of an earlier day does not undo it (that day's findings are replaced in turn
                // when it is run again).
                bool sameOrLater = SupersededOn is null || e.BusinessDate is null || e.BusinessDate >= SupersededOn;
                return Status == CaseStatus.SUPERSEDED && sameOrLater
                    ? next with { Status = CaseStatus.OPEN, SupersededOn = null }
                    : next;
            case CaseEventKind.ASSIGNED:
                return next with { Assignee = string.IsNullOrWhiteSpace(e.Text) ? null : e.Text };
            case CaseEventKind.COMMENTED:
                return next;
            case CaseEventKind.RESOLUTION_REQUESTED:
                return e.Reason is { } requested
                    ? next with { Status = CaseStatus.PENDING_APPROVAL, Pending = new PendingResolution(requested, e.By, e.Text, e.At, PendingAction.Resolve, e.Pairing) }
                    : next;
            case CaseEventKind.UNMATCH_REQUESTED:
                return Pairing is null
                    ? next
                    : next with { Status = CaseStatus.PENDING_APPROVAL, Pending = new PendingResolution(Resolution ?? ResolutionReason.MATCHED, e.By, e.Text, e.At, PendingAction.Unmatch, Pairing) };
            case CaseEventKind.RESOLVED:
                return next with { Status = CaseStatus.RESOLVED, Resolution = e.Reason, ResolvedBy = e.By, ApprovedBy = null, Pending = null, Pairing = e.Pairing };
            case CaseEventKind.APPROVED:
                if (Pending?.Action == PendingAction.Unmatch)
                {
                    return next.Undecided(CaseStatus.REOPENED);
                }
                return next with
                {
                    Status = CaseStatus.RESOLVED,
                    Resolution = Pending?.Reason ?? e.Reason,
                    ResolvedBy = Pending?.Maker,
                    ApprovedBy = e.By,
                    Pending = null,
                    Pairing = Pending?.Pairing ?? e.Pairing,
                };
            case CaseEventKind.REJECTED:
                // A rejected unmatch leaves the pairing as it was.
                return next with { Status = Pending?.Action == PendingAction.Unmatch ? CaseStatus.RESOLVED : CaseStatus.OPEN, Pending = null };
            case CaseEventKind.AUTO_CLEARED:
                return Status == CaseStatus.RESOLVED
                    ? next
                    : next with { Status = CaseStatus.AUTO_CLEARED, Pending = null, ClearedOn = e.BusinessDate, SupersededOn = null };
            case CaseEventKind.SUPERSEDED:
                // Only an open finding is superseded (a person's resolution or a clearing stands); a decision
                // waiting for approval is dropped with it: there is nothing left to approve.
                return IsOpen
                    ? next with { Status = CaseStatus.SUPERSEDED, Pending = null, SupersededOn = e.BusinessDate }
                    : next;
            default:
                return next;
        }
    }

    private CaseState Undecided(CaseStatus status) =>
        this with { Status = status, Pending = null, Resolution = null, ResolvedBy = null, ApprovedBy = null, ClearedOn = null, Pairing = null, SupersededOn = null };
}
