using System.Collections.Concurrent;
using Reconcile.Engine.Pipeline;

namespace Reconcile.Cli.Rendering;

/// <summary>Counts a run's progress per partition for the live display (thread-safe; read by the display's loop).</summary>
internal sealed class RunProgressObserver : IRunObserver
{
    private readonly ConcurrentDictionary<PartitionKey, Counters> _partitions = new();
    private volatile int _phase = (int)RunPhase.Read;

    public RunPhase Phase => (RunPhase)_phase;

    /// <summary>The partitions planned so far, ordered, with their counters.</summary>
    public IReadOnlyList<(PartitionKey Partition, Counters Counters)> Partitions =>
        _partitions.OrderBy(p => p.Key).Select(p => (p.Key, p.Value)).ToList();

    public void Planned(IReadOnlyList<(PartitionKey Partition, int Accounts)> partitions)
    {
        foreach (var (partition, accounts) in partitions)
        {
            _partitions.GetOrAdd(partition, _ => new Counters()).Accounts = accounts;
        }
    }

    public void PhaseStarted(RunPhase phase) => _phase = (int)phase;

    public void Read(PartitionKey partition, int bankLines, int ledgerEntries)
    {
        Counters c = _partitions.GetOrAdd(partition, _ => new Counters());
        Interlocked.Add(ref c.BankLines, bankLines);
        Interlocked.Add(ref c.LedgerEntries, ledgerEntries);
    }

    public void Reconciled(PartitionKey partition, int accounts) =>
        Interlocked.Add(ref _partitions.GetOrAdd(partition, _ => new Counters()).Reconciled, accounts);

    internal sealed class Counters
    {
        public long BankLines;
        public long LedgerEntries;
        public int Reconciled;

        public int Accounts { get; set; }
    }
}
