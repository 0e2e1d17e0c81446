using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using Reconcile.Core.Reconciliation;

namespace Reconcile.Engine.Outputs;

/// <summary>
/// Puts matches in the order of matches.csv: ordinal by (escrow_account_no, bank_serial, ledger_entry_ids as written,
/// rule as written, amount). For a million rows a comparison sort that follows references to the records and their
/// strings spends its time on cache misses, so this one
/// <list type="number">
/// <item>puts the rows in buckets by account (accounts ranked once, ordinal; a counting sort, no grouping collections);</item>
/// <item>sorts each bucket on its own, in parallel: gives each row a 32-byte key made from its bank serial
/// (<see cref="Key"/>), sorts the keys, and looks at the records only to order rows whose keys are equal.</item>
/// </list>
/// The result is the order of one full sort with the full comparison: rows that compare equal are identical in every
/// column, so their order cannot show.
/// </summary>
internal static class MatchOrder
{
    /// <summary>The matches in file order.</summary>
    public static MatchRecord[] Sort(IEnumerable<MatchRecord> matches)
    {
        MatchRecord[] rows = [.. matches];
        int[] bucketOf = Buckets(rows, out int[] starts);
        var sorted = new MatchRecord[rows.Length];
        int[] next = (int[])starts.Clone();
        for (int i = 0; i < rows.Length; i++)
        {
            sorted[next[bucketOf[i]]++] = rows[i];
        }
        Key[] keys = GC.AllocateUninitializedArray<Key>(rows.Length);
        Parallel.For(0, starts.Length - 1, b => SortBucket(sorted, keys, starts[b], starts[b + 1] - starts[b]));
        return sorted;
    }

    /// <summary>The full comparison: ordinal by account, serial, ledger entry ids joined with ';', rule name, then amount.</summary>
    public static int Compare(MatchRecord a, MatchRecord b)
    {
        int c = string.CompareOrdinal(a.AccountNo, b.AccountNo);
        if (c == 0) c = string.CompareOrdinal(a.BankSerial, b.BankSerial);
        if (c == 0) c = CompareJoined(a.LedgerEntryIds, b.LedgerEntryIds);
        if (c == 0) c = string.CompareOrdinal(a.Rule.ToString(), b.Rule.ToString());
        if (c == 0) c = a.Amount.CompareTo(b.Amount);
        return c;
    }

    /// <summary>The sign of <c>string.CompareOrdinal(string.Join(';', a), string.Join(';', b))</c>, without joining.</summary>
    public static int CompareJoined(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        var x = new JoinedChars(a);
        var y = new JoinedChars(b);
        while (true)
        {
            bool more = x.Next(out char cx);
            if (more != y.Next(out char cy))
            {
                return more ? 1 : -1;
            }
            if (!more)
            {
                return 0;
            }
            if (cx != cy)
            {
                return cx < cy ? -1 : 1;
            }
        }
    }

    /// <summary>
    /// Sorts the <paramref name="length"/> rows of one account at <paramref name="start"/> in <paramref name="rows"/>, using
    /// the same part of <paramref name="keys"/>: by their keys' bytes (<see cref="Key.CompareTo"/>, which the runtime's sort
    /// inlines), then each run of equal keys — rows whose serials the keys cannot tell apart — with the full comparison.
    /// </summary>
    private static void SortBucket(MatchRecord[] rows, Key[] keys, int start, int length)
    {
        MatchRecord[] bucket = rows[start..(start + length)];
        Span<Key> span = keys.AsSpan(start, length);
        for (int i = 0; i < bucket.Length; i++)
        {
            span[i] = Key.Of(bucket[i].BankSerial, i);
        }
        span.Sort();
        for (int i = 0; i < span.Length;)
        {
            int end = i + 1;
            while (end < span.Length && span[end].CompareTo(span[i]) == 0)
            {
                end++;
            }
            if (end - i > 1)
            {
                span[i..end].Sort(new RowComparer(bucket));
            }
            i = end;
        }
        for (int i = 0; i < span.Length; i++)
        {
            rows[start + i] = bucket[span[i].Row];
        }
    }

    /// <summary>
    /// The bucket of each row, buckets numbered in ordinal order of their account; <paramref name="starts"/> gets the
    /// first position of each bucket in the sorted rows, plus the row count at the end.
    /// </summary>
    private static int[] Buckets(MatchRecord[] rows, out int[] starts)
    {
        var rank = new Dictionary<string, int>(StringComparer.Ordinal);
        int[] bucketOf = new int[rows.Length];
        string? last = null;
        int lastRank = -1;
        for (int i = 0; i < rows.Length; i++)
        {
            string account = rows[i].AccountNo;
            if (!string.Equals(account, last, StringComparison.Ordinal))
            {
                if (!rank.TryGetValue(account, out lastRank))
                {
                    lastRank = rank.Count;
                    rank.Add(account, lastRank);
                }
                last = account;
            }
            bucketOf[i] = lastRank;
        }
        string[] accounts = [.. rank.Keys];
        Array.Sort(accounts, StringComparer.Ordinal);
        int[] position = new int[accounts.Length];
        for (int p = 0; p < accounts.Length; p++)
        {
            position[rank[accounts[p]]] = p;
        }
        starts = new int[accounts.Length + 1];
        for (int i = 0; i < rows.Length; i++)
        {
            bucketOf[i] = position[bucketOf[i]];
            starts[bucketOf[i] + 1]++;
        }
        for (int p = 0; p < accounts.Length; p++)
        {
            starts[p + 1] += starts[p];
        }
        return bucketOf;
    }

    /// <summary>
    /// A row's index and 32 bytes standing for the start of its bank serial: one byte per character while the
    /// characters are ASCII, 0xFF for the first one that is not (it sorts after every ASCII character), 0 after the end.
    /// Where two keys differ they order as the serials do (ordinal); equal keys say nothing, and the rows are compared in full.
    /// </summary>
    [StructLayout(LayoutKind.Auto)]
    internal readonly struct Key : IComparable<Key>
    {
        private const int Length = 32;

        private readonly ulong _a;
        private readonly ulong _b;
        private readonly ulong _c;
        private readonly ulong _d;

        private Key(ReadOnlySpan<byte> bytes, int row)
        {
            _a = BinaryPrimitives.ReadUInt64BigEndian(bytes);
            _b = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
            _c = BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]);
            _d = BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]);
            Row = row;
        }

        public int Row { get; }

        public static Key Of(string serial, int row)
        {
            Span<byte> bytes = stackalloc byte[Length];
            bytes.Clear();
            ReadOnlySpan<char> start = serial.AsSpan(0, Math.Min(serial.Length, Length));
            Ascii.FromUtf16(start, bytes, out int written);
            if (written < start.Length)
            {
                bytes[written] = 0xFF;
            }
            return new Key(bytes, row);
        }

        /// <summary>Compares the serial bytes only (not the rows): 0 when they are equal.</summary>
        public int CompareTo(Key other) =>
            _a != other._a ? (_a < other._a ? -1 : 1)
            : _b != other._b ? (_b < other._b ? -1 : 1)
            : _c != other._c ? (_c < other._c ? -1 : 1)
            : _d != other._d ? (_d < other._d ? -1 : 1)
            : 0;
    }

    private sealed class RowComparer(MatchRecord[] rows) : IComparer<Key>
    {
        public int Compare(Key x, Key y) => MatchOrder.Compare(rows[x.Row], rows[y.Row]);
    }

    /// <summary>The characters of a list of strings joined with ';', one at a time.</summary>
    private struct JoinedChars(IReadOnlyList<string> items)
    {
        private int _item;
        private int _char;

        public bool Next(out char c)
        {
            while (_item < items.Count)
            {
                string item = items[_item];
                if (_char < item.Length)
                {
                    c = item[_char++];
                    return true;
                }
                _item++;
                _char = 0;
                if (_item < items.Count)
                {
                    c = ';';
                    return true;
                }
            }
            c = '\0';
            return false;
        }
    }
}
