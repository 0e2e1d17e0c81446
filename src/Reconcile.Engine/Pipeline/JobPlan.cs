using NodaTime;
using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;
using Reconcile.Engine.Store;
using Reconcile.Formats;

namespace Reconcile.Engine.Pipeline;

/// <summary>
/// What one run reads and reconciles: the day's files, the registry, and the accounts and partitions in scope.
/// </summary>
/// <param name="Accounts">The registry's accounts in scope, ordinal by number.</param>
/// <param name="Partitions">The partitions (bank × type) of those accounts, ordered.</param>
public sealed record JobPlan(
    InboxLayout Inbox,
    AccountRegistry Registry,
    RunScope Scope,
    IReadOnlyList<EscrowAccount> Accounts,
    IReadOnlyList<PartitionKey> Partitions,
    ReconcileOptions Options)
{
    public LocalDate BusinessDate => Inbox.BusinessDate;

    public static JobPlan Create(InboxLayout inbox, AccountRegistry registry, RunScope scope, ReconcileOptions options)
    {
        var accounts = registry.Accounts
            .Where(a => InScope(scope, a))
            .OrderBy(a => a.AccountNo, StringComparer.Ordinal)
            .ToList();
        var partitions = accounts.Select(PartitionKey.Of).Distinct().Order().ToList();
        return new JobPlan(inbox, registry, scope, accounts, partitions, options);
    }

    public static bool InScope(RunScope scope, EscrowAccount account) =>
        (scope.Bank is null || scope.Bank == account.Bank) && (scope.Type is null || scope.Type == account.Type);

    public bool InScope(EscrowAccount account) => InScope(Scope, account);
}
