using System.Runtime.InteropServices;
using Reconcile.Core.Model;

namespace Reconcile.Core.Reconciliation;

/// <summary>
/// Before the ladder (RULES.md): a line whose serial an earlier line of the pool already has (later in statement
/// order, or today's when a carried line has the serial) is a DUPLICATE and leaves the pool; the bank did move
/// it, so it counts bank-side one-sided.
/// </summary>
internal static class BankDuplicates
{
    public static void Apply(DayPool pool)
    {
        BankLine[] lines = pool.Lines;
        ItemState[] state = pool.LineState;
        var seen = new Dictionary<string, int>(lines.Length, StringComparer.Ordinal);
        for (int i = 0; i < lines.Length; i++)
        {
            if (state[i] != ItemState.Open)
            {
                continue;
            }
            ref int occurrences = ref CollectionsMarshal.GetValueRefOrAddDefault(seen, lines[i].Serial, out bool exists);
            occurrences++;
            if (exists)
            {
                state[i] = ItemState.Duplicate;
                pool.Standing.Add(Findings.BankDuplicate(pool, lines[i], occurrences));
            }
        }
    }
}
