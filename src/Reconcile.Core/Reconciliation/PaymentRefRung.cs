using Reconcile.Core.Model;

namespace Reconcile.Core.Reconciliation;

/// <summary>
/// Rung 2 (PAYMENT_REF): an entry whose payment_ref is the serial the bank echoed (CITIC 客户流水号, PAB 业务流水号,
/// a PAY… token in CEB 用途). An exact-key hash join; pairs whatever the amounts, directions and statuses say.
/// </summary>
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
}
