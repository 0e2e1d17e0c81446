using System.Runtime.InteropServices;
using Reconcile.Core.Model;

namespace Reconcile.Core.Reconciliation;

/// <summary>
/// Before the ladder (RULES.md): a 冲正 line whose <see cref="BankLine.ReversalOf"/> names a line of the pool with
/// the opposite direction and the same amount takes it out of the pool with itself; one REVERSAL match row, keyed
/// by the original's serial. The first such line in pool order is taken.
/// </summary>
internal static class Reversals
{
    public const string Summary = "冲正";

    public static void Apply(DayPool pool)
    {
        if (!pool.HasReversals)
        {
            return;
        }
        BankLine[] lines = pool.Lines;
        HashSet<string>? targets = null;
        foreach (BankLine line in lines)
        {
            if (IsReversal(line))
            {
                (targets ??= new HashSet<string>(StringComparer.Ordinal)).Add(line.ReversalOf!);
            }
        }
        if (targets is null)
        {
            return;
        }

        // serial → first line with that serial in pool order, next[] chains the later ones (targets only).
        var first = new Dictionary<string, int>(targets.Count, StringComparer.Ordinal);
        var next = new int[lines.Length];
        for (int i = lines.Length - 1; i >= 0; i--)
        {
            if (targets.Contains(lines[i].Serial))
            {
                ref int head = ref CollectionsMarshal.GetValueRefOrAddDefault(first, lines[i].Serial, out bool exists);
                next[i] = exists ? head : -1;
                head = i;
            }
        }

        ItemState[] state = pool.LineState;
        for (int r = 0; r < lines.Length; r++)
        {
            BankLine reversal = lines[r];
            if (state[r] != ItemState.Open || !IsReversal(reversal) || !first.TryGetValue(reversal.ReversalOf!, out int t))
            {
                continue;
            }
            for (; t != -1; t = next[t])
            {
                BankLine original = lines[t];
                if (t != r && state[t] == ItemState.Open && original.Direction != reversal.Direction && original.Amount == reversal.Amount)
                {
                    state[t] = ItemState.Reversed;
                    state[r] = ItemState.Reversed;
                    pool.AddMatch(t, new MatchRecord(pool.Account.AccountNo, original.Serial, [], MatchRule.REVERSAL, original.Amount));
                    pool.RetainKey(KeyHash.Serial(reversal.Serial));
                    break;
                }
            }
        }
    }

    private static bool IsReversal(BankLine line) =>
        !string.IsNullOrEmpty(line.ReversalOf) && line.Summary.AsSpan().Trim().Equals(Summary, StringComparison.Ordinal);
}
