using Reconcile.Core.Model;

namespace Reconcile.Core.Reconciliation;

/// <summary>
/// Before the ladder (RULES.md): entries taken in entry_id order (a carried one first on equal ids); an entry whose
/// bank_serial or payment_ref an earlier kept entry already claimed, or whose entry_id repeats, is a DUPLICATE and
/// leaves the pool. The keys of the kept entries are what rungs 1 and 2 join on.
/// </summary>
/// <remarks>
/// The pool takes the entries in its own pass when today's come in entry_id order (<see cref="DayPool.ClaimsInIdOrder"/>),
/// so that each entry is visited once; otherwise they are taken here, after the pool sorted them.
/// </remarks>
internal static class LedgerDuplicates
{
    public static LedgerKeys Apply(DayPool pool)
    {
        LedgerClaims claims = pool.ClaimsInIdOrder ?? ClaimInIdOrder(pool);
        return claims.Commit(pool);
    }

    /// <summary>The carried entries (pool positions 0..<paramref name="carried"/>) in entry_id order.</summary>
    public static int[] CarriedById(LedgerEntry[] entries, int carried)
    {
        var byId = new int[carried];
        for (int i = 0; i < carried; i++)
        {
            byId[i] = i;
        }
        if (carried > 1)
        {
            Array.Sort(byId, (a, b) =>
            {
                int c = PoolOrder.ById.Compare(entries[a], entries[b]);
                return c != 0 ? c : a.CompareTo(b);
            });
        }
        return byId;
    }

    /// <summary>Carried entries and today's (sorted by id) merged into entry_id order and taken.</summary>
    private static LedgerClaims ClaimInIdOrder(DayPool pool)
    {
        LedgerEntry[] entries = pool.Entries;
        int carried = pool.CarriedEntryCount;
        int[] carriedById = CarriedById(entries, carried);
        var claims = new LedgerClaims(entries.Length);
        int x = 0;
        for (int y = carried; y < entries.Length; y++)
        {
            x = claims.TakeCarriedUpTo(entries, carriedById, x, entries[y].EntryId);
            claims.Take(entries, y);
        }
        claims.TakeCarriedUpTo(entries, carriedById, x, null);
        return claims;
    }
}

/// <summary>The kept entries' keys: bank_serial → pool position and payment_ref → pool position.</summary>
internal sealed record LedgerKeys(Dictionary<string, int> BySerial, Dictionary<string, int> ByRef);
