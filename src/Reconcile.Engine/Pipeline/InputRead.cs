using System.Diagnostics;
using Akka.Actor;

namespace Reconcile.Engine.Pipeline;

/// <summary>
/// A day's inputs being read ahead of the job: reading needs neither the actors nor the store, so <c>reconcile run</c>
/// starts it while the engine's host (Akka, the journal) starts, about 0.9 s that the reading then overlaps. The job
/// delivers what was read to its partitions after it has checked for a gap, so the order of the errors a run can
/// report does not change: accounts.csv, then a gap, then the first input error in file order.
/// Dispose it (it cancels a read nobody collected and waits for the reading threads to stop).
/// </summary>
public sealed class InputRead : IAsyncDisposable
{
    private readonly CancellationTokenSource _cancel;
    private readonly Task<InputFeeder.FeedResult> _reading;
    private long _readMs;
    private int _delivered;
    private int _disposed;

    private InputRead(JobPlan plan, IRunObserver observer, CancellationToken ct)
    {
        Plan = plan;
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        CancellationToken token = _cancel.Token;
        _reading = Task.Run(async () =>
        {
            var clock = Stopwatch.StartNew();
            InputFeeder.FeedResult result = await InputFeeder.ReadAsync(plan, observer, token).ConfigureAwait(false);
            _readMs = clock.ElapsedMilliseconds;
            return result;
        }, token);
    }

    /// <summary>The plan being read.</summary>
    public JobPlan Plan { get; }

    /// <summary>Starts reading the inputs of <paramref name="plan"/> on the thread pool, reporting rows to <paramref name="observer"/>.</summary>
    public static InputRead Start(JobPlan plan, IRunObserver observer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(observer);
        return new InputRead(plan, observer, ct);
    }

    /// <summary>
    /// Waits for the reading to end, then sends what it read to the partitions and waits for their acknowledgements.
    /// Returns the report and the milliseconds spent reading and delivering (not those spent waiting for the job).
    /// </summary>
    /// <exception cref="Core.Model.InputException">The first input error in file order.</exception>
    /// <remarks>Once delivered, the read lets go of the batches: the partitions hold the rows from then on.</remarks>
    internal async Task<(FeedReport Report, long Ms)> DeliverAsync(IReadOnlyDictionary<PartitionKey, IActorRef> partitions, CancellationToken ct)
    {
        if (Interlocked.Exchange(ref _delivered, 1) != 0)
        {
            throw new InvalidOperationException("the inputs were already delivered to a job");
        }
        InputFeeder.FeedResult read = await _reading.WaitAsync(ct).ConfigureAwait(false);
        var delivery = Stopwatch.StartNew();
        try
        {
            FeedReport report = await InputFeeder.DeliverAsync(read, partitions, ct).ConfigureAwait(false);
            return (report, Interlocked.Read(ref _readMs) + delivery.ElapsedMilliseconds);
        }
        finally
        {
            read.Outbox.Clear();
        }
    }

    /// <summary>Cancels the reading if it is still going and waits until its threads have stopped (errors are dropped).</summary>
    public async Task StopAsync()
    {
        if (Volatile.Read(ref _disposed) == 0)
        {
            await _cancel.CancelAsync().ConfigureAwait(false);
        }
        try
        {
            await _reading.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Cancelled, or failed with an error nobody asked for: the run has already ended another way.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _cancel.Dispose();
        }
    }
}
