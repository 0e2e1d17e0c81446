using NodaTime;
using Reconcile.Core.Model;

namespace Reconcile.Core.Reconciliation;

/// <summary>
/// Duplicates across days (RULES.md): a bank line of today that repeats a key the account matched on an earlier day of
/// the retention window (<see cref="RetainedKeys"/>). It is a DUPLICATE, leaves the pool and counts bank-side one-sided
/// (the bank did move it), like a serial repeated within the day:
/// <list type="bullet">
/// <item>its bank serial was matched before (a bank serial names one movement: sent again, it is a re-sent or
/// double-booked row), whatever today's entries say — checked in rung 1's pass;</item>
/// <item>its payment ref (our serial echoed by the bank) was paid before and no entry of the pool claims that ref
/// again: a second bank payment of an instruction already paid, a likely double payment — checked after rung 2. An
/// entry that claims the ref (an instalment booked under the same reference) pairs with it by rung 2 as usual.</item>
/// </list>
/// Lines carried from earlier days are not checked: they were seen before.
/// </summary>
internal static class RetainedDuplicates
{
    /// <summary>Rung 1's check of an open line of today: its serial was matched on an earlier day.</summary>
    public static bool SentAgain(DayPool pool, int i, BankLine line)
    {
        if (pool.IsCarriedLine(i) || !pool.SerialMatchedOn(i, out LocalDate day))
        {
            return false;
        }
        pool.LineState[i] = ItemState.Duplicate;
        pool.Standing.Add(Findings.SerialSentAgain(pool, line, day));
        return true;
    }

    /// <summary>After rung 2: today's open lines whose payment ref was paid on an earlier day and that no entry claims.</summary>
    public static void CheckRefs(DayPool pool, LedgerKeys keys)
    {
        if (pool.Retained.Count == 0)
        {
            return;
        }
        foreach (int i in pool.RefLines)
        {
            BankLine line = pool.Lines[i];
            if (pool.LineState[i] == ItemState.Open
                && !pool.IsCarriedLine(i)
                && !keys.ByRef.ContainsKey(line.PaymentRef!)
                && pool.RefPaidOn(i, out LocalDate day))
            {
                pool.LineState[i] = ItemState.Duplicate;
                pool.Standing.Add(Findings.RefPaidAgain(pool, line, day));
            }
        }
    }
}
