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
        CaseEventKind.RESOLVED => $"{e.CaseId} RESOLVED as {e.Reason} ({e.Reason!.Value.Label()}) by {e.By}; from the next run on it is no longer listed",
        CaseEventKind.RESOLUTION_REQUESTED =>
            $"{e.CaseId} PENDING_APPROVAL: its amount {detail.Discrepancy.MaxAmount} is at or above the approval threshold {policy.Threshold}; " +
            $"a person other than {e.By} approves it with `reconcile discrepancies approve {e.CaseId} --by NAME` or rejects it with `reconcile discrepancies reject {e.CaseId} --by NAME --note TEXT`",
        CaseEventKind.APPROVED => $"{e.CaseId} RESOLVED as {e.Reason} ({e.Reason!.Value.Label()}): requested by {before.Pending?.Maker}, approved by {e.By}; from the next run on it is no longer listed",
        CaseEventKind.REJECTED => $"{e.CaseId}: the resolution {before.Pending?.Reason} requested by {before.Pending?.Maker} was rejected by {e.By}; the case is OPEN again",
        _ => $"{e.CaseId}: {e.Kind} by {e.By}",
    };
}
