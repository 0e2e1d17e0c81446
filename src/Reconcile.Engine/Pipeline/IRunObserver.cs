namespace Reconcile.Engine.Pipeline;

/// <summary>The phases of a run, in order.</summary>
public enum RunPhase
{
    Read,
    Match,
    Proof,
    Store,
    Write,
}

/// <summary>
/// Follows a run's progress (for a progress display). Called from several threads at once: implementations must be
/// thread-safe and quick.
/// </summary>
public interface IRunObserver
{
    /// <summary>The partitions of the run and how many registry accounts each has in scope.</summary>
    void Planned(IReadOnlyList<(PartitionKey Partition, int Accounts)> partitions);

    void PhaseStarted(RunPhase phase);

    /// <summary>
    /// The reading parsed a batch of statement rows and/or ledger entries of a partition in scope. It may come before
    /// <see cref="Planned"/> (the inputs are read while the engine starts) and for a run that is refused later.
    /// </summary>
    void Read(PartitionKey partition, int bankLines, int ledgerEntries);

    /// <summary>A partition reconciled <paramref name="accounts"/> more accounts.</summary>
    void Reconciled(PartitionKey partition, int accounts);
}

/// <summary>An observer that ignores everything.</summary>
public sealed class NoRunObserver : IRunObserver
{
    public static readonly NoRunObserver Instance = new();

    public void Planned(IReadOnlyList<(PartitionKey Partition, int Accounts)> partitions)
    {
    }

    public void PhaseStarted(RunPhase phase)
    {
    }

    public void Read(PartitionKey partition, int bankLines, int ledgerEntries)
    {
    }

    public void Reconciled(PartitionKey partition, int accounts)
    {
    }
}
