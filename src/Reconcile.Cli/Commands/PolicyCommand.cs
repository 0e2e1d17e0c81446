using System.CommandLine;
using Reconcile.Application;
using Reconcile.Core.Access;
using Reconcile.Core.Model;

namespace Reconcile.Cli.Commands;

/// <summary>
/// <c>reconcile policy set|show</c>: the store's settings that bind every user. Today one: the approval threshold
/// (a resolution whose amount is at or above it waits for a second person). Only an admin sets it; each change is
/// an audited record in the hash chain.
/// </summary>
public sealed class PolicyCommand
{

    private readonly StoreCommandContext _ctx;

    public static Command Build(CliServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var setting = new Argument<string>("SETTING") { Description = "The setting: approval-threshold." };
        setting.AcceptOnlyFromAmong("approval-threshold");
        var set = new Command("set", "Set a policy of the store (an admin only; audited). approval-threshold: a resolution at or above this amount in yuan waits for a second person." +
            "\n\nExample:\n  reconcile policy set approval-threshold 50000.00 --by zhang")
        {
            setting,
            new Argument<string[]>("VALUE") { Description = "The value (approval-threshold: an amount in yuan such as 50000.00).", Arity = ArgumentArity.ZeroOrMore },
            CliOptions.By(),
            CliOptions.PasswordStdin(),
            CliOptions.Store(),
        };
        set.SetHandler(cmd => new PolicyCommand(services.Context()).SetAsync(cmd).GetAwaiter().GetResult());
        var show = new Command("show", "Show the store's policy.\n\nExample:\n  reconcile policy show") { CliOptions.Store() };
        show.SetHandler(cmd => new PolicyCommand(services.Context()).ShowAsync(cmd).GetAwaiter().GetResult());
        return new Command("policy", "The store's settings that bind every user.\n\nExample:\n  reconcile policy show") { set, show };
    }

    public PolicyCommand(StoreCommandContext context)
    {
        _ctx = context ?? throw new ArgumentNullException(nameof(context));
    }

    public async Task<int> SetAsync(CommandLine cmd, CancellationToken ct = default)
    {
        if (cmd.Positionals.Count != 2 || cmd.Positionals[0] != "approval-threshold")
        {
            throw new UsageException("give the setting and its value: policy set approval-threshold 50000.00");
        }
        if (!Money.TryParseYuan(cmd.Positionals[1], out Money threshold) || threshold.IsNegative)
        {
            throw new UsageException($"approval-threshold '{cmd.Positionals[1]}': expected an amount in yuan such as 50000.00 (at most two decimals, not negative)");
        }
        string? storeOption = cmd.Optional("store");
        string? by = cmd.Optional("by");
        bool passwordStdin = cmd.Switch("password-stdin");
        cmd.EnsureAllUsed();
        await using IStoreSession session = await _ctx.OpenExistingStoreAsync(storeOption, ct).ConfigureAwait(false);
        var access = new AccessService(session.Store, _ctx.Clock);
        try
        {
            if (!await access.HasUsersAsync(ct).ConfigureAwait(false))
            {
                throw new RefusedException("the policy is set by an admin, and this store has no users yet: add the first admin with `reconcile users add NAME --role admin`");
            }
            Actor caller = await CliIdentity.SignInAsync(_ctx, access, by, passwordStdin, ct).ConfigureAwait(false);
            StorePolicy before = await access.PolicyAsync(ct).ConfigureAwait(false);
            await access.SetApprovalThresholdAsync(caller, threshold, ct).ConfigureAwait(false);
            _ctx.Out.WriteLine($"approval threshold {before.ApprovalThreshold} -> {threshold} (by {caller.Name}); resolutions of this amount or more now wait for an approver");
            return ExitCodes.Ok;
        }
        catch (RefusedException e)
        {
            return _ctx.Refuse("policy set", e.Message);
        }
    }

    public async Task<int> ShowAsync(CommandLine cmd, CancellationToken ct = default)
    {
        string? storeOption = cmd.Optional("store");
        if (cmd.Positionals.Count > 0)
        {
            throw new UsageException($"unexpected argument '{cmd.Positionals[0]}'");
        }
        cmd.EnsureAllUsed();
        await using IStoreSession session = await _ctx.OpenExistingStoreAsync(storeOption, ct).ConfigureAwait(false);
        StorePolicy policy = await session.Store.PolicyAsync(ct).ConfigureAwait(false);
        _ctx.Out.WriteLine($"approval-threshold {policy.ApprovalThreshold}");
        return ExitCodes.Ok;
    }

}
