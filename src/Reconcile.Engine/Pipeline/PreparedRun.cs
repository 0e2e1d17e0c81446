using System.Diagnostics;
using NodaTime;

namespace Reconcile.Engine.Pipeline;

/// <summary>
/// A run begun without the engine (<see cref="DailyRun.Prepare"/>): its inbox found, accounts.csv read, its inputs being
/// read. Disposing it stops a read the run did not collect.
/// </summary>
public sealed class PreparedRun : IAsyncDisposable
{
    internal PreparedRun(
        RunRequest request,
        InputRead inputs,
        IRunObserver observer,
        Stopwatch elapsed,
        Instant startedAt,
        long registryMs)
    {
        Request = request;
        Inputs = inputs;
        Observer = observer;
        Elapsed = elapsed;
        StartedAt = startedAt;
        RegistryMs = registryMs;
    }

    public RunRequest Request { get; }

    internal InputRead Inputs { get; }

    internal IRunObserver Observer { get; }

    /// <summary>Running since the run began: summary.json's elapsed_ms.</summary>
    internal Stopwatch Elapsed { get; }

    internal Instant StartedAt { get; }

    /// <summary>Milliseconds spent finding the files and reading accounts.csv.</summary>
    internal long RegistryMs { get; }

    public ValueTask DisposeAsync() => Inputs.DisposeAsync();
}
