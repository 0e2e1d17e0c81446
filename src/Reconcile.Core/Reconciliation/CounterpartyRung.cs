using System.Runtime.InteropServices;
using Reconcile.Core.Model;

namespace Reconcile.Core.Reconciliation;

/// <summary>
/// Rung 5 (COUNTERPARTY): lines and entries grouped by (direction, amount, counterparty account). A line pairs when
/// exactly one entry of its group lies within the timing window of it and that entry has exactly one line of the
/// group within its window; a line with candidates otherwise is AMBIGUOUS (on each such line). The decision is
/// the same whatever the order of the group.
/// </summary>
/// <remarks>
/// Hash-grouped (dictionary of first position + next[] chains). The usual group of one line and one entry takes a
/// fast path; a larger group is sorted by day once and the window ranges found with two pointers, so a group costs
/// O(k log k), never lines × entries.
/// </remarks>
internal static class CounterpartyRung
{
    public static void Run(DayPool pool)
    {
        BankLine[] lines = pool.Lines;
        LedgerEntry[] entries = pool.Entries;
        List<int> candidateLines = pool.CounterpartyLines;
        int candidates = 0;
        foreach (int i in candidateLines)
        {
            candidates += pool.LineState[i] == ItemState.Open ? 1 : 0;
        }
        if (candidates == 0)
        {
            return;
        }

        var lineFirst = new Dictionary<Key, int>(candidates);
        var lineNext = new int[lines.Length];
        for (int k = candidateLines.Count - 1; k >= 0; k--)
        {
            int i = candidateLines[k];
            if (pool.LineState[i] == ItemState.Open)
            {
                BankLine line = lines[i];
                Link(lineFirst, lineNext, new Key(line.Direction, line.Amount.Fen, line.CounterpartyAccount!), i);
            }
        }
        var entryFirst = new Dictionary<Key, int>(Math.Min(candidates, entries.Length));
        var entryNext = new int[entries.Length];
        for (int e = entries.Length - 1; e >= 0; e--)
        {
            LedgerEntry entry = entries[e];
            if (pool.EntryState[e] != ItemState.Open || string.IsNullOrEmpty(entry.CounterpartyAccount))
            {
                continue;
            }
            var key = new Key(entry.Direction, entry.Amount.Fen, entry.CounterpartyAccount);
            if (lineFirst.ContainsKey(key))
            {
                Link(entryFirst, entryNext, key, e);
            }
        }
        if (entryFirst.Count == 0)
        {
            return;
        }

        Group? group = null;
        foreach ((Key key, int firstLine) in lineFirst)
        {
            if (!entryFirst.TryGetValue(key, out int firstEntry))
            {
                continue;
            }
            if (lineNext[firstLine] == -1 && entryNext[firstEntry] == -1)
            {
                if (pool.WithinWindow(firstLine, firstEntry))
                {
                    pool.Pair(firstLine, new ReadOnlySpan<int>(in firstEntry), MatchRule.COUNTERPARTY);
                }
                else
                {
                    pool.Reject(firstLine, firstEntry, MatchRule.COUNTERPARTY, RejectReason.Window);
                }
                continue;
            }
            group ??= new Group();
            group.Decide(pool, firstLine, lineNext, firstEntry, entryNext);
        }
    }

    private static void Link(Dictionary<Key, int> first, int[] next, Key key, int position)
    {
        ref int head = ref CollectionsMarshal.GetValueRefOrAddDefault(first, key, out bool exists);
        next[position] = exists ? head : -1;
        head = position;
    }

    /// <summary>The rung's join key; the counterparty account compares ordinally.</summary>
    private readonly record struct Key(Direction Direction, long Fen, string Counterparty);

    /// <summary>One group of several lines or entries; buffers reused from group to group.</summary>
    private sealed class Group
    {
        private readonly List<long> _lines = [];
        private readonly List<long> _entries = [];
        private int[] _lineLo = [];
        private int[] _lineHi = [];
        private int[] _entryLo = [];
        private int[] _entryHi = [];
        private int[] _buffer = [];

        public void Decide(DayPool pool, int firstLine, int[] lineNext, int firstEntry, int[] entryNext)
        {
            // (day << 32 | position) sorts by day, then pool order.
            _lines.Clear();
            for (int i = firstLine; i != -1; i = lineNext[i])
            {
                _lines.Add(((long)pool.LineDay[i] << 32) | (uint)i);
            }
            _entries.Clear();
            for (int e = firstEntry; e != -1; e = entryNext[e])
            {
                _entries.Add(((long)pool.EntryDay[e] << 32) | (uint)e);
            }
            Span<long> lines = CollectionsMarshal.AsSpan(_lines);
            Span<long> entries = CollectionsMarshal.AsSpan(_entries);
            lines.Sort();
            entries.Sort();
            Grow(ref _lineLo, lines.Length);
            Grow(ref _lineHi, lines.Length);
            Grow(ref _entryLo, entries.Length);
            Grow(ref _entryHi, entries.Length);
            Ranges(lines, entries, pool.Window, _lineLo, _lineHi);
            Ranges(entries, lines, pool.Window, _entryLo, _entryHi);

            int heldTo = 0; // entries[0..heldTo) are held by an AMBIGUOUS line: the ranges only move right
            for (int j = 0; j < lines.Length; j++)
            {
                int line = Position(lines[j]);
                int lo = _lineLo[j];
                int hi = _lineHi[j];
                if (hi == lo)
                {
                    for (int k = 0; k < entries.Length && k < DayPool.MaxListed; k++)
                    {
                        pool.Reject(line, Position(entries[k]), MatchRule.COUNTERPARTY, RejectReason.Window);
                    }
                }
                else if (hi - lo == 1 && _entryHi[lo] - _entryLo[lo] == 1)
                {
                    int entry = Position(entries[lo]);
                    pool.Pair(line, new ReadOnlySpan<int>(in entry), MatchRule.COUNTERPARTY);
                }
                else
                {
                    for (int k = Math.Max(lo, heldTo); k < hi; k++)
                    {
                        pool.Hold(Position(entries[k]));
                    }
                    heldTo = Math.Max(heldTo, hi);

                    // Every candidate's window holds this line, so the competing lines are one contiguous run.
                    int listed = Math.Min(hi - lo, DayPool.MaxListed);
                    Grow(ref _buffer, 2 * DayPool.MaxListed);
                    Span<int> candidates = _buffer.AsSpan(0, listed);
                    for (int k = 0; k < listed; k++)
                    {
                        candidates[k] = Position(entries[lo + k]);
                    }
                    Span<int> competitors = _buffer.AsSpan(DayPool.MaxListed, DayPool.MaxListed);
                    int count = 0;
                    for (int m = _entryLo[lo]; m < _entryHi[hi - 1] && count < DayPool.MaxListed; m++)
                    {
                        if (m != j)
                        {
                            competitors[count++] = Position(lines[m]);
                        }
                    }
                    pool.MarkAmbiguous(line, candidates, hi - lo, competitors[..count], MatchRule.COUNTERPARTY, "same direction, amount and counterparty account");
                }
            }
        }

        /// <summary>For each item of <paramref name="from"/> (by day), the range of <paramref name="to"/> within the window.</summary>
        private static void Ranges(Span<long> from, Span<long> to, int window, int[] lo, int[] hi)
        {
            int a = 0;
            int b = 0;
            for (int j = 0; j < from.Length; j++)
            {
                long day = from[j] >> 32;
                while (a < to.Length && (to[a] >> 32) < day - window)
                {
                    a++;
                }
                if (b < a)
                {
                    b = a;
                }
                while (b < to.Length && (to[b] >> 32) <= day + window)
                {
                    b++;
                }
                lo[j] = a;
                hi[j] = b;
            }
        }

        /// <summary>The pool position packed in the low 32 bits.</summary>
        private static int Position(long packed) => unchecked((int)packed);

        private static void Grow(ref int[] buffer, int length)
        {
            if (buffer.Length < length)
            {
                buffer = new int[Math.Max(length, buffer.Length * 2)];
            }
        }
    }
}
