using Reconcile.Core.Model;

namespace Reconcile.Core.Reconciliation;

/// <summary>
/// The pool order of RULES.md, which makes the result independent of the order the caller passes lines and
/// entries in: today's lines by statement position, today's entries by entry id (ordinal); carried items by
/// first_seen, then the same keys. Ties fall back to the source file and line so that even repeated rows sort
/// the same way every time.
/// </summary>
internal static class PoolOrder
{
    public static readonly IComparer<BankLine> TodayLines = Comparer<BankLine>.Create(CompareLines);

    public static readonly IComparer<LedgerEntry> ById = Comparer<LedgerEntry>.Create(CompareEntries);

    public static readonly IComparer<OpenItem> CarriedLines = Comparer<OpenItem>.Create((a, b) =>
    {
        int c = a.FirstSeen.CompareTo(b.FirstSeen);
        if (c == 0)
        {
            c = a.BankLine!.BookingDate.CompareTo(b.BankLine!.BookingDate);
        }
        return c != 0 ? c : CompareLines(a.BankLine!, b.BankLine!);
    });

    public static readonly IComparer<OpenItem> CarriedEntries = Comparer<OpenItem>.Create((a, b) =>
    {
        int c = a.FirstSeen.CompareTo(b.FirstSeen);
        return c != 0 ? c : CompareEntries(a.Entry!, b.Entry!);
    });

    /// <summary>Sorts today's lines (the part of the array from <paramref name="start"/>), unless already sorted.</summary>
    public static void SortToday(BankLine[] lines, int start) => SortTail(lines, start, TodayLines);

    /// <summary>Sorts today's entries (the part of the array from <paramref name="start"/>), unless already sorted.</summary>
    public static void SortToday(LedgerEntry[] entries, int start) => SortByKey(entries, start, e => e.EntryId, ById);

    /// <summary>
    /// Sorts <paramref name="items"/> from <paramref name="start"/> by <paramref name="order"/>, whose first criterion
    /// is the ordinal <paramref name="key"/>: nothing to do when already sorted; otherwise a key-array sort, then
    /// runs of equal keys by the full order.
    /// </summary>
    public static void SortByKey<T>(T[] items, int start, Func<T, string> key, IComparer<T> order)
    {
        if (IsSorted(items, start, order))
        {
            return;
        }
        Span<T> tail = items.AsSpan(start);
        var keys = new string[tail.Length];
        for (int i = 0; i < keys.Length; i++)
        {
            keys[i] = key(tail[i]);
        }
        keys.AsSpan().Sort(tail, StringComparer.Ordinal);
        for (int from = 0; from < keys.Length;)
        {
            int to = from + 1;
            while (to < keys.Length && string.Equals(keys[to], keys[from], StringComparison.Ordinal))
            {
                to++;
            }
            if (to - from > 1)
            {
                tail[from..to].Sort(order);
            }
            from = to;
        }
    }

    private static void SortTail<T>(T[] items, int start, IComparer<T> order)
    {
        if (!IsSorted(items, start, order))
        {
            Array.Sort(items, start, items.Length - start, order);
        }
    }

    private static bool IsSorted<T>(T[] items, int start, IComparer<T> order)
    {
        for (int i = start + 1; i < items.Length; i++)
        {
            if (order.Compare(items[i - 1], items[i]) > 0)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Today's lines: statement position, then serial, then source.</summary>
    public static int CompareToday(BankLine a, BankLine b) => CompareLines(a, b);

    /// <summary>Entries: entry id (ordinal), then source.</summary>
    public static int CompareById(LedgerEntry a, LedgerEntry b) => CompareEntries(a, b);

    private static int CompareLines(BankLine a, BankLine b)
    {
        int c = a.Sequence.CompareTo(b.Sequence);
        if (c == 0)
        {
            c = string.CompareOrdinal(a.Serial, b.Serial);
        }
        return c != 0 ? c : CompareSource(a.Source, b.Source);
    }

    private static int CompareEntries(LedgerEntry a, LedgerEntry b)
    {
        int c = string.CompareOrdinal(a.EntryId, b.EntryId);
        return c != 0 ? c : CompareSource(a.Source, b.Source);
    }

    private static int CompareSource(SourceRef a, SourceRef b)
    {
        int c = string.CompareOrdinal(a.File, b.File);
        return c != 0 ? c : a.Line.CompareTo(b.Line);
    }
}
