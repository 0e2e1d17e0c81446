using NodaTime;

namespace Reconcile.Core.Reconciliation;

/// <summary>
/// The bank serials and payment refs one account matched on earlier days (their <see cref="KeyHash"/> hashes) with the
/// day each was matched on: what a day's reconciliation asks "was this serial / ref matched before?" (RULES.md
/// "Duplicates across days"). The store loads the days of the retention window before the business day; the
/// reconciler still ignores a day outside [D − retention, D − 1]. 12 bytes per key (hash and day), sorted by hash.
/// </summary>
public sealed class RetainedKeys
{
    public static readonly RetainedKeys None = new([], []);

    private readonly ulong[] _hashes;
    private readonly int[] _days;

    private RetainedKeys(ulong[] hashes, int[] days)
    {
        _hashes = hashes;
        _days = days;
    }

    public int Count => _hashes.Length;

    /// <summary>Every day's keys in one lookup; a key matched on several days is kept with the latest of them.</summary>
    public static RetainedKeys Of(IEnumerable<(LocalDate Day, MatchedKeys Keys)> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        var list = days.Where(d => d.Keys.Count > 0).ToList();
        int total = list.Sum(d => d.Keys.Count);
        if (total == 0)
        {
            return None;
        }
        var hashes = new ulong[total];
        var dayNumbers = new int[total];
        int at = 0;
        foreach ((LocalDate day, MatchedKeys keys) in list)
        {
            keys.AsSpan().CopyTo(hashes.AsSpan(at));
            dayNumbers.AsSpan(at, keys.Count).Fill(day.ToDateOnly().DayNumber);
            at += keys.Count;
        }
        if (list.Count > 1)
        {
            Array.Sort(hashes, dayNumbers);
            int n = 0;
            for (int i = 0; i < total; i++)
            {
                if (n > 0 && hashes[n - 1] == hashes[i])
                {
                    dayNumbers[n - 1] = Math.Max(dayNumbers[n - 1], dayNumbers[i]);
                    continue;
                }
                hashes[n] = hashes[i];
                dayNumbers[n] = dayNumbers[i];
                n++;
            }
            if (n < total)
            {
                hashes = hashes[..n];
                dayNumbers = dayNumbers[..n];
            }
        }
        return new RetainedKeys(hashes, dayNumbers);
    }

    /// <summary>The latest day <paramref name="hash"/> was matched on, if it was.</summary>
    public bool TryFind(ulong hash, out LocalDate day)
    {
        int i = Array.BinarySearch(_hashes, hash);
        if (i < 0)
        {
            day = default;
            return false;
        }
        day = LocalDate.FromDateOnly(DateOnly.FromDayNumber(_days[i]));
        return true;
    }
}
