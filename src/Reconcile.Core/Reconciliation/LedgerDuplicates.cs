using Reconcile.Core.Model;

namespace Reconcile.Core.Reconciliation;

/// <summary>
/// Before the ladder (RULES.md): entries taken in entry_id order (a carried one first on equal ids); an entry whose
/// bank_serial or payment_ref an earlier kept entry already claimed, or whose entry_id repeats, is a DUPLICATE and
/// leaves the pool. The keys of the kept entries are what rungs 1 and 2 join on.
/// </summary>
internal static class LedgerDuplicates
{
    public static LedgerKeys Apply(DayPool pool)
    {
        LedgerEntry[] entries = pool.Entries;
        // Rung 1 adds the lines' serials to the same map only when they do not grow in pool order (rarely).
        var bySerial = new Dictionary<string, int>(pool.EntriesWithSerial, StringComparer.Ordinal);
        var byRef = new Dictionary<string, int>(pool.EntriesWithRef, StringComparer.Ordinal);

        int[]? order = pool.CarriedEntryCount == 0 ? null : MergedIdOrder(pool);
        // A repeated entry_id can only be a carried one or one of today's that the pool saw repeated.
        bool checkIds = order is not null || pool.RepeatedEntryIds;
        string? previousId = null;
        for (int k = 0; k < entries.Length; k++)
        {
            int e = order is null ? k : order[k];
            LedgerEntry entry = entries[e];
            string? why = null;
            if (checkIds && string.Equals(previousId, entry.EntryId, StringComparison.Ordinal))
            {
                why = "the same entry_id appears again";
            }
            else if (!string.IsNullOrEmpty(entry.BankSerial) && bySerial.TryGetValue(entry.BankSerial, out int owner))
            {
                why = $"bank_serial {entry.BankSerial} already on {entries[owner].EntryId}";
            }
            else if (!string.IsNullOrEmpty(entry.PaymentRef) && byRef.TryGetValue(entry.PaymentRef, out owner))
            {
                why = $"payment_ref {entry.PaymentRef} already on {entries[owner].EntryId}";
            }
            previousId = entry.EntryId;

            if (why is not null)
            {
                pool.EntryState[e] = ItemState.Duplicate;
                pool.Standing.Add(Findings.LedgerDuplicate(pool, entry, why));
                continue;
            }
            if (!string.IsNullOrEmpty(entry.BankSerial))
            {
                bySerial.Add(entry.BankSerial, e);
            }
            if (!string.IsNullOrEmpty(entry.PaymentRef))
            {
                byRef.Add(entry.PaymentRef, e);
            }
        }
        return new LedgerKeys(bySerial, byRef);
    }

    /// <summary>Carried entries (pool positions 0..c) and today's (already by id) merged into entry_id order.</summary>
    private static int[] MergedIdOrder(DayPool pool)
    {
        LedgerEntry[] entries = pool.Entries;
        int carried = pool.CarriedEntryCount;
        var carriedById = new int[carried];
        for (int i = 0; i < carried; i++)
        {
            carriedById[i] = i;
        }
        Array.Sort(carriedById, (a, b) =>
        {
            int c = PoolOrder.ById.Compare(entries[a], entries[b]);
            return c != 0 ? c : a.CompareTo(b);
        });
        var order = new int[entries.Length];
        int x = 0;
        int y = carried;
        for (int k = 0; k < order.Length; k++)
        {
            bool takeCarried = x < carried
                && (y == entries.Length || string.CompareOrdinal(entries[carriedById[x]].EntryId, entries[y].EntryId) <= 0);
            order[k] = takeCarried ? carriedById[x++] : y++;
        }
        return order;
    }
}

/// <summary>The kept entries' keys: bank_serial → pool position and payment_ref → pool position.</summary>
internal sealed record LedgerKeys(Dictionary<string, int> BySerial, Dictionary<string, int> ByRef);
