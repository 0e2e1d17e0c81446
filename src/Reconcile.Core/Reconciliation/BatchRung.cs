using System.Runtime.InteropServices;
using Reconcile.Core.Model;

namespace Reconcile.Core.Reconciliation;

/// <summary>
/// Rung 3 (BATCH): a bank OUT line carrying a BATCH… token pairs with every entry of the pool left with that
/// batch_id (N:1), whatever their amounts, directions and statuses; the amount check is on the sum. The first
/// such line in pool order takes the batch.
/// </summary>
internal static class BatchRung
{
    public static void Run(DayPool pool)
    {
        if (pool.BatchLines.Count == 0)
        {
            return;
        }

        // batch_id → first open entry in pool order; next[] chains the rest of the batch.
        LedgerEntry[] entries = pool.Entries;
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        var next = new int[entries.Length];
        for (int e = entries.Length - 1; e >= 0; e--)
        {
            if (pool.EntryState[e] != ItemState.Open)
            {
                continue; // paired above: its object is not touched
            }
            string? batch = entries[e].BatchId;
            if (!string.IsNullOrEmpty(batch))
            {
                ref int head = ref CollectionsMarshal.GetValueRefOrAddDefault(first, batch, out bool exists);
                next[e] = exists ? head : -1;
                head = e;
            }
        }
        if (first.Count == 0)
        {
            return;
        }

        var members = new List<int>();
        foreach (int i in pool.BatchLines)
        {
            if (pool.LineState[i] != ItemState.Open || !first.Remove(pool.Lines[i].BatchId!, out int e))
            {
                continue;
            }
            members.Clear();
            for (; e != -1; e = next[e])
            {
                if (pool.EntryState[e] == ItemState.Open)
                {
                    members.Add(e);
                }
            }
            if (members.Count > 0)
            {
                pool.Pair(i, CollectionsMarshal.AsSpan(members), MatchRule.BATCH);
            }
        }
    }
}
