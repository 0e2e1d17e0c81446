using NodaTime;
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
    public const string ThresholdVariable = "RECONCILE_APPROVAL_THRESHOLD";

    private readonly StoreCommandContext _ctx;

    public DiscrepanciesCommand(StoreCommandContext context)
    {
        _ctx = context ?? throw new ArgumentNullException(nameof(context));
    }

    public Task<int> AssignAsync(CommandLine cmd, CancellationToken ct = default)
    {
        string id = SingleId(cmd);
        string? to = cmd.Optional("to");
        string by = cmd.Optional("by") ?? _ctx.CurrentUser;
        return ActAsync(cmd, "discrepancies assign", id, (detail, state, now) => Workflow(ApprovalPolicy.Default).Assign(id, state, to, by, now), ct);
    }

    public Task<int> CommentAsync(CommandLine cmd, CancellationToken ct = default)
    {
        string id = SingleId(cmd);
        string? text = cmd.Optional("text");
        string? by = cmd.Optional("by");
        return ActAsync(cmd, "discrepancies comment", id, (detail, state, now) => Workflow(ApprovalPolicy.Default).Comment(id, state, text, by, now), ct);
    }

    public Task<int> ResolveAsync(CommandLine cmd, CancellationToken ct = default)
    {
        string id = SingleId(cmd);
        string? reason = cmd.Optional("reason");
        string? note = cmd.Optional("note");
        string? by = cmd.Optional("by");
        ApprovalPolicy policy = Policy(cmd);
        return ActAsync(
            cmd,
            "discrepancies resolve",
            id,
            (detail, state, now) => Workflow(policy).Resolve(id, state, detail?.Discrepancy.MaxAmount ?? Money.Zero, reason, note, by, now),
            ct,
            policy);
    }

    public Task<int> ApproveAsync(CommandLine cmd, CancellationToken ct = default)
    {
        string id = SingleId(cmd);
        string? by = cmd.Optional("by");
        return ActAsync(cmd, "discrepancies approve", id, (detail, state, now) => Workflow(ApprovalPolicy.Default).Approve(id, state, by, now), ct);
    }

    public Task<int> RejectAsync(CommandLine cmd, CancellationToken ct = default)
    {
        string id = SingleId(cmd);
        string? by = cmd.Optional("by");
        string? note = cmd.Optional("note");
        return ActAsync(cmd, "discrepancies reject", id, (detail, state, now) => Workflow(ApprovalPolicy.Default).Reject(id, state, by, note, now), ct);
    }

    /// <summary>
    /// The approval threshold: <c>--approval-threshold</c>, else RECONCILE_APPROVAL_THRESHOLD, else 50000.00 (yuan).
    /// </summary>
    private ApprovalPolicy Policy(CommandLine cmd)
    {
        if (cmd.Optional("approval-threshold") is { } option)
        {
            return new ApprovalPolicy(ParseThreshold(option, "option --approval-threshold"));
        }
        if (_ctx.Environment(ThresholdVariable) is { } env && !string.IsNullOrWhiteSpace(env))
        {
            return new ApprovalPolicy(ParseThreshold(env, ThresholdVariable));
        }
        return ApprovalPolicy.Default;
    }

    private static Money ParseThreshold(string text, string source) =>
        Money.TryParseYuan(text, out Money m) && !m.IsNegative
            ? m
            : throw new UsageException($"{source}: '{text}' is not an amount in yuan (e.g. 50000.00)");

    private static CaseWorkflow Workflow(ApprovalPolicy policy) => new(policy);

    private static string SingleId(CommandLine cmd) => cmd.Positionals.Count == 1
        ? cmd.Positionals[0]
        : throw new UsageException(cmd.Positionals.Count == 0 ? "give the case id (D-…)" : "give exactly one case id");

    private async Task<int> ActAsync(
        CommandLine cmd,
        string verb,
        string caseId,
        Func<CaseDetail?, CaseState?, Instant, CaseDecision> decide,
        CancellationToken ct,
        ApprovalPolicy? policy = null)
    {
        string? storeOption = cmd.Optional("store");
        cmd.EnsureAllUsed();
        await using IStoreSession session = await _ctx.OpenStore(storeOption, _ctx.Clock, ct).ConfigureAwait(false);
        CaseDetail? detail = await session.Store.GetCaseAsync(caseId, ct).ConfigureAwait(false);
        CaseState? state = detail is null ? null : CaseState.Fold(detail.Timeline) ?? CaseState.Raised(caseId);
        CaseDecision decision = decide(detail, state, _ctx.Clock.GetCurrentInstant());
        if (decision.Event is not { } e)
        {
            return _ctx.Refuse(verb, decision.Refusal!);
        }
        await session.Store.AppendCaseEventAsync(e, ct).ConfigureAwait(false);
        _ctx.Out.WriteLine(Confirmation(e, state!, detail!, policy ?? ApprovalPolicy.Default));
        return ExitCodes.Ok;
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
