using System.Buffers.Binary;

namespace Reconcile.Core.Reconciliation;

/// <summary>
/// The hashes (<see cref="KeyHash"/>) of the bank serials and payment refs one account matched on one day: the serial
/// of every bank line paired or reversed that day and every payment ref of a paired line or entry. Sorted, distinct,
/// 8 bytes each: what the store retains so that a later day can tell a serial or ref sent again
/// (<see cref="RetainedKeys"/>).
/// </summary>
public sealed class MatchedKeys
{
    public static readonly MatchedKeys Empty = new([]);

    private readonly ulong[] _hashes;

    private MatchedKeys(ulong[] sortedDistinct)
    {
        _hashes = sortedDistinct;
    }

    /// <summary>The hashes, ascending, each once.</summary>
    public IReadOnlyList<ulong> Hashes => _hashes;

    /// <summary>The hashes, ascending, each once.</summary>
    public ReadOnlySpan<ulong> AsSpan() => _hashes;

    public int Count => _hashes.Length;

    /// <summary>Takes <paramref name="hashes"/> (any order, repeats allowed) as the day's keys; the array is sorted in place and kept.</summary>
    public static MatchedKeys Of(ulong[] hashes)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        if (hashes.Length == 0)
        {
            return Empty;
        }
        Array.Sort(hashes);
        int n = 1;
        for (int i = 1; i < hashes.Length; i++)
        {
            if (hashes[i] != hashes[n - 1])
            {
                hashes[n++] = hashes[i];
            }
        }
        return new MatchedKeys(n == hashes.Length ? hashes : hashes[..n]);
    }

    /// <summary>The hashes as bytes, 8 per hash, little-endian (for storage).</summary>
    public byte[] ToBytes()
    {
        byte[] bytes = new byte[_hashes.Length * sizeof(ulong)];
        for (int i = 0; i < _hashes.Length; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(i * sizeof(ulong)), _hashes[i]);
        }
        return bytes;
    }

    /// <summary>Reads back what <see cref="ToBytes"/> wrote.</summary>
    /// <exception cref="FormatException">The length is not a multiple of 8, or the hashes are not ascending and distinct.</exception>
    public static MatchedKeys FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length % sizeof(ulong) != 0)
        {
            throw new FormatException($"{bytes.Length} bytes are not a whole number of 8-byte hashes");
        }
        var hashes = new ulong[bytes.Length / sizeof(ulong)];
        for (int i = 0; i < hashes.Length; i++)
        {
            hashes[i] = BinaryPrimitives.ReadUInt64LittleEndian(bytes[(i * sizeof(ulong))..]);
            if (i > 0 && hashes[i] <= hashes[i - 1])
            {
                throw new FormatException("the hashes are not ascending and distinct");
            }
        }
        return hashes.Length == 0 ? Empty : new MatchedKeys(hashes);
    }

    public bool Contains(ulong hash) => Array.BinarySearch(_hashes, hash) >= 0;
}
