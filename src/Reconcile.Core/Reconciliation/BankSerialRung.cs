using System.Runtime.InteropServices;
using Reconcile.Core.Model;

namespace Reconcile.Core.Reconciliation;

/// <summary>
/// Duplicate bank serials (RULES.md, before the ladder) and rung 1 (BANK_SERIAL), in one pass over the lines in
/// pool order. A line whose serial an earlier line of the pool already has is a DUPLICATE (it leaves the pool; the
/// bank did move it, so it counts bank-side one-sided); the first line with a serial pairs with the entry naming
/// it, whatever the amounts, directions and statuses say. Doing both in one pass gives the same result as two: a
/// line is paired or a duplicate only by what comes before it. A line of today whose serial the account matched on an
/// earlier day of the retention window is a DUPLICATE too (<see cref="RetainedDuplicates"/>). The same pass notes whether the serials grow in
/// pool order and lists the lines left open under the keys of rungs 2–5, so that those rungs touch only the lines
/// that can use them.
/// </summary>
/// <remarks>
/// The map holds the kept entries' bank_serial → entry position. While the lines' serials grow (banks number their
/// rows in order, and carried lines are older), no line can repeat an earlier one, so each line is only looked up.
/// At the first serial out of order the earlier lines' serials are entered as seen (slot −1) and from then on every
/// line enters its serial: slot ≥ 0 is an entry's serial no line claimed yet, slot −n means n lines had it.
/// </remarks>
internal static class BankSerialRung
{
    public static void Run(DayPool pool, LedgerKeys keys)
    {
        Dictionary<string, int> serials = keys.BySerial;
        BankLine[] lines = pool.Lines;
        bool ascending = !pool.HasReversals;
        bool entering = !ascending;
        string? previous = null;
        for (int i = 0; i < lines.Length; i++)
        {
            if (pool.LineState[i] != ItemState.Open)
            {
                continue;
            }
            BankLine line = lines[i];
            if (!entering)
            {
                if (previous is null || string.CompareOrdinal(previous, line.Serial) < 0)
                {
                    previous = line.Serial;
                    if (RetainedDuplicates.SentAgain(pool, i, line))
                    {
                        continue;
                    }
                    if (serials.TryGetValue(line.Serial, out int e) && pool.EntryState[e] == ItemState.Open)
                    {
                        pool.Pair(i, new ReadOnlySpan<int>(in e), MatchRule.BANK_SERIAL);
                    }
                    else
                    {
                        LeaveOpen(pool, keys, i, line);
                    }
                    continue;
                }
                ascending = false;
                entering = true;
                EnterSeen(pool, serials, i);
            }

            ref int slot = ref CollectionsMarshal.GetValueRefOrAddDefault(serials, line.Serial, out bool exists);
            if (!exists)
            {
                slot = -1;
                if (RetainedDuplicates.SentAgain(pool, i, line))
                {
                    continue;
                }
            }
            else if (slot >= 0)
            {
                int e = slot;
                slot = -1;
                if (RetainedDuplicates.SentAgain(pool, i, line))
                {
                    continue;
                }
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
            LeaveOpen(pool, keys, i, line);
        }
        pool.SerialsAscend = ascending;
    }

    /// <summary>Marks the serials of the lines before <paramref name="end"/> (all distinct: they grew) as seen once.</summary>
    private static void EnterSeen(DayPool pool, Dictionary<string, int> serials, int end)
    {
        for (int k = 0; k < end; k++)
        {
            // A line rung 1 found sent again (a serial matched on an earlier day) counts as seen too.
            if (pool.LineState[k] is ItemState.Open or ItemState.Paired or ItemState.Duplicate)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(serials, pool.Lines[k].Serial, out _) = -1;
            }
        }
    }

    /// <summary>A line rung 1 left open: rung 2 pairs it now when it safely can, otherwise it is listed for rungs 2–5.</summary>
    private static void LeaveOpen(DayPool pool, LedgerKeys keys, int i, BankLine line)
    {
        if (!PaymentRefRung.TryPairEarly(pool, keys, i, line))
        {
            ListForLaterRungs(pool, i, line);
        }
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
