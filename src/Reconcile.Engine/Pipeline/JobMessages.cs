using Reconcile.Core.Reconciliation;
using Reconcile.Engine.Outputs;

namespace Reconcile.Engine.Pipeline;

/// <summary>
/// Test-only fault injection: called by the coordinator as each partition's results arrive (the partition key, and
/// how many partitions have finished). An exception thrown here fails the run at that point, as a crash would.
/// </summary>
public sealed record RunHooks(Action<PartitionKey, int>? AfterPartitionReconciled = null);

/// <summary>
/// Runs one job: read the inputs of <paramref name="Plan"/> into its partitions and reconcile every account in scope.
/// Answered with <see cref="JobComputed"/> or <see cref="JobFailed"/>. The observer, hooks and inputs are local objects:
/// a job runs in the process that asked for it. <paramref name="Inputs"/>, when given, is the plan's inputs already
/// being read (<see cref="InputRead"/>); otherwise the job reads them itself.
/// </summary>
public sealed record StartJob(string JobId, JobPlan Plan, IRunObserver Observer, RunHooks? Hooks = null, InputRead? Inputs = null);

/// <summary>Milliseconds the coordinator spent: reading the inputs, loading the carried state, reconciling.</summary>
public sealed record JobTimings(long ReadMs, long StoreMs, long MatchMs);

/// <summary>Every account's result (by partition, then account number) and each partition's counts.</summary>
public sealed record JobComputed(
    string JobId,
    IReadOnlyList<AccountDayResult> Results,
    IReadOnlyList<PartitionCounts> Counts,
    FeedReport Feed,
    JobTimings Timings);

/// <summary>The job stopped: an input error (<see cref="Reconcile.Core.Model.InputException"/>), a refused day, or a failure.</summary>
public sealed record JobFailed(string JobId, Exception Error);
