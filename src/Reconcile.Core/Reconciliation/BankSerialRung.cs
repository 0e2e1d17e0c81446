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
/// </summary>
internal static class BankSerialRung
{
    public static void Run(DayPool pool, LedgerKeys keys)
    {
        Dictionary<string, int> serials = keys.BySerial;
        BankLine[] lines = pool.Lines;
        for (int i = 0; i < lines.Length; i++)
        {
            if (pool.LineState[i] != ItemState.Open)
            {
                continue;
            }
            // slot ≥ 0: an entry's serial no line has claimed yet; slot = −n: n lines seen with this serial.
            ref int slot = ref CollectionsMarshal.GetValueRefOrAddDefault(serials, lines[i].Serial, out bool exists);
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
                }
            }
            else
            {
                slot--;
                pool.LineState[i] = ItemState.Duplicate;
                pool.Standing.Add(Findings.BankDuplicate(pool, lines[i], -slot));
            }
        }
    }
}
