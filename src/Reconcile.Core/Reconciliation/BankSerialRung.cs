using System.Runtime.InteropServices;
using Reconcile.Core.Model;

namespace Reconcile.Core.Reconciliation;

/// <summary>
/// Duplicate bank serials (RULES.md, before the ladder) and rung 1 (BANK_SERIAL), in one pass over the lines in
/// pool order with one hash per line. The map holds the kept entries' bank_serial → entry position; each line's
/// serial is looked up and marked as seen in the same slot. A line whose serial an earlier line of the pool already
/// has is a DUPLICATE (it leaves the pool; the bank did move it, so it counts bank-side one-sided); the first line
/// with a serial pairs with the entry naming it, whatever the amounts, directions and statuses say. Doing both in
/// one pass gives the same result as two: a line is paired or a duplicate only by what comes before it.
/// The same pass notes whether the serials grow in pool order and lists the lines left open under the keys of
/// rungs 2–5, so that those rungs touch only the lines that can use them.
/// </summary>
internal static class BankSerialRung
{
    public static void Run(DayPool pool, LedgerKeys keys)
    {
        Dictionary<string, int> serials = keys.BySerial;
        BankLine[] lines = pool.Lines;
        bool ascending = !pool.HasReversals;
        string? previous = null;
        for (int i = 0; i < lines.Length; i++)
        {
            if (pool.LineState[i] != ItemState.Open)
            {
                continue;
            }
            BankLine line = lines[i];
            ascending = ascending && (previous is null || string.CompareOrdinal(previous, line.Serial) < 0);
            previous = line.Serial;
            // slot ≥ 0: an entry's serial no line has claimed yet; slot = −n: n lines seen with this serial.
            ref int slot = ref CollectionsMarshal.GetValueRefOrAddDefault(serials, line.Serial, out bool exists);
            if (!exists)
            {
                slot = -1;
            }
            else if (slot >= 0)
            {
                int e = slot;
                slot = -1;
                if (pool.EntryState[e] == ItemState.Open)
                {
                    pool.Pair(i, new ReadOnlySpan<int>(in e), MatchRule.BANK_SERIAL);
                    continue;
                }
            }
            else
            {
                slot--;
                pool.LineState[i] = ItemState.Duplicate;
                pool.Standing.Add(Findings.BankDuplicate(pool, line, -slot));
                continue;
            }
            ListForLaterRungs(pool, i, line);
        }
        pool.SerialsAscend = ascending;
    }

    private static void ListForLaterRungs(DayPool pool, int i, BankLine line)
    {
        if (!string.IsNullOrEmpty(line.PaymentRef))
        {
            pool.RefLines.Add(i);
        }
        if (line.Direction == Direction.OUT && !string.IsNullOrEmpty(line.BatchId))
        {
            pool.BatchLines.Add(i);
        }
        if (!string.IsNullOrEmpty(line.SubAccountNo) || !string.IsNullOrEmpty(line.ContractNo))
        {
            pool.KeyLines.Add(i);
        }
        if (!string.IsNullOrEmpty(line.CounterpartyAccount))
        {
            pool.CounterpartyLines.Add(i);
        }
    }
}
