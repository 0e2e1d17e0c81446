using Reconcile.Core.Access;
using Akka.Actor;
using NodaTime;
using Reconcile.Core.Cases;
using Reconcile.Core.Reconciliation;

namespace Reconcile.Engine.Store;

/// <summary>
/// <see cref="IReconcileStore"/> over Akka.Persistence.Sql: writes go to the single <see cref="ReconcileStoreActor"/>
/// (one journal record each); reads go straight to the read-model tables, which that actor keeps in step.
/// </summary>
public sealed class ReconcileStore : IReconcileStore
{
    private readonly StoreDatabase _db;
    private readonly ReadModel _reads;
    private readonly IActorRef _writer;

    public ReconcileStore(StoreDatabase db, IActorRef writer)
    {
        _db = db ?? throw new ArgumentNullException(nameof(db));
        _writer = writer ?? throw new ArgumentNullException(nameof(writer));
        _reads = new ReadModel(db);
    }

    /// <summary>How long a write may take (a run of tens of thousands of accounts takes seconds).</summary>
    public static TimeSpan WriteTimeout { get; } = TimeSpan.FromMinutes(10);

    public string Description => _db.Location.Description;

    public Task<IReadOnlyDictionary<string, LocalDate>> LastRunDaysAsync(IReadOnlyCollection<string> accountNos, CancellationToken ct = default) =>
        Task.Run(() => _reads.LastRunDays(accountNos), ct);

    public Task<IReadOnlyDictionary<string, AccountState>> StatesBeforeAsync(IReadOnlyCollection<string> accountNos, LocalDate businessDate, CancellationToken ct = default) =>
        Task.Run(() => _reads.StatesBefore(accountNos, businessDate), ct);

    public Task<IReadOnlyDictionary<string, RetainedKeys>> RetainedKeysAsync(
        IReadOnlyCollection<string> accountNos, LocalDate businessDate, int retentionDays, CancellationToken ct = default) =>
        Task.Run(() => _reads.RetainedKeys(accountNos, businessDate, retentionDays), ct);

    public Task<RunRecord?> LatestRunAsync(LocalDate businessDate, RunScope scope, CancellationToken ct = default) =>
        Task.Run(() => _reads.LatestRun(businessDate, scope), ct);

    public async Task CommitRunAsync(RunCommit commit, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(commit);
        await WriteAsync(new CommitRunCommand(commit), ct).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<CaseSummary>> ListCasesAsync(CaseQuery query, CancellationToken ct = default) =>
        Task.Run(() => _reads.ListCases(query), ct);

    public Task<CaseDetail?> GetCaseAsync(string caseId, CancellationToken ct = default) =>
        Task.Run(() => _reads.GetCase(caseId), ct);

    public Task<AccountDayState?> LatestStateAsync(string accountNo, CancellationToken ct = default) =>
        Task.Run(() => _reads.LatestState(accountNo), ct);

    public async Task AppendCaseEventAsync(CaseEvent caseEvent, CancellationToken ct = default)
    {
        await AppendCaseEventAsync(caseEvent, null, ct).ConfigureAwait(false);
    }

    public async Task AppendCaseEventAsync(CaseEvent caseEvent, CaseOpening? opening, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caseEvent);
        await WriteAsync(new AppendCaseEventCommand(caseEvent, opening), ct).ConfigureAwait(false);
    }

    public Task<InventoryHistory> InventoryAsync(LocalDate from, LocalDate to, CancellationToken ct = default) =>
        Task.Run(() => _reads.Inventory(from, to), ct);

    public Task<IReadOnlyList<RunRecord>> RunsAsync(LocalDate from, LocalDate to, CancellationToken ct = default) =>
        Task.Run(() => _reads.Runs(from, to), ct);

    public Task<IReadOnlyList<UserAccount>> UsersAsync(CancellationToken ct = default) =>
        Task.Run(() =>
        {
            using System.Data.Common.DbConnection c = _db.Open();
            return AccessProjection.Users(c);
        }, ct);

    public Task<StorePolicy> PolicyAsync(CancellationToken ct = default) =>
        Task.Run(() =>
        {
            using System.Data.Common.DbConnection c = _db.Open();
            return AccessProjection.Policy(c);
        }, ct);

    public async Task AppendAccessEventAsync(AccessEvent accessEvent, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(accessEvent);
        await WriteAsync(new AppendAccessEventCommand(accessEvent), ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends a write to the writer (through <see cref="StoreWriterSupervisor"/>, which retries it when another process
    /// on the same store wrote first).
    /// </summary>
    private Task<StoreAck> WriteAsync(object command, CancellationToken ct) => _writer.Ask<StoreAck>(command, WriteTimeout, ct);

    public Task<bool> CarriedInChangedSinceAsync(string runId, IReadOnlyCollection<string> accountNos, LocalDate businessDate, CancellationToken ct = default) =>
        Task.Run(() => _reads.CarriedInChangedSince(runId, accountNos, businessDate), ct);

    public Task<ChainHead?> ChainHeadAsync(CancellationToken ct = default) =>
        Task.Run(() => ChainVerifier.Head(_db), ct);

    public Task<ChainReport> VerifyChainAsync(CancellationToken ct = default) =>
        Task.Run(() => ChainVerifier.Verify(_db, ct), ct);

    /// <summary>Waits until the writer has recovered and the read model has caught up with the journal.</summary>
    public Task<StoreReady> WaitReadyAsync(CancellationToken ct = default) =>
        _writer.Ask<StoreReady>(StoreReadyQuery.Instance, WriteTimeout, ct);
}
