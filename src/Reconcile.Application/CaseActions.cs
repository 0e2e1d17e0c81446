using NodaTime;
using Reconcile.Core.Access;
using Reconcile.Core.Cases;
using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;
using Reconcile.Engine.Store;

namespace Reconcile.Application;

/// <summary>What a case action did: the event stored, the case before it, and the policy it was judged under.</summary>
public sealed record CaseActionOutcome(CaseEvent Event, CaseState Before, CaseDetail Detail, ApprovalPolicy Policy);

/// <summary>
/// The case actions (assign, comment, resolve, approve, reject) for the CLI and the workbench alike: the actor's role
/// is checked, then the case workflow of the core decides against the case as stored and the store's approval
/// threshold (a policy an admin sets, never the caller). The event carries the actor's name and how they proved it.
/// A refusal throws <see cref="RefusedException"/> and stores nothing.
/// </summary>
public sealed class CaseActions
{
    private readonly IReconcileStore _store;
    private readonly IClock _clock;

    public CaseActions(IReconcileStore store, IClock clock)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
    }

    public Task<CaseActionOutcome> AssignAsync(Actor actor, string caseId, string? assignee, CancellationToken ct = default) =>
        ActAsync(actor, Permission.Assign, caseId, (w, d, s, now) => w.Assign(caseId, s, assignee, actor.Name, now), ct);

    public Task<CaseActionOutcome> CommentAsync(Actor actor, string caseId, string? text, CancellationToken ct = default) =>
        ActAsync(actor, Permission.Comment, caseId, (w, d, s, now) => w.Comment(caseId, s, text, actor.Name, now), ct);

    public Task<CaseActionOutcome> ResolveAsync(Actor actor, string caseId, string? reason, string? note, CancellationToken ct = default) =>
        ActAsync(actor, Permission.Resolve, caseId, (w, d, s, now) => w.Resolve(caseId, s, d?.Discrepancy.MaxAmount ?? Money.Zero, reason, note, actor.Name, now), ct);

    public Task<CaseActionOutcome> ApproveAsync(Actor actor, string caseId, CancellationToken ct = default) =>
        ActAsync(actor, Permission.Approve, caseId, (w, d, s, now) => w.Approve(caseId, s, actor.Name, now), ct);

    public Task<CaseActionOutcome> RejectAsync(Actor actor, string caseId, string? note, CancellationToken ct = default) =>
        ActAsync(actor, Permission.Reject, caseId, (w, d, s, now) => w.Reject(caseId, s, actor.Name, note, now), ct);

    /// <summary>
    /// Pairs the case's open items with counter-items of the same account (manual match): the sums agree to the fen or
    /// <paramref name="difference"/> names what differs (bank − ledger; an AMOUNT_MISMATCH for it stays open). A money
    /// decision: the resolution's roles and maker-checker threshold apply.
    /// </summary>
    public async Task<CaseActionOutcome> MatchAsync(Actor actor, string caseId, IReadOnlyList<string> with, Money? difference, string? note, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(with);
        if (Permissions.Refusal(actor, Permission.Match) is { } refusal)
        {
            throw new RefusedException(refusal);
        }
        Pairing? pairing = null;
        if (await _store.GetCaseAsync(caseId, ct).ConfigureAwait(false) is { } detail)
        {
            AccountDayState? carried = await _store.LatestStateAsync(detail.Summary.AccountNo, ct).ConfigureAwait(false);
            PairingPlan plan = ManualMatch.Plan(detail.Discrepancy, carried?.State ?? AccountState.Empty(detail.Summary.AccountNo), with, difference);
            pairing = plan.Pairing ?? throw new RefusedException(plan.Refusal!);
        }
        return await ActAsync(actor, Permission.Match, caseId, (w, d, s, now) => w.Match(caseId, s, pairing, note, actor.Name, now), ct).ConfigureAwait(false);
    }

    /// <summary>Undoes the pairing that closed the case: its items are open again from the next run.</summary>
    public Task<CaseActionOutcome> UnmatchAsync(Actor actor, string caseId, string? note, CancellationToken ct = default) =>
        ActAsync(actor, Permission.Unmatch, caseId, (w, d, s, now) => w.Unmatch(caseId, s, note, actor.Name, now), ct);

    /// <summary>
    /// Undoes a pair the ladder made (<c>matches unmatch</c>), found again by <see cref="AutomaticPairFinder"/> from the
    /// day's inputs in <paramref name="inbox"/>: through the unmatch of a case, so the roles, maker-checker on the pair's
    /// amount, the history and the state effect are those of a pair made by hand. The case is the bank line's BANK_ONLY
    /// (opened with the ladder's pair as its first event when new); when it already holds the pair (an unmatch was
    /// rejected before), it is the plain unmatch of that case.
    /// </summary>
    public async Task<CaseActionOutcome> UnmatchAutomaticAsync(
        Actor actor, string accountNo, string serial, string inbox, LocalDate? date, string? note, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (Permissions.Refusal(actor, Permission.Unmatch) is { } refusal)
        {
            throw new RefusedException(refusal);
        }
        AutomaticPairFound found = await new AutomaticPairFinder(_store).FindAsync(accountNo, serial, inbox, date, ct).ConfigureAwait(false);
        Pairing pairing = found.Pair.Pairing;
        string caseId = pairing.CaseId;
        CaseDetail? detail = await _store.GetCaseAsync(caseId, ct).ConfigureAwait(false);
        CaseState? known = detail is null ? null : CaseState.Fold(detail.Timeline) ?? CaseState.Raised(caseId);
        if (known is { Status: CaseStatus.RESOLVED, Pairing: not null })
        {
            return await UnmatchAsync(actor, caseId, note, ct).ConfigureAwait(false);
        }
        if (known is { Status: CaseStatus.PENDING_APPROVAL, Pending.Action: PendingAction.Unmatch } pending)
        {
            throw new RefusedException($"undoing the pair of {serial} already waits for approval on case {caseId} (requested by {pending.Pending!.Maker}); approve or reject that");
        }
        if (known is { IsOpen: true } || known?.Status == CaseStatus.RESOLVED)
        {
            throw new RefusedException($"case {caseId} of bank line {serial} is {known.Status}: the line is not in the ladder's pair any more; nothing to undo");
        }
        AccountDayState latest = (await _store.LatestStateAsync(accountNo, ct).ConfigureAwait(false))!;
        if (ManualMatch.NotClosed(latest.State, pairing) is { Count: > 0 } again)
        {
            throw new RefusedException(
                $"{string.Join(", ", again)} of the {pairing.Rule} pair of {Iso(pairing.PairedOn!.Value)} {(again.Count == 1 ? "is" : "are")} open again already (or paired by hand since) in account {accountNo}: nothing to undo");
        }
        if (pairing.DifferenceFinding is { } finding && !latest.State.Standing.Any(f => f.Id == finding.Id))
        {
            throw new RefusedException(
                $"the pair's {finding.Category} finding {finding.Id} is no longer open (resolved since): undoing the pair would leave its resolution in the proof; reopen it first");
        }
        RunRecord run = found.Run;
        var paired = new CaseEvent(caseId, CaseEventKind.RESOLVED, run.FinishedAt, "system", AutomaticPairs.Describe(pairing), ResolutionReason.MATCHED, run.RunId, run.BusinessDate)
        {
            Pairing = pairing,
        };
        CaseState before = (known ?? CaseState.Raised(caseId)).Apply(paired);
        var opening = new CaseOpening(detail is null ? found.Pair.Case : null, paired);
        (CaseEvent e, ApprovalPolicy approval) = await DecideAndAppendAsync(
            actor, (w, now) => w.Unmatch(caseId, before, note, actor.Name, now), opening, ct).ConfigureAwait(false);
        CaseDetail after = (await _store.GetCaseAsync(caseId, ct).ConfigureAwait(false))!;
        return new CaseActionOutcome(e, before, after, approval);
    }

    /// <summary>Reopens a resolved case (approvers): listed again from the next run, its proof adjustment withdrawn.</summary>
    public Task<CaseActionOutcome> ReopenAsync(Actor actor, string caseId, string? note, CancellationToken ct = default) =>
        ActAsync(actor, Permission.Reopen, caseId, (w, d, s, now) => w.Reopen(caseId, s, note, actor.Name, now), ct);

    /// <summary>The open items of the case's account a person may pair with it (the case's own items first), or none.</summary>
    public async Task<IReadOnlyList<OpenItem>> PairableItemsAsync(string caseId, CancellationToken ct = default)
    {
        if (await _store.GetCaseAsync(caseId, ct).ConfigureAwait(false) is not { } detail || !ManualMatch.Pairable(detail.Discrepancy.Category))
        {
            return [];
        }
        AccountDayState? carried = await _store.LatestStateAsync(detail.Summary.AccountNo, ct).ConfigureAwait(false);
        HashSet<string> own = Resolutions.OpenItemIdsOf(detail.Discrepancy);
        return (carried?.State.OpenItems ?? [])
            .OrderBy(i => own.Contains(i.ItemId) ? 0 : 1)
            .ThenBy(i => i.Side)
            .ThenBy(i => i.ItemId, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The case as stored with its current state (null when the id is unknown).</summary>
    public async Task<(CaseDetail Detail, CaseState State)?> GetAsync(string caseId, CancellationToken ct = default)
    {
        CaseDetail? detail = await _store.GetCaseAsync(caseId, ct).ConfigureAwait(false);
        return detail is null ? null : (detail, CaseState.Fold(detail.Timeline) ?? CaseState.Raised(caseId));
    }

    private async Task<CaseActionOutcome> ActAsync(
        Actor actor,
        Permission permission,
        string caseId,
        Func<CaseWorkflow, CaseDetail?, CaseState?, Instant, CaseDecision> decide,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (Permissions.Refusal(actor, permission) is { } refusal)
        {
            throw new RefusedException(refusal);
        }
        CaseDetail? detail = await _store.GetCaseAsync(caseId, ct).ConfigureAwait(false);
        CaseState? state = detail is null ? null : CaseState.Fold(detail.Timeline) ?? CaseState.Raised(caseId);
        (CaseEvent e, ApprovalPolicy approval) = await DecideAndAppendAsync(actor, (w, now) => decide(w, detail, state, now), null, ct).ConfigureAwait(false);
        return new CaseActionOutcome(e, state!, detail!, approval);
    }

    /// <summary>Decides under the store's approval policy and appends the event (with the actor's identity); a refusal throws.</summary>
    private async Task<(CaseEvent Event, ApprovalPolicy Policy)> DecideAndAppendAsync(
        Actor actor, Func<CaseWorkflow, Instant, CaseDecision> decide, CaseOpening? opening, CancellationToken ct)
    {
        StorePolicy policy = await _store.PolicyAsync(ct).ConfigureAwait(false);
        var approval = new ApprovalPolicy(policy.ApprovalThreshold);
        CaseDecision decision = decide(new CaseWorkflow(approval), _clock.GetCurrentInstant());
        if (decision.Event is not { } e)
        {
            throw new RefusedException(decision.Refusal!);
        }
        if (actor.IsAuthenticated)
        {
            e = e with { Identity = actor.Identity };
        }
        try
        {
            await _store.AppendCaseEventAsync(e, opening, ct).ConfigureAwait(false);
        }
        catch (CaseChangedException changed)
        {
            throw new RefusedException(changed.Message);
        }
        return (e, approval);
    }

    private static string Iso(LocalDate d) => NodaTime.Text.LocalDatePattern.Iso.Format(d);
}
