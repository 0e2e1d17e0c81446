using NodaTime;
using Reconcile.Core.Reconciliation;
using Reconcile.Engine.Store;

namespace Reconcile.Engine.Tests.Pipeline.Fakes;

/// <summary>
/// A store in memory with the run semantics of <see cref="IReconcileStore"/>: commits are kept in order; the state an
/// account carries into day D is its state after the latest commit of the latest day before D.
/// </summary>
public sealed class InMemoryStore : IReconcileStore
{
    private readonly object _gate = new();
    private readonly List<RunCommit> _commits = [];

    public string Description => "memory:test";

    /// <summary>Thrown by <see cref="CommitRunAsync"/> when set (a store that fails at the last step).</summary>
    public Exception? FailCommitWith { get; set; }

    public IReadOnlyList<RunCommit> Commits
    {
        get
        {
            lock (_gate)
            {
                return _commits.ToList();
            }
        }
    }

    /// <summary>Records a committed day for an account directly (history set up by a test).</summary>
    public void Seed(string runId, LocalDate day, RunScope scope, string inputsHash, params AccountDayResult[] results)
    {
        var record = new RunRecord(runId, day, scope, inputsHash, [], "test", Instant.FromUtc(2024, 1, 1, 0, 0), Instant.FromUtc(2024, 1, 1, 0, 0), results.Select(r => r.Account.AccountNo).ToList());
        lock (_gate)
        {
            _commits.Add(new RunCommit(record, results));
        }
    }

    public Task<IReadOnlyDictionary<string, LocalDate>> LastRunDaysAsync(IReadOnlyCollection<string> accountNos, CancellationToken ct = default)
    {
        lock (_gate)
        {
            var days = new Dictionary<string, LocalDate>(StringComparer.Ordinal);
            foreach (RunCommit c in _commits)
            {
                foreach (AccountDayResult r in c.Results.Where(r => accountNos.Contains(r.Account.AccountNo)))
                {
                    if (!days.TryGetValue(r.Account.AccountNo, out LocalDate d) || d < c.Run.BusinessDate)
                    {
                        days[r.Account.AccountNo] = c.Run.BusinessDate;
                    }
                }
            }
            return Task.FromResult<IReadOnlyDictionary<string, LocalDate>>(days);
        }
    }

    public Task<IReadOnlyDictionary<string, AccountState>> StatesBeforeAsync(IReadOnlyCollection<string> accountNos, LocalDate businessDate, CancellationToken ct = default)
    {
        lock (_gate)
        {
            var states = new Dictionary<string, AccountState>(StringComparer.Ordinal);
            foreach (string no in accountNos)
            {
                AccountDayResult? latest = _commits
                    .Where(c => c.Run.BusinessDate < businessDate)
                    .Select((c, i) => (c, i))
                    .OrderBy(x => x.c.Run.BusinessDate)
                    .ThenBy(x => x.i)
                    .SelectMany(x => x.c.Results.Where(r => r.Account.AccountNo == no))
                    .LastOrDefault();
                states[no] = latest?.Next ?? AccountState.Empty(no);
            }
            return Task.FromResult<IReadOnlyDictionary<string, AccountState>>(states);
        }
    }

    public Task<RunRecord?> LatestRunAsync(LocalDate businessDate, RunScope scope, CancellationToken ct = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_commits.LastOrDefault(c => c.Run.BusinessDate == businessDate && c.Run.Scope == scope)?.Run);
        }
    }

    public Task CommitRunAsync(RunCommit commit, CancellationToken ct = default)
    {
        if (FailCommitWith is { } e)
        {
            throw e;
        }
        lock (_gate)
        {
            _commits.Add(commit);
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<CaseSummary>> ListCasesAsync(CaseQuery query, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<CaseDetail?> GetCaseAsync(string caseId, CancellationToken ct = default) => throw new NotSupportedException();

    public Task AppendCaseEventAsync(Reconcile.Core.Cases.CaseEvent caseEvent, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<InventoryHistory> InventoryAsync(LocalDate from, LocalDate to, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<ChainReport> VerifyChainAsync(CancellationToken ct = default) => throw new NotSupportedException();
}
