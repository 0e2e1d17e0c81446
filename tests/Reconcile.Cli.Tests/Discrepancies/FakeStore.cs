using NodaTime;
using Reconcile.Cli.Commands;
using Reconcile.Core.Access;
using Reconcile.Core.Cases;
using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;
using Reconcile.Engine.Store;

namespace Reconcile.Cli.Tests.Discrepancies;

/// <summary>
/// An in-memory store for the command tests: cases with their timelines (the summary's status and assignee follow
/// the fold of the timeline, as the real read model does), and a fixed inventory history. It returns every case
/// from <see cref="ListCasesAsync"/> so that the tests see the command's own filtering.
/// </summary>
internal sealed class FakeStore : IReconcileStore, IStoreSession
{
    private readonly Dictionary<string, (CaseSummary Summary, Discrepancy Discrepancy, List<CaseEvent> Timeline)> _cases = new(StringComparer.Ordinal);

    private readonly List<UserAccount> _users = [];

    public List<CaseEvent> Appended { get; } = [];

    public List<AccessEvent> AccessAppended { get; } = [];

    public StorePolicy Policy { get; private set; } = StorePolicy.Default;

    public InventoryHistory Inventory { get; set; } = new([], [], []);

    public string? OpenedWith { get; private set; }

    public int Opened { get; private set; }

    public string Description => "memory:";

    public IReconcileStore Store => this;

    public FakeStore Add(CaseSummary summary, Discrepancy discrepancy, params CaseEvent[] timeline)
    {
        _cases[summary.CaseId] = (summary, discrepancy, timeline.ToList());
        return this;
    }

    public Task<IStoreSession> Open(string? store, IClock clock, CancellationToken ct)
    {
        OpenedWith = store;
        Opened++;
        return Task.FromResult<IStoreSession>(this);
    }

    public Task<IReadOnlyList<CaseSummary>> ListCasesAsync(CaseQuery query, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<CaseSummary>>(_cases.Values.Select(c => Current(c.Summary, c.Timeline)).ToList());

    public Task<CaseDetail?> GetCaseAsync(string caseId, CancellationToken ct = default) =>
        Task.FromResult(_cases.TryGetValue(caseId, out var c) ? new CaseDetail(Current(c.Summary, c.Timeline), c.Discrepancy, c.Timeline.ToList()) : null);

    public Task AppendCaseEventAsync(CaseEvent caseEvent, CancellationToken ct = default)
    {
        Appended.Add(caseEvent);
        _cases[caseEvent.CaseId].Timeline.Add(caseEvent);
        return Task.CompletedTask;
    }

    public Task<InventoryHistory> InventoryAsync(LocalDate from, LocalDate to, CancellationToken ct = default) => Task.FromResult(Inventory);

    public Task<IReadOnlyDictionary<string, LocalDate>> LastRunDaysAsync(IReadOnlyCollection<string> accountNos, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<IReadOnlyDictionary<string, AccountState>> StatesBeforeAsync(IReadOnlyCollection<string> accountNos, LocalDate businessDate, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<RunRecord?> LatestRunAsync(LocalDate businessDate, RunScope scope, CancellationToken ct = default) => throw new NotSupportedException();

    public Task CommitRunAsync(RunCommit commit, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<ChainReport> VerifyChainAsync(CancellationToken ct = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<UserAccount>> UsersAsync(CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<UserAccount>>(_users.OrderBy(u => u.Name.ToUpperInvariant(), StringComparer.Ordinal).ToList());

    public Task<StorePolicy> PolicyAsync(CancellationToken ct = default) => Task.FromResult(Policy);

    /// <summary>Applies the change as the store's access projection does.</summary>
    public Task AppendAccessEventAsync(AccessEvent e, CancellationToken ct = default)
    {
        AccessAppended.Add(e);
        int i = e.User is null ? -1 : _users.FindIndex(u => CaseWorkflow.SamePerson(u.Name, e.User));
        switch (e.Kind)
        {
            case AccessEventKind.USER_ADDED:
                _users.Add(new UserAccount(e.User!.Trim(), e.Role!.Value, false, e.PasswordHash!, null, e.At));
                break;
            case AccessEventKind.USER_DISABLED:
                _users[i] = _users[i] with { Disabled = true, TokenHash = null };
                break;
            case AccessEventKind.PASSWORD_CHANGED:
                _users[i] = _users[i] with { PasswordHash = e.PasswordHash! };
                break;
            case AccessEventKind.TOKEN_ISSUED:
                _users[i] = _users[i] with { TokenHash = e.TokenHash };
                break;
            case AccessEventKind.POLICY_SET:
                Policy = new StorePolicy(e.Threshold!.Value);
                break;
        }
        return Task.CompletedTask;
    }

    /// <summary>Adds a user directly (the tests' shortcut for `users add`), with a real password hash.</summary>
    public FakeStore WithUser(string name, Role role, string password)
    {
        _users.Add(new UserAccount(name, role, false, Reconcile.Application.Secrets.HashPassword(password), null, Instant.FromUtc(2024, 11, 1, 0, 0)));
        return this;
    }

    public FakeStore WithThreshold(decimal yuan)
    {
        Policy = new StorePolicy(Money.FromYuan(yuan));
        return this;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static CaseSummary Current(CaseSummary s, List<CaseEvent> timeline)
    {
        CaseState state = CaseState.Fold(timeline) ?? CaseState.Raised(s.CaseId);
        return s with { Status = state.Status, Assignee = state.Assignee };
    }
}
