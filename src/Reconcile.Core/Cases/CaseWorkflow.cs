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
        if (NotWorkable(caseId, state!, "resolve") is { } closed)
        {
            return closed;
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

    /// <summary>
    /// A manual match: the pairing (planned by <see cref="ManualMatch.Plan"/>) closes the case as RESOLVED with reason
    /// MATCHED, or waits for approval when its amount (the larger sum) is at or above the threshold.
    /// </summary>
    public CaseDecision Match(string caseId, CaseState? state, Pairing? pairing, string? note, string? by, Instant at)
    {
        if (Known(caseId, state) is { } unknown)
        {
            return unknown;
        }
        ArgumentNullException.ThrowIfNull(pairing);
        if (NotWorkable(caseId, state!, "match") is { } closed)
        {
            return closed;
        }
        if (Person(by, "--by") is { } noPerson)
        {
            return noPerson;
        }
        string text = string.IsNullOrWhiteSpace(note) ? $"paired {pairing.Describe()}" : $"paired {pairing.Describe()}: {note.Trim()}";
        CaseEventKind kind = Policy.RequiresApproval(pairing.Amount) ? CaseEventKind.RESOLUTION_REQUESTED : CaseEventKind.RESOLVED;
        return CaseDecision.Accept(Event(caseId, kind, at, by!, text, ResolutionReason.MATCHED) with { Pairing = pairing });
    }

    /// <summary>Undoes a case's pairing (manual match): at or above the threshold it waits for approval.</summary>
    public CaseDecision Unmatch(string caseId, CaseState? state, string? note, string? by, Instant at)
    {
        if (Known(caseId, state) is { } unknown)
        {
            return unknown;
        }
        if (state!.Status == CaseStatus.PENDING_APPROVAL)
        {
            return CaseDecision.Refuse($"case {caseId} already waits for approval of {Waiting(state.Pending!)} requested by {state.Pending!.Maker}; approve or reject that first");
        }
        if (state.Status != CaseStatus.RESOLVED || state.Pairing is not { } pairing)
        {
            return CaseDecision.Refuse($"case {caseId} is {state.Status} and was not paired by hand: nothing to unmatch (an automatic pair is undone with `reconcile matches unmatch --account A --serial S`)");
        }
        if (string.IsNullOrWhiteSpace(note))
        {
            return CaseDecision.Refuse("--note must say why the pair is undone (it is kept in the history)");
        }
        if (Person(by, "--by") is { } noPerson)
        {
            return noPerson;
        }
        CaseEventKind kind = Policy.RequiresApproval(pairing.Amount) ? CaseEventKind.UNMATCH_REQUESTED : CaseEventKind.UNMATCHED;
        return CaseDecision.Accept(Event(caseId, kind, at, by!, note.Trim(), ResolutionReason.MATCHED) with { Pairing = pairing });
    }

    /// <summary>Reopens a RESOLVED case (an approver's decision, with a reason): listed again from the next run.</summary>
    public CaseDecision Reopen(string caseId, CaseState? state, string? note, string? by, Instant at)
    {
        if (Known(caseId, state) is { } unknown)
        {
            return unknown;
        }
        if (state!.Status != CaseStatus.RESOLVED)
        {
            return CaseDecision.Refuse($"case {caseId} is {state.Status}: only a RESOLVED case can be reopened");
        }
        if (state.Pairing is not null)
        {
            return CaseDecision.Refuse($"case {caseId} was closed by a pairing: undo it with `reconcile discrepancies unmatch {caseId}`");
        }
        if (string.IsNullOrWhiteSpace(note))
        {
            return CaseDecision.Refuse("--note must say why the case is reopened (it is kept in the history)");
        }
        if (Person(by, "--by") is { } noPerson)
        {
            return noPerson;
        }
        return CaseDecision.Accept(Event(caseId, CaseEventKind.REOPENED, at, by!, note.Trim(), state.Resolution));
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
            CaseEventKind.RESOLVED or CaseEventKind.RESOLUTION_REQUESTED when !before.IsWorkable =>
                $"case {e.CaseId} is {before.Status} now: someone acted on it meanwhile; look at it again",
            CaseEventKind.APPROVED or CaseEventKind.REJECTED when before.Pending is null =>
                $"case {e.CaseId} has no resolution waiting for approval now (it is {before.Status}): someone acted on it meanwhile; look at it again",
            CaseEventKind.APPROVED when SamePerson(before.Pending!.Maker, e.By) =>
                $"{e.By} requested this resolution and cannot approve it: a different person must approve",
            CaseEventKind.UNMATCHED or CaseEventKind.UNMATCH_REQUESTED when before.Status != CaseStatus.RESOLVED || before.Pairing is null =>
                $"case {e.CaseId} is {before.Status} now and holds no pairing: someone acted on it meanwhile; look at it again",
            CaseEventKind.REOPENED when before.Status != CaseStatus.RESOLVED =>
                $"case {e.CaseId} is {before.Status} now: someone acted on it meanwhile; look at it again",
            _ => null,
        };
    }

    /// <summary>Names compare ignoring case and surrounding spaces ("Zhang San" = " zhang san ").</summary>
    public static bool SamePerson(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);

    /// <summary>Why a case cannot be resolved or matched now (null: it is OPEN or REOPENED).</summary>
    private static CaseDecision? NotWorkable(string caseId, CaseState state, string verb)
    {
        switch (state.Status)
        {
            case CaseStatus.RESOLVED:
                string approved = state.ApprovedBy is null ? "" : $", approved by {state.ApprovedBy}";
                return CaseDecision.Refuse($"case {caseId} is already RESOLVED ({state.Resolution} by {state.ResolvedBy}{approved}); nothing was changed");
            case CaseStatus.AUTO_CLEARED:
                return CaseDecision.Refuse($"case {caseId} cleared by itself (a later statement matched it on {(state.ClearedOn is { } d ? LocalDatePattern.Iso.Format(d) : "a later day")}); there is nothing to {verb}");
            case CaseStatus.PENDING_APPROVAL:
                PendingResolution p = state.Pending!;
                return CaseDecision.Refuse($"case {caseId} already waits for approval of {Waiting(p)} requested by {p.Maker}; approve or reject that first");
            case CaseStatus.SUPERSEDED:
                string? day = state.SupersededOn is { } s ? LocalDatePattern.Iso.Format(s) : null;
                return CaseDecision.Refuse(day is null
                    ? $"case {caseId} is SUPERSEDED (the pairing whose difference it was is undone); there is nothing to {verb}"
                    : $"case {caseId} was superseded: the re-run of {day} no longer lists it; there is nothing to {verb} (a later run that lists it again opens it again)");
            default:
                return null;
        }
    }

    /// <summary>"BOOKED_IN_LEDGER", "a pairing", "an unmatch" for messages.</summary>
    private static string Waiting(PendingResolution p) => p.Action == PendingAction.Unmatch
        ? "an unmatch"
        : p.Pairing is not null ? "a pairing" : p.Reason.ToString();

    private static CaseDecision? Known(string caseId, CaseState? state) => state is null
        ? CaseDecision.Refuse($"unknown case id '{caseId}' (see `reconcile discrepancies list --status all`)")
        : null;

    private static CaseDecision? Person(string? by, string option) => string.IsNullOrWhiteSpace(by)
        ? CaseDecision.Refuse($"{option} must name the person acting (it is kept in the case's history)")
        : null;

    private static CaseEvent Event(string caseId, CaseEventKind kind, Instant at, string by, string? text, ResolutionReason? reason) =>
        new(caseId, kind, at, by.Trim(), text, reason, null, null);
}
