using Reconcile.Core.Model;

namespace Reconcile.Core.Reconciliation;

/// <summary>
/// Rung 2 (PAYMENT_REF): an entry whose payment_ref is the serial the bank echoed (CITIC 客户流水号, PAB 业务流水号,
/// a PAY… token in CEB 用途). An exact-key hash join; pairs whatever the amounts, directions and statuses say.
/// </summary>
/// <remarks>
/// Most pairs are made early, in rung 1's pass while the line is at hand (<see cref="TryPairEarly"/>); <see cref="Run"/>
/// then walks only the lines whose entry rung 1 could still have taken.
/// </remarks>
internal static class PaymentRefRung
{
    public static void Run(DayPool pool, LedgerKeys keys)
    {
        if (keys.ByRef.Count == 0)
        {
            return;
        }
        foreach (int i in pool.RefLines)
        {
            if (pool.LineState[i] == ItemState.Open
                && keys.ByRef.TryGetValue(pool.Lines[i].PaymentRef!, out int e)
                && pool.EntryState[e] == ItemState.Open)
            {
                pool.Pair(i, new ReadOnlySpan<int>(in e), MatchRule.PAYMENT_REF);
            }
        }
    }

    /// <summary>
    /// Called by rung 1 for an open line it left open, in pool order: pairs it now when its entry has no bank_serial
    /// (rung 1 can never take such an entry, so the only lines that could take it first are earlier lines with the
    /// same ref, which come first here too): the pair <see cref="Run"/> would make. False leaves the line to
    /// <see cref="Run"/> (listed as usual), which then decides as before.
    /// </summary>
    public static bool TryPairEarly(DayPool pool, LedgerKeys keys, int line, BankLine bank)
    {
        if (string.IsNullOrEmpty(bank.PaymentRef)
            || !keys.ByRef.TryGetValue(bank.PaymentRef, out int e)
            || pool.EntryState[e] != ItemState.Open
            || !string.IsNullOrEmpty(pool.Entries[e].BankSerial))
        {
            return false;
        }
        pool.Pair(line, new ReadOnlySpan<int>(in e), MatchRule.PAYMENT_REF);
        return true;
    }
}
