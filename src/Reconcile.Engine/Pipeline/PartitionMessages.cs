using NodaTime;
using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;
using Reconcile.Engine.Outputs;

namespace Reconcile.Engine.Pipeline;

/// <summary>A message for (or from) one partition: it carries the key it routes by.</summary>
public interface IPartitionMessage
{
    PartitionKey Partition { get; }
}

/// <summary>A statement's rows of the partition, in statement order. Answered with <see cref="BatchAccepted"/>.</summary>
public sealed record BankLineBatch(PartitionKey Partition, IReadOnlyList<BankLine> Lines) : IPartitionMessage;

/// <summary>The partition's entries of a range of ledger.csv, in file order. Answered with <see cref="BatchAccepted"/>.</summary>
public sealed record LedgerEntryBatch(PartitionKey Partition, IReadOnlyList<LedgerEntry> Entries) : IPartitionMessage;

/// <summary>The partition's sub-account balances. Answered with <see cref="BatchAccepted"/>.</summary>
public sealed record SubAccountBatch(PartitionKey Partition, IReadOnlyList<SubAccountBalance> Rows) : IPartitionMessage;

/// <summary>What a statement file says about its account and day, sent once its rows have been sent. Answered with <see cref="BatchAccepted"/>.</summary>
public sealed record StatementRead(PartitionKey Partition, StatementSummary Statement) : IPartitionMessage;

/// <summary>The partition has taken a batch.</summary>
public sealed record BatchAccepted(PartitionKey Partition, int Count) : IPartitionMessage;

/// <summary>
/// Every input has been read: reconcile each account of <paramref name="Accounts"/> that is open on the day or has
/// input, starting from its carried state (missing from <paramref name="States"/>: no history) and the keys it
/// matched on earlier days (<paramref name="Retained"/>; missing: none).
/// Answered with <see cref="PartitionReconciled"/> or <see cref="PartitionFailed"/>.
/// </summary>
public sealed record ReconcilePartition(
    PartitionKey Partition,
    LocalDate BusinessDate,
    IReadOnlyList<EscrowAccount> Accounts,
    IReadOnlyDictionary<string, AccountState> States,
    ReconcileOptions Options,
    IReadOnlyDictionary<string, RetainedKeys>? Retained = null) : IPartitionMessage;

/// <summary>The partition's results, ordinal by account number, and what it counted.</summary>
public sealed record PartitionReconciled(
    PartitionKey Partition,
    IReadOnlyList<AccountDayResult> Results,
    PartitionCounts Counts,
    long ElapsedMs) : IPartitionMessage;

/// <summary>Reconciling the partition failed.</summary>
public sealed record PartitionFailed(PartitionKey Partition, Exception Error) : IPartitionMessage;
