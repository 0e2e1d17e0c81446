using Akka.Actor;

namespace Reconcile.Engine.Pipeline;

/// <summary>
/// Collects one reader's rows per partition and sends them as bounded batches, each acknowledged by the partition
/// (<see cref="BatchAccepted"/>). At most <see cref="MaxInFlight"/> batches are unacknowledged at a time, so a fast
/// reader waits for a slow partition instead of filling its mailbox: memory stays bounded by the batch size. Used from
/// one reader thread; blocks that thread while it waits.
/// </summary>
internal sealed class BatchSink<T>
{
    public const int MaxInFlight = 2;

    private readonly IReadOnlyDictionary<PartitionKey, IActorRef> _partitions;
    private readonly Func<PartitionKey, T[], object> _message;
    private readonly int _batchSize;
    private readonly CancellationToken _ct;
    private readonly Dictionary<PartitionKey, List<T>> _buffers = [];
    private readonly Queue<Task<BatchAccepted>> _inFlight = new();

    public BatchSink(
        IReadOnlyDictionary<PartitionKey, IActorRef> partitions,
        Func<PartitionKey, T[], object> message,
        int batchSize,
        CancellationToken ct)
    {
        _partitions = partitions;
        _message = message;
        _batchSize = batchSize;
        _ct = ct;
    }

    public void Add(PartitionKey partition, T item)
    {
        if (!_buffers.TryGetValue(partition, out List<T>? buffer))
        {
            buffer = new List<T>(Math.Min(_batchSize, 1024));
            _buffers.Add(partition, buffer);
        }
        buffer.Add(item);
        if (buffer.Count >= _batchSize)
        {
            SendBuffer(partition, buffer);
        }
    }

    /// <summary>Sends another message to a partition after the batches before it, under the same back-pressure.</summary>
    public void Send(PartitionKey partition, object message)
    {
        _ct.ThrowIfCancellationRequested();
        _inFlight.Enqueue(_partitions[partition].Ask<BatchAccepted>(message, _ct));
        while (_inFlight.Count > MaxInFlight)
        {
            _inFlight.Dequeue().GetAwaiter().GetResult();
        }
    }

    /// <summary>Sends what is buffered and waits until every batch has been acknowledged.</summary>
    public void Flush()
    {
        foreach (var (partition, buffer) in _buffers.OrderBy(b => b.Key))
        {
            if (buffer.Count > 0)
            {
                SendBuffer(partition, buffer);
            }
        }
        while (_inFlight.Count > 0)
        {
            _inFlight.Dequeue().GetAwaiter().GetResult();
        }
    }

    private void SendBuffer(PartitionKey partition, List<T> buffer)
    {
        T[] batch = buffer.ToArray();
        buffer.Clear();
        Send(partition, _message(partition, batch));
    }
}
