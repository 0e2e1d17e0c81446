using NodaTime;

namespace Reconcile.Core.Cases;

/// <summary>A resolution a maker asked for that waits for a different person's approval.</summary>
public sealed record PendingResolution(ResolutionReason Reason, string Maker, string? Note, Instant RequestedAt);

/// <summary>
/// Where a case stands: the fold of its <see cref="CaseEvent"/>s in timeline order. Nothing is edited in place;
/// a new event gives a new state.
/// </summary>
/// <param name="Assignee">The last person it was assigned to (null: nobody).</param>
/// <param name="Pending">The resolution waiting for approval while <see cref="Status"/> is PENDING_APPROVAL.</param>
/// <param name="Resolution">The reason of the resolution that took effect (RESOLVED only).</param>
/// <param name="ResolvedBy">Who made that resolution (the maker).</param>
/// <param name="ApprovedBy">Who approved it (the checker), when it needed approval.</param>
/// <param name="ClearedOn">The business day a later statement cleared it (AUTO_CLEARED only).</param>
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
    LocalDate? SupersededOn = null)
{
    /// <summary>RESOLVED, AUTO_CLEARED or SUPERSEDED: no longer listed as open, cannot be resolved.</summary>
    public bool IsClosed => Status is CaseStatus.RESOLVED or CaseStatus.AUTO_CLEARED or CaseStatus.SUPERSEDED;

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
            case CaseEventKind.REOPENED:
                return next with
                {
                    Status = CaseStatus.OPEN, Pending = null, Resolution = null, ResolvedBy = null, ApprovedBy = null, ClearedOn = null, SupersededOn = null,
                };
            case CaseEventKind.SEEN_AGAIN:
                // A finding that cleared and is listed again by a run of a later business day is open again;
                // a re-run of an earlier day does not undo the clearing.
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
                    ? next with { Status = CaseStatus.PENDING_APPROVAL, Pending = new PendingResolution(requested, e.By, e.Text, e.At) }
                    : next;
            case CaseEventKind.RESOLVED:
                return next with { Status = CaseStatus.RESOLVED, Resolution = e.Reason, ResolvedBy = e.By, ApprovedBy = null, Pending = null };
            case CaseEventKind.APPROVED:
                return next with
                {
                    Status = CaseStatus.RESOLVED,
                    Resolution = Pending?.Reason ?? e.Reason,
                    ResolvedBy = Pending?.Maker,
                    ApprovedBy = e.By,
                    Pending = null,
                };
            case CaseEventKind.REJECTED:
                return next with { Status = CaseStatus.OPEN, Pending = null };
            case CaseEventKind.AUTO_CLEARED:
                return Status == CaseStatus.RESOLVED
                    ? next
                    : next with { Status = CaseStatus.AUTO_CLEARED, Pending = null, ClearedOn = e.BusinessDate, SupersededOn = null };
            case CaseEventKind.SUPERSEDED:
                // Only an open finding is superseded (a person's resolution or a clearing stands); a resolution
                // waiting for approval is dropped with it: there is nothing left to approve.
                return Status is CaseStatus.OPEN or CaseStatus.PENDING_APPROVAL
                    ? next with { Status = CaseStatus.SUPERSEDED, Pending = null, SupersededOn = e.BusinessDate }
                    : next;
            default:
                return next;
        }
    }
}
