using Reconcile.Core.Model;

namespace Reconcile.Core.Reconciliation;

/// <summary>
/// Rung 1 (BANK_SERIAL): an entry whose bank_serial is the line's serial. An exact-key hash join; pairs whatever
/// the amounts, directions and statuses say (the findings on the pair report what disagrees).
/// </summary>
internal static class BankSerialRung
{
    public static void Run(DayPool pool, LedgerKeys keys)
    {
        if (keys.BySerial.Count == 0)
        {
            return;
        }
        BankLine[] lines = pool.Lines;
        for (int i = 0; i < lines.Length; i++)
        {
            if (pool.LineState[i] == ItemState.Open
                && keys.BySerial.TryGetValue(lines[i].Serial, out int e)
                && pool.EntryState[e] == ItemState.Open)
            {
                pool.Pair(i, new ReadOnlySpan<int>(in e), MatchRule.BANK_SERIAL);
            }
        }
    }
}
