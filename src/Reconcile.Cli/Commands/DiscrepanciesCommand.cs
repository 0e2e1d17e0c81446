using Reconcile.Application;
using Reconcile.Core.Access;
using Reconcile.Core.Cases;
using Reconcile.Core.Model;
using Reconcile.Engine.Store;

namespace Reconcile.Cli.Commands;

/// <summary>
/// <c>reconcile discrepancies list|show|assign|comment|resolve|approve|reject</c>: finance works the cases the runs
/// raised. Every action is an event appended to the case (who, when, why); refusals exit 2 and change nothing.
/// </summary>
public sealed partial class DiscrepanciesCommand
{
    private readonly StoreCommandContext _ctx;

    public DiscrepanciesCommand(StoreCommandContext context)
    {
        _ctx = context ?? throw new ArgumentNullException(nameof(context));
    }

    public Task<int> AssignAsync(CommandLine cmd, CancellationToken ct = default)
    {
        string id = SingleId(cmd);
        string? to = cmd.Optional("to");
        return ActAsync(cmd, "discrepancies assign", (a, actor) => a.AssignAsync(actor, id, to, ct), ct, singleUserDefault: _ctx.CurrentUser);
    }

    public Task<int> CommentAsync(CommandLine cmd, CancellationToken ct = default)
    {
        string id = SingleId(cmd);
        string? text = cmd.Optional("text");
        return ActAsync(cmd, "discrepancies comment", (a, actor) => a.CommentAsync(actor, id, text, ct), ct);
    }

    public Task<int> ResolveAsync(CommandLine cmd, CancellationToken ct = default)
    {
        string id = SingleId(cmd);
        string? reason = cmd.Optional("reason");
        string? note = cmd.Optional("note");
        if (cmd.Optional("approval-threshold") is not null)
        {
            // The threshold is the store's policy: a maker who could choose it would approve their own resolution.
            return Task.FromResult(_ctx.Refuse(
                "discrepancies resolve",
                "--approval-threshold is not for the maker to choose: the threshold is a policy of the store, which an admin sets with `reconcile policy set approval-threshold X`; nothing was changed"));
        }
        return ActAsync(cmd, "discrepancies resolve", (a, actor) => a.ResolveAsync(actor, id, reason, note, ct), ct);
    }

    public Task<int> ApproveAsync(CommandLine cmd, CancellationToken ct = default)
    {
        string id = SingleId(cmd);
        return ActAsync(cmd, "discrepancies approve", (a, actor) => a.ApproveAsync(actor, id, ct), ct);
    }

    public Task<int> RejectAsync(CommandLine cmd, CancellationToken ct = default)
    {
        string id = SingleId(cmd);
        string? note = cmd.Optional("note");
        return ActAsync(cmd, "discrepancies reject", (a, actor) => a.RejectAsync(actor, id, note, ct), ct);
    }

    public Task<int> MatchAsync(CommandLine cmd, CancellationToken ct = default)
    {
        string id = SingleId(cmd);
        string with = cmd.Required("with");
        string[] items = with.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (items.Length == 0)
        {
            throw new UsageException("option --with: name at least one item (ledger entry ids or bank serials, comma-separated)");
        }
        Money? difference = cmd.Optional("difference") is { } d
            ? Money.TryParseYuan(d, out Money amount) ? amount : throw new UsageException($"option --difference: '{d}' is not an amount in yuan (bank − ledger, e.g. 10.00 or -10.00)")
            : null;
        string? note = cmd.Optional("note");
        return ActAsync(cmd, "discrepancies match", (a, actor) => a.MatchAsync(actor, id, items, difference, note, ct), ct);
    }

    public Task<int> UnmatchAsync(CommandLine cmd, CancellationToken ct = default)
    {
        string id = SingleId(cmd);
        string? note = cmd.Optional("note");
        return ActAsync(cmd, "discrepancies unmatch", (a, actor) => a.UnmatchAsync(actor, id, note, ct), ct);
    }

    public Task<int> ReopenAsync(CommandLine cmd, CancellationToken ct = default)
    {
        string id = SingleId(cmd);
        string? note = cmd.Optional("note");
        return ActAsync(cmd, "discrepancies reopen", (a, actor) => a.ReopenAsync(actor, id, note, ct), ct);
    }

    private static string SingleId(CommandLine cmd) => cmd.Positionals.Count == 1
        ? cmd.Positionals[0]
        : throw new UsageException(cmd.Positionals.Count == 0 ? "give the case id (D-…)" : "give exactly one case id");

    /// <summary>
    /// Opens the store, works out who is acting (<see cref="CliIdentity"/>) and asks the application layer; a
    /// refusal prints one line and exits 2 with nothing stored.
    /// </summary>
    private async Task<int> ActAsync(
        CommandLine cmd,
        string verb,
        Func<CaseActions, Actor, Task<CaseActionOutcome>> act,
        CancellationToken ct,
        string? singleUserDefault = null)
    {
        string? storeOption = cmd.Optional("store");
        string? by = cmd.Optional("by");
        bool passwordStdin = cmd.Switch("password-stdin");
        cmd.EnsureAllUsed();
        await using IStoreSession session = await _ctx.OpenExistingStoreAsync(storeOption, ct).ConfigureAwait(false);
        try
        {
            Actor actor = await CliIdentity.ResolveAsync(_ctx, session.Store, by, passwordStdin, singleUserDefault, ct).ConfigureAwait(false);
            CaseActionOutcome outcome = await act(new CaseActions(session.Store, _ctx.Clock), actor).ConfigureAwait(false);
            _ctx.Out.WriteLine(Confirmation(outcome.Event, outcome.Before, outcome.Detail, outcome.Policy));
            return ExitCodes.Ok;
        }
        catch (RefusedException e)
        {
            return _ctx.Refuse(verb, e.Message);
        }
    }

    private static string Confirmation(CaseEvent e, CaseState before, CaseDetail detail, ApprovalPolicy policy) => e.Kind switch
    {
        CaseEventKind.ASSIGNED => $"{e.CaseId} assigned to {e.Text} (by {e.By})",
        CaseEventKind.COMMENTED => $"{e.CaseId}: comment by {e.By} added",
        CaseEventKind.RESOLVED when e.Pairing is { } p => $"{e.CaseId} RESOLVED as MATCHED (人工配对) by {e.By}: {p.Describe()}; the next run writes the pair to matches.csv with rule MANUAL",
        CaseEventKind.RESOLUTION_REQUESTED when e.Pairing is { } p =>
            $"{e.CaseId} PENDING_APPROVAL: the pairing {p.Describe()} is at or above the approval threshold {policy.Threshold}; " +
            $"a person other than {e.By} approves it with `reconcile discrepancies approve {e.CaseId} --by NAME` or rejects it with `reconcile discrepancies reject {e.CaseId} --by NAME --note TEXT`",
        CaseEventKind.UNMATCHED when e.Pairing is { IsAutomatic: true } p =>
            $"{e.CaseId} REOPENED: the {p.Rule} pair of {p.PairedOn:uuuu-MM-dd} {p.Describe()} is undone by {e.By}; from the next run its items are open again (the ladder leaves them to a person)",
        CaseEventKind.UNMATCH_REQUESTED when e.Pairing is { IsAutomatic: true } p =>
            $"{e.CaseId} PENDING_APPROVAL: undoing the {p.Rule} pair of {p.PairedOn:uuuu-MM-dd} {p.Describe()} is at or above the approval threshold {policy.Threshold}; " +
            $"a person other than {e.By} approves it with `reconcile discrepancies approve {e.CaseId} --by NAME` or rejects it with `reconcile discrepancies reject {e.CaseId} --by NAME --note TEXT`",
        CaseEventKind.UNMATCHED => $"{e.CaseId} REOPENED: the pairing {e.Pairing?.Describe()} is undone by {e.By}; from the next run its items are open again",
        CaseEventKind.UNMATCH_REQUESTED =>
            $"{e.CaseId} PENDING_APPROVAL: undoing the pairing ({e.Pairing?.Amount}) is at or above the approval threshold {policy.Threshold}; a person other than {e.By} approves or rejects it",
        CaseEventKind.REOPENED => $"{e.CaseId} REOPENED by {e.By} (it was {e.Reason}); from the next run on it is listed again",
        CaseEventKind.APPROVED when before.Pending?.Action == PendingAction.Unmatch => $"{e.CaseId} REOPENED: the unmatch requested by {before.Pending.Maker} was approved by {e.By}; from the next run its items are open again",
        CaseEventKind.RESOLVED => $"{e.CaseId} RESOLVED as {e.Reason} ({e.Reason!.Value.Label()}) by {e.By}; from the next run on it is no longer listed",
        CaseEventKind.RESOLUTION_REQUESTED =>
            $"{e.CaseId} PENDING_APPROVAL: its amount {detail.Discrepancy.MaxAmount} is at or above the approval threshold {policy.Threshold}; " +
            $"a person other than {e.By} approves it with `reconcile discrepancies approve {e.CaseId} --by NAME` or rejects it with `reconcile discrepancies reject {e.CaseId} --by NAME --note TEXT`",
        CaseEventKind.APPROVED => $"{e.CaseId} RESOLVED as {e.Reason} ({e.Reason!.Value.Label()}): requested by {before.Pending?.Maker}, approved by {e.By}; from the next run on it is no longer listed",
        CaseEventKind.REJECTED => $"{e.CaseId}: the resolution {before.Pending?.Reason} requested by {before.Pending?.Maker} was rejected by {e.By}; the case is OPEN again",
        _ => $"{e.CaseId}: {e.Kind} by {e.By}",
    };
}
