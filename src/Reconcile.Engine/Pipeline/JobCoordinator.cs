using System.Diagnostics;
using Akka.Actor;
using NodaTime;
using NodaTime.Text;
using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;
using Reconcile.Engine.Outputs;
using Reconcile.Engine.Store;

namespace Reconcile.Engine.Pipeline;

/// <summary>
/// Coordinates one job at a time: refuses a day that would leave a gap in an account's history, starts one
/// <see cref="PartitionActor"/> per bank × escrow type in scope, delivers the inputs to them (read by
/// <see cref="InputFeeder"/>, usually begun before the job as an <see cref="InputRead"/>) while it loads the carried
/// state from the store, then has every partition reconcile its
/// accounts in parallel and answers the asker with all the results (<see cref="JobComputed"/>). Any failure — an input
/// error, a partition that fails or crashes — stops the job and its partitions and answers <see cref="JobFailed"/>.
/// The coordinator stores nothing: committing is the caller's step, after every result is in.
/// </summary>
public sealed class JobCoordinator : ReceiveActor
{
    private readonly Func<IReconcileStore> _storeProvider;
    private readonly Func<AccountDayInput, AccountDayResult>? _reconcile;
    private readonly IActorRef _self;
    private Job? _job;
    private int _sequence;

    /// <param name="store">Gives the store when a job starts (the host creates the store after its actors).</param>
    /// <param name="reconcile">Passed to the partitions; null for <see cref="AccountReconciler.Reconcile"/>.</param>
    public JobCoordinator(Func<IReconcileStore> store, Func<AccountDayInput, AccountDayResult>? reconcile = null)
    {
        _storeProvider = store;
        _reconcile = reconcile;
        _self = Self;
        Idle();
    }

    public static Props Props(IReconcileStore store, Func<AccountDayInput, AccountDayResult>? reconcile = null) =>
        Props(() => store, reconcile);

    public static Props Props(Func<IReconcileStore> store, Func<AccountDayInput, AccountDayResult>? reconcile = null) =>
        Akka.Actor.Props.Create(() => new JobCoordinator(store, reconcile));

    private IReconcileStore Store => _storeProvider();

    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(e =>
    {
        // A partition that throws has lost its part of the job: never restart it with half its input.
        _self.Tell(new PartitionCrashed(_job?.Id, e));
        return Directive.Stop;
    });

    protected override void PostStop()
    {
        _job?.Cancel();
        base.PostStop();
    }

    private void Idle()
    {
        Receive<StartJob>(Begin);
        ReceiveAny(_ => { }); // late replies of a job that has ended
    }

    private void Busy()
    {
        Receive<StartJob>(m => Sender.Tell(new JobFailed(m.JobId, new InvalidOperationException($"job {_job!.Id} is still running"))));
        Receive<HistoryLoaded>(m => IsCurrent(m.JobId), OnHistory);
        Receive<InputsRead>(m => IsCurrent(m.JobId), OnInputsRead);
        Receive<StatesLoaded>(m => IsCurrent(m.JobId), OnStatesLoaded);
        Receive<RetainedLoaded>(m => IsCurrent(m.JobId), OnRetainedLoaded);
        Receive<StepFailed>(m => IsCurrent(m.JobId), m => Fail(m.Error));
        Receive<PartitionCrashed>(m => IsCurrent(m.JobId), m => Fail(m.Error));
        Receive<PartitionReconciled>(_ => IsCurrentPartition(Sender), OnPartitionReconciled);
        Receive<PartitionFailed>(_ => IsCurrentPartition(Sender), m => Fail(m.Error));
        ReceiveAny(_ => { });
    }

    private void Begin(StartJob start)
    {
        if (start.Inputs is { } inputs && !ReferenceEquals(inputs.Plan, start.Plan))
        {
            Sender.Tell(new JobFailed(start.JobId, new ArgumentException("the inputs being read are not those of the job's plan", nameof(start))));
            return;
        }
        var job = new Job(start, Sender, ++_sequence);
        _job = job;
        Become(Busy);
        JobPlan plan = start.Plan;
        start.Observer.Planned(plan.Partitions
            .Select(p => (p, plan.Accounts.Count(a => PartitionKey.Of(a) == p)))
            .ToList());
        var accountNos = plan.Accounts.Select(a => a.AccountNo).ToList();
        string id = start.JobId;
        Timed(() => Store.LastRunDaysAsync(accountNos, job.Token))
            .PipeTo(_self, success: r => new HistoryLoaded(id, r.Value, r.Ms), failure: e => new StepFailed(id, e));
    }

    private void OnHistory(HistoryLoaded history)
    {
        Job job = _job!;
        job.StoreMs += history.Ms;
        JobPlan plan = job.Start.Plan;
        if (GapError(plan, history.LastRunDays) is { } gap)
        {
            Fail(gap);
            return;
        }
        foreach (PartitionKey key in plan.Partitions)
        {
            job.Partitions[key] = Context.ActorOf(
                PartitionActor.Props(key, job.Start.Observer, _reconcile),
                $"partition-{key.PathName}-{job.Sequence}");
        }
        string id = job.Id;
        var partitions = new Dictionary<PartitionKey, IActorRef>(job.Partitions);
        Deliver(job.Start, partitions, job.Token)
            .PipeTo(_self, success: r => new InputsRead(id, r.Report, r.Ms), failure: e => new StepFailed(id, e));
        var accountNos = plan.Accounts.Select(a => a.AccountNo).ToList();
        Timed(() => Store.StatesBeforeAsync(accountNos, plan.BusinessDate, job.Token))
            .PipeTo(_self, success: r => new StatesLoaded(id, r.Value, r.Ms), failure: e => new StepFailed(id, e));
        Timed(() => Store.RetainedKeysAsync(accountNos, plan.BusinessDate, plan.Options.RetentionDays, job.Token))
            .PipeTo(_self, success: r => new RetainedLoaded(id, r.Value, r.Ms), failure: e => new StepFailed(id, e));
    }

    /// <summary>
    /// An account in scope whose last run is before D−1 would skip a day: refuse, naming the day to run first.
    /// A re-run of an earlier day (last run on or after D) is allowed.
    /// </summary>
    public static InputException? GapError(JobPlan plan, IReadOnlyDictionary<string, LocalDate> lastRunDays)
    {
        LocalDate yesterday = plan.BusinessDate.PlusDays(-1);
        var gaps = plan.Accounts
            .Where(a => lastRunDays.TryGetValue(a.AccountNo, out LocalDate last) && last < yesterday)
            .Select(a => (a.AccountNo, Last: lastRunDays[a.AccountNo]))
            .OrderBy(g => g.Last)
            .ThenBy(g => g.AccountNo, StringComparer.Ordinal)
            .ToList();
        if (gaps.Count == 0)
        {
            return null;
        }
        (string account, LocalDate last) = gaps[0];
        string next = LocalDatePattern.Iso.Format(last.PlusDays(1));
        string more = gaps.Count > 1 ? $" ({gaps.Count} accounts are behind)" : "";
        return new InputException(
            plan.Inbox.DayFolder,
            0,
            null,
            $"account {account} was last reconciled on {LocalDatePattern.Iso.Format(last)}{more}: days must be run in order, run {next} first");
    }

    private void OnInputsRead(InputsRead read)
    {
        _job!.Feed = read.Report;
        _job.ReadMs = read.Ms;
        ReconcileWhenReady();
    }

    private void OnStatesLoaded(StatesLoaded loaded)
    {
        _job!.States = loaded.States;
        _job.StoreMs += loaded.Ms;
        ReconcileWhenReady();
    }

    private void OnRetainedLoaded(RetainedLoaded loaded)
    {
        _job!.Retained = loaded.Keys;
        _job.StoreMs += loaded.Ms;
        ReconcileWhenReady();
    }

    private void ReconcileWhenReady()
    {
        Job job = _job!;
        if (job.Feed is null || job.States is null || job.Retained is null)
        {
            return;
        }
        JobPlan plan = job.Start.Plan;
        job.Start.Observer.PhaseStarted(RunPhase.Match);
        job.MatchClock.Start();
        if (job.Partitions.Count == 0)
        {
            Complete();
            return;
        }
        foreach (var (key, partition) in job.Partitions)
        {
            var accounts = plan.Accounts.Where(a => PartitionKey.Of(a) == key).ToList();
            var states = accounts
                .Where(a => job.States.ContainsKey(a.AccountNo))
                .ToDictionary(a => a.AccountNo, a => job.States[a.AccountNo], StringComparer.Ordinal);
            var retained = accounts
                .Where(a => job.Retained.ContainsKey(a.AccountNo))
                .ToDictionary(a => a.AccountNo, a => job.Retained[a.AccountNo], StringComparer.Ordinal);
            partition.Tell(new ReconcilePartition(key, plan.BusinessDate, accounts, states, plan.Options, retained));
        }
    }

    private void OnPartitionReconciled(PartitionReconciled done)
    {
        Job job = _job!;
        job.Done[done.Partition] = done;
        try
        {
            job.Start.Hooks?.AfterPartitionReconciled?.Invoke(done.Partition, job.Done.Count);
        }
#pragma warning disable CA1031 // a hook's exception is the simulated crash: it fails the job like any other
        catch (Exception e)
#pragma warning restore CA1031
        {
            Fail(e);
            return;
        }
        if (job.Done.Count == job.Partitions.Count)
        {
            Complete();
        }
    }

    private void Complete()
    {
        Job job = _job!;
        var ordered = job.Done.Values.OrderBy(d => d.Partition).ToList();
        var computed = new JobComputed(
            job.Id,
            ordered.SelectMany(d => d.Results).ToList(),
            ordered.Select(d => d.Counts).ToList(),
            job.Feed!,
            new JobTimings(job.ReadMs, job.StoreMs, job.MatchClock.ElapsedMilliseconds));
        job.ReplyTo.Tell(computed);
        EndJob();
    }

    private void Fail(Exception error)
    {
        Job job = _job!;
        job.ReplyTo.Tell(new JobFailed(job.Id, error is AggregateException a ? a.GetBaseException() : error));
        EndJob();
    }

    private void EndJob()
    {
        Job job = _job!;
        job.Cancel();
        foreach (IActorRef partition in job.Partitions.Values)
        {
            Context.Stop(partition);
        }
        _job = null;
        Become(Idle);
    }

    private bool IsCurrent(string? jobId) => _job is not null && string.Equals(jobId, _job.Id, StringComparison.Ordinal);

    private bool IsCurrentPartition(IActorRef sender) => _job is not null && _job.Partitions.Values.Contains(sender);

    /// <summary>The inputs the run started reading before the job (if it did), else read here; then sent to the partitions.</summary>
    private static async Task<(FeedReport Report, long Ms)> Deliver(StartJob start, Dictionary<PartitionKey, IActorRef> partitions, CancellationToken ct)
    {
        if (start.Inputs is { } early)
        {
            return await early.DeliverAsync(partitions, ct).ConfigureAwait(false);
        }
        await using InputRead read = InputRead.Start(start.Plan, start.Observer, ct);
        return await read.DeliverAsync(partitions, ct).ConfigureAwait(false);
    }

    private static async Task<(T Value, long Ms)> Timed<T>(Func<Task<T>> work)
    {
        var clock = Stopwatch.StartNew();
        T value = await work().ConfigureAwait(false);
        return (value, clock.ElapsedMilliseconds);
    }

    private sealed record HistoryLoaded(string JobId, IReadOnlyDictionary<string, LocalDate> LastRunDays, long Ms);

    private sealed record InputsRead(string JobId, FeedReport Report, long Ms);

    private sealed record StatesLoaded(string JobId, IReadOnlyDictionary<string, AccountState> States, long Ms);

    private sealed record RetainedLoaded(string JobId, IReadOnlyDictionary<string, RetainedKeys> Keys, long Ms);

    private sealed record StepFailed(string JobId, Exception Error);

    private sealed record PartitionCrashed(string? JobId, Exception Error);

    private sealed class Job(StartJob start, IActorRef replyTo, int sequence)
    {
        private readonly CancellationTokenSource _cts = new();

        public StartJob Start { get; } = start;

        public string Id => Start.JobId;

        public IActorRef ReplyTo { get; } = replyTo;

        public int Sequence { get; } = sequence;

        public CancellationToken Token => _cts.Token;

        public Dictionary<PartitionKey, IActorRef> Partitions { get; } = [];

        public Dictionary<PartitionKey, PartitionReconciled> Done { get; } = [];

        public FeedReport? Feed { get; set; }

        public IReadOnlyDictionary<string, AccountState>? States { get; set; }

        public IReadOnlyDictionary<string, RetainedKeys>? Retained { get; set; }

        public long ReadMs { get; set; }

        public long StoreMs { get; set; }

        public Stopwatch MatchClock { get; } = new();

        public void Cancel()
        {
            _cts.Cancel();
        }
    }
}
