using Reconcile.Core.Access;
using NodaTime;
using Reconcile.Core.Cases;
using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;

namespace Reconcile.Engine.Store;

/// <summary>
/// The store: everything kept between runs (open items, closing balances, discrepancy cases and their history,
/// run records, inventory rows). Backed by Akka.Persistence.Sql (SQLite file by default, PostgreSQL for scale).
/// Every write is atomic: a run is committed whole or not at all.
/// </summary>
public interface IReconcileStore
{
    /// <summary>For manifests and messages: "sqlite:/abs/path.db" or "postgresql://host:port/db" (never a password).</summary>
    string Description { get; }

    /// <summary>
    /// The last business day each account has a committed run for (absent: no history).
    /// </summary>
    Task<IReadOnlyDictionary<string, LocalDate>> LastRunDaysAsync(IReadOnlyCollection<string> accountNos, CancellationToken ct = default);

    /// <summary>
    /// The state each account carries into <paramref name="businessDate"/>: the state after the latest run of the
    /// latest day before it, with resolutions applied; <see cref="AccountState.Empty"/> for an account with no history.
    /// </summary>
    Task<IReadOnlyDictionary<string, AccountState>> StatesBeforeAsync(IReadOnlyCollection<string> accountNos, LocalDate businessDate, CancellationToken ct = default);

    /// <summary>
    /// The bank serials and payment refs each account matched on the <paramref name="retentionDays"/> days before
    /// <paramref name="businessDate"/> — never that day or a later one, so a re-run of an earlier day does not see its
    /// own keys — for the duplicate check across days. Accounts with none are left out. (Stores that keep no keys: none.)
    /// </summary>
    Task<IReadOnlyDictionary<string, RetainedKeys>> RetainedKeysAsync(
        IReadOnlyCollection<string> accountNos, LocalDate businessDate, int retentionDays, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyDictionary<string, RetainedKeys>>(new Dictionary<string, RetainedKeys>());

    /// <summary>The latest committed run of that day whose scope is <paramref name="scope"/>, if any.</summary>
    Task<RunRecord?> LatestRunAsync(LocalDate businessDate, RunScope scope, CancellationToken ct = default);

    /// <summary>
    /// Commits a run atomically: its record, every account's result and next state, and the case events it implies
    /// (RAISED for new ids, SEEN_AGAIN for open ones, AUTO_CLEARED for <see cref="AccountDayResult.Cleared"/>,
    /// SUPERSEDED for open findings of an earlier run of the day that this one no longer lists).
    /// A later commit of the same day and accounts supersedes the earlier one; both are kept.
    /// </summary>
    Task CommitRunAsync(RunCommit commit, CancellationToken ct = default);

    /// <summary>Cases matching the query, from the read model (no replay per query).</summary>
    Task<IReadOnlyList<CaseSummary>> ListCasesAsync(CaseQuery query, CancellationToken ct = default);

    /// <summary>One case in full: the discrepancy as last seen (both sides, candidates) and its timeline. Null if unknown.</summary>
    Task<CaseDetail?> GetCaseAsync(string caseId, CancellationToken ct = default);

    /// <summary>
    /// Appends a person's action (ASSIGNED, COMMENTED, RESOLUTION_REQUESTED, RESOLVED, APPROVED, REJECTED, REOPENED).
    /// Validation (unknown id, already resolved, approver = maker, …) happens before, in the case workflow; a
    /// resolution that takes effect removes the item from the account's open items / standing findings, as
    /// <see cref="Resolutions"/> in the core says.
    /// </summary>
    Task AppendCaseEventAsync(CaseEvent caseEvent, CancellationToken ct = default);

    /// <summary>
    /// Appends a person's action together with the case it needs opened first (<paramref name="opening"/>: undoing a
    /// pair the ladder made), in one record. (Added by the store; fakes take no opening.)
    /// </summary>
    Task AppendCaseEventAsync(CaseEvent caseEvent, CaseOpening? opening, CancellationToken ct = default) => opening is null
        ? AppendCaseEventAsync(caseEvent, ct)
        : throw new NotSupportedException("this store cannot open a case for an automatic pair");

    /// <summary>
    /// The state the account carries out of its latest day run, with the decisions taken since (null: no history): its
    /// open items are what a person may pair by hand. (Added by the store; fakes keep none.)
    /// </summary>
    Task<AccountDayState?> LatestStateAsync(string accountNo, CancellationToken ct = default) => Task.FromResult<AccountDayState?>(null);

    /// <summary>The inventory rows of the latest run of each account and day in [from, to], with the runs that made them.</summary>
    Task<InventoryHistory> InventoryAsync(LocalDate from, LocalDate to, CancellationToken ct = default);

    /// <summary>
    /// Every committed run of the business days in [from, to], superseded ones included, in commit order.
    /// (Added by the store; the default answers with the runs behind the inventory, for fakes that keep no more.)
    /// </summary>
    async Task<IReadOnlyList<RunRecord>> RunsAsync(LocalDate from, LocalDate to, CancellationToken ct = default) =>
        (await InventoryAsync(from, to, ct).ConfigureAwait(false)).Runs;

    /// <summary>The store's users, ordered by name (none: single-user mode). Stores that keep no users answer none.</summary>
    Task<IReadOnlyList<UserAccount>> UsersAsync(CancellationToken ct = default) => Task.FromResult<IReadOnlyList<UserAccount>>([]);

    /// <summary>The store's policy (the approval threshold an admin set; the default when none did).</summary>
    Task<StorePolicy> PolicyAsync(CancellationToken ct = default) => Task.FromResult(StorePolicy.Default);

    /// <summary>Appends a change to the users or the policy: one audited record in the hash chain.</summary>
    Task AppendAccessEventAsync(AccessEvent accessEvent, CancellationToken ct = default) =>
        throw new NotSupportedException("this store keeps no users");

    /// <summary>
    /// Whether an account-day before <paramref name="businessDate"/> of <paramref name="accountNos"/> was committed
    /// after run <paramref name="runId"/>: an earlier day was run again since, so what the day carries in changed
    /// and running it again with the same files is not a no-op. (Stores that cannot tell answer false.)
    /// </summary>
    Task<bool> CarriedInChangedSinceAsync(string runId, IReadOnlyCollection<string> accountNos, LocalDate businessDate, CancellationToken ct = default) =>
        Task.FromResult(false);

    /// <summary>The chain's last record (null: empty, or a store without a chain), published in export manifests.</summary>
    Task<ChainHead?> ChainHeadAsync(CancellationToken ct = default) => Task.FromResult<ChainHead?>(null);

    /// <summary>Walks the hash chain of run records and case events; names the first record that does not fit.</summary>
    Task<ChainReport> VerifyChainAsync(CancellationToken ct = default);
}

/// <summary>Which partitions a run covered (null = all).</summary>
public sealed record RunScope(Bank? Bank, EscrowType? Type)
{
    public static readonly RunScope All = new(null, null);

    public override string ToString() => $"{Bank?.ToString() ?? "ALL"}/{Type?.ToString() ?? "ALL"}";
}

/// <summary>An input file of a run with its SHA-256 (hex, lower case) and data row count.</summary>
public sealed record InputFile(string Path, string Sha256, long Rows);

/// <summary>A committed run.</summary>
/// <param name="InputsHash">SHA-256 over the ordered input file hashes: same files ⇒ same hash.</param>
/// <param name="Counts">What the run found per account (the store fills it in at commit; null for runs committed
/// before it kept them).</param>
/// <param name="Warning">What the run warned of when it ran (null: nothing), e.g. that the day was run again after
/// later days were run, naming the latest of them: what they carried forward rests on the result it replaced.</param>
public sealed record RunRecord(
    string RunId,
    LocalDate BusinessDate,
    RunScope Scope,
    string InputsHash,
    IReadOnlyList<InputFile> Inputs,
    string EngineVersion,
    Instant StartedAt,
    Instant FinishedAt,
    IReadOnlyList<string> AccountNos,
    IReadOnlyList<AccountRunCounts>? Counts = null,
    string? Warning = null);

/// <summary>One account's day in a run: pairs the ladder matched, items in transit, discrepancies by category.</summary>
public sealed record AccountRunCounts(string AccountNo, Bank Bank, EscrowType Type, int Matched, int InTransit, IReadOnlyList<CategoryCount> Discrepancies)
{
    public int DiscrepancyCount => Discrepancies.Sum(d => d.Count);

    public static AccountRunCounts Of(AccountDayResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new AccountRunCounts(
            r.Account.AccountNo, r.Account.Bank, r.Account.Type, r.Matches.Count, r.InTransit.Count,
            r.Discrepancies.GroupBy(d => d.Category).OrderBy(g => g.Key).Select(g => new CategoryCount(g.Key, g.Count())).ToList());
    }
}

public sealed record CategoryCount(Category Category, int Count);

/// <summary>What a run hands to the store to commit at once.</summary>
public sealed record RunCommit(RunRecord Run, IReadOnlyList<AccountDayResult> Results);

public sealed record CaseQuery(
    CaseStatusFilter Status = CaseStatusFilter.Open,
    Bank? Bank = null,
    EscrowType? Type = null,
    Category? Category = null,
    int? MinAgeDays = null,
    Money? MinAmount = null,
    LocalDate? AgeOn = null);

public enum CaseStatusFilter
{
    /// <summary>OPEN, REOPENED and PENDING_APPROVAL.</summary>
    Open,

    /// <summary>RESOLVED, AUTO_CLEARED and SUPERSEDED (closed).</summary>
    Resolved,

    /// <summary>SUPERSEDED: findings a re-run of their day no longer made.</summary>
    Superseded,

    /// <summary>Every case, whatever its status.</summary>
    All,
}

/// <summary>A row of the read model: what `discrepancies list` shows.</summary>
/// <param name="LastSeen">The business day of the last run that listed it.</param>
/// <param name="AgeDays">Days from FirstSeen to LastSeen (or to <see cref="CaseQuery.AgeOn"/> when given).</param>
public sealed record CaseSummary(
    string CaseId,
    Bank Bank,
    EscrowType Type,
    string AccountNo,
    Category Category,
    Direction? Direction,
    Money? BankAmount,
    Money? LedgerAmount,
    string? BankSerial,
    IReadOnlyList<string> LedgerEntryIds,
    LocalDate FirstSeen,
    LocalDate LastSeen,
    int AgeDays,
    CaseStatus Status,
    string? Assignee,
    string Detail);

public sealed record CaseDetail(CaseSummary Summary, Discrepancy Discrepancy, IReadOnlyList<CaseEvent> Timeline);

public sealed record InventoryHistory(IReadOnlyList<InventoryRow> Rows, IReadOnlyList<RunRecord> Runs, IReadOnlyList<LocalDate> DaysWithoutRun);

/// <summary>Result of walking the chain. <see cref="FirstBadRecord"/> names the first record that does not fit (null when intact).</summary>
public sealed record ChainReport(bool Intact, long RecordsChecked, string? FirstBadRecord, string? Problem);

/// <summary>An account's carried state and the business day it was carried out of.</summary>
public sealed record AccountDayState(LocalDate BusinessDate, AccountState State);
