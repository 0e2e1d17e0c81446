using NodaTime;

namespace Reconcile.Core.Reconciliation;

/// <summary>
/// The bank serials and payment refs one account matched on earlier days (their <see cref="KeyHash"/> hashes, one
/// sorted array per day, as the store keeps them): what a day's reconciliation asks "was this serial / ref matched
/// before, and when?" (RULES.md "Duplicates across days"). The store loads the days of the retention window before the
/// business day; the reconciler still ignores a day outside [D − retention, D − 1]. Nothing is merged or copied: the
/// day's queries, sorted, are walked along each day's array (<see cref="FindLatest"/>), 8 bytes held per key.
/// </summary>
public sealed class RetainedKeys
{
    public static readonly RetainedKeys None = new([]);

    // Latest day first: the first day a key is found in is the latest it was matched on.
    private readonly (int DayNumber, MatchedKeys Keys)[] _days;

    private RetainedKeys((int DayNumber, MatchedKeys Keys)[] days)
    {
        _days = days;
        Count = days.Sum(d => d.Keys.Count);
    }

    /// <summary>Keys held, summed over the days (a key matched on two days counts twice).</summary>
    public int Count { get; }

    /// <summary>The days' keys (a day given twice: its keys are looked up in both).</summary>
    public static RetainedKeys Of(IEnumerable<(LocalDate Day, MatchedKeys Keys)> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        var list = days.Where(d => d.Keys.Count > 0).Select(d => (d.Day.ToDateOnly().DayNumber, d.Keys)).ToList();
        if (list.Count == 0)
        {
            return None;
        }
        list.Sort((a, b) => b.DayNumber.CompareTo(a.DayNumber));
        return new RetainedKeys([.. list]);
    }

    /// <summary>The latest day <paramref name="hash"/> was matched on, if it was.</summary>
    public bool TryFind(ulong hash, out LocalDate day)
    {
        foreach ((int dayNumber, MatchedKeys keys) in _days)
        {
            if (keys.Contains(hash))
            {
                day = LocalDate.FromDateOnly(DateOnly.FromDayNumber(dayNumber));
                return true;
            }
        }
        day = default;
        return false;
    }

    /// <summary>
    /// For each of <paramref name="sortedQueries"/> (ascending), the day number of the latest day in
    /// [<paramref name="fromDay"/>, <paramref name="beforeDay"/>) it was matched on, or 0 when none, into
    /// <paramref name="latestDay"/>. Each day's array is walked once along the queries, galloping over the keys between
    /// them: about queries × (1 + log(keys / queries)) steps a day, no allocation.
    /// </summary>
    public void FindLatest(ReadOnlySpan<ulong> sortedQueries, int fromDay, int beforeDay, Span<int> latestDay)
    {
        if (latestDay.Length < sortedQueries.Length)
        {
            throw new ArgumentException("one result per query", nameof(latestDay));
        }
        latestDay[..sortedQueries.Length].Clear();
        foreach ((int dayNumber, MatchedKeys keys) in _days)
        {
            if (dayNumber >= beforeDay || dayNumber < fromDay)
            {
                continue;
            }
            ReadOnlySpan<ulong> day = keys.AsSpan();
            int at = 0;
            for (int q = 0; q < sortedQueries.Length && at < day.Length; q++)
            {
                ulong query = sortedQueries[q];
                at = Gallop(day, at, query);
                if (at < day.Length && day[at] == query && latestDay[q] == 0)
                {
                    latestDay[q] = dayNumber;
                }
            }
        }
    }

    /// <summary>The first index at or after <paramref name="from"/> whose key is not below <paramref name="query"/>.</summary>
    private static int Gallop(ReadOnlySpan<ulong> keys, int from, ulong query)
    {
        if (from >= keys.Length || keys[from] >= query)
        {
            return from;
        }
        int step = 1;
        int low = from;
        int high = from + 1;
        while (high < keys.Length && keys[high] < query)
        {
            low = high;
            step <<= 1;
            high = from + step;
        }
        high = Math.Min(high, keys.Length);
        // keys[low] < query; the answer is in (low, high].
        int found = keys[(low + 1)..high].BinarySearch(query);
        return low + 1 + (found >= 0 ? found : ~found);
    }
}
