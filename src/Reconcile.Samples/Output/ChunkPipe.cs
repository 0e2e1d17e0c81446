using System.Buffers;
using System.Collections.Concurrent;

namespace Reconcile.Samples.Output;

/// <summary>
/// The ledger part of one account and day: chunks produced by the account's worker, consumed in order by the
/// thread that writes ledger.csv, so accounts generated in parallel still land in the file in account order.
/// </summary>
internal sealed class ChunkPipe : IDisposable
{
    private static readonly ArrayPool<byte> Pool = ArrayPool<byte>.Create(RowBuffer.Size, 64);

    private readonly BlockingCollection<(byte[] Buffer, int Count)> _chunks = new();

    public static byte[] Rent() => Pool.Rent(RowBuffer.Size);

    public void Add(byte[] buffer, int count) => _chunks.Add((buffer, count));

    /// <summary>No more chunks (also called when the producer failed, so the consumer never waits forever).</summary>
    public void Complete()
    {
        if (!_chunks.IsAddingCompleted)
        {
            _chunks.CompleteAdding();
        }
    }

    /// <summary>Writes every chunk to <paramref name="target"/> as it arrives, until the producer completes.</summary>
    public void CopyTo(Stream target)
    {
        foreach ((byte[] buffer, int count) in _chunks.GetConsumingEnumerable())
        {
            target.Write(buffer, 0, count);
            Pool.Return(buffer);
        }
    }

    public void Dispose() => _chunks.Dispose();
}
