using System.Globalization;
using System.Runtime.InteropServices;
using Reconcile.Core.Model;

namespace Reconcile.Core.Reconciliation;

/// <summary>
/// Rung 6 (SPLIT): a bank line left open equals the sum of 2–4 of its candidates (<see cref="SumCandidates"/>: open
/// SUCCESS entries of its sub-account or contract, same direction, within the window), each smaller than the line.
/// Exactly one such set, whose entries no other line's sum could also use → one pair of the line with the set
/// (rule SPLIT, also with carried items). Two sets or more, or entries another line's sum could also use → AMBIGUOUS
/// on the line, listing every entry of every set that fits; the entries leave the pool. Every line is decided from
/// the same pool, so the outcome does not depend on the order of the lines.
/// </summary>
internal static class SplitRung
{
    public static void Run(DayPool pool, SumCandidates candidates)
    {
        // Every line's fit, before anything pairs.
        var fitted = new List<(int Line, int[] Union, int[] Set, int Fits)>();
        Span<long> amounts = stackalloc long[SumCandidates.MaxPerKey];
        Span<int> smaller = stackalloc int[SumCandidates.MaxPerKey];
        for (int k = 0; k < candidates.Lines.Count; k++)
        {
            int line = candidates.Lines[k];
            long target = pool.Lines[line].Amount.Fen;
            int n = 0;
            foreach (int e in candidates.EntriesOfLine[k])
            {
                long amount = pool.Entries[e].Amount.Fen;
                if (pool.EntryState[e] == ItemState.Open && amount < target)
                {
                    amounts[n] = amount;
                    smaller[n++] = e;
                }
            }
            if (n < SubsetSums.MinParts)
            {
                continue;
            }
            SubsetFit fit = SubsetSums.Find(amounts[..n], target);
            if (fit.Fits > 0)
            {
                fitted.Add((line, SubsetFit.Pick(smaller[..n], fit.Union), SubsetFit.Pick(smaller[..n], fit.First), fit.Fits));
            }
        }
        if (fitted.Count == 0)
        {
            return;
        }

        // Which lines' sums could use each entry.
        var claimants = new Dictionary<int, List<int>>();
        foreach ((int line, int[] union, _, _) in fitted)
        {
            foreach (int e in union)
            {
                if (!claimants.TryGetValue(e, out List<int>? lines))
                {
                    lines = [];
                    claimants.Add(e, lines);
                }
                lines.Add(line);
            }
        }

        var competitors = new List<int>();
        foreach ((int line, int[] union, int[] set, int fits) in fitted)
        {
            competitors.Clear();
            foreach (int e in union)
            {
                foreach (int other in claimants[e])
                {
                    if (other != line && !competitors.Contains(other))
                    {
                        competitors.Add(other);
                    }
                }
            }
            if (fits == 1 && competitors.Count == 0)
            {
                pool.Pair(line, set, MatchRule.SPLIT);
                continue;
            }
            foreach (int e in union)
            {
                pool.Hold(e);
            }
            competitors.Sort();
            BankLine bank = pool.Lines[line];
            string detail = fits > 1
                ? string.Create(CultureInfo.InvariantCulture,
                    $"SPLIT: bank {bank.Direction} {bank.Amount} is the sum of {fits} different sets of open entries of its sub-account or contract; choose one")
                : $"SPLIT: bank {bank.Direction} {bank.Amount} is the sum of open entries that another bank line's sum could also use; choose";
            pool.MarkAmbiguous(line, union, union.Length, CollectionsMarshal.AsSpan(competitors), MatchRule.SPLIT,
                $"part of a set of entries adding up to {bank.Amount}", detail);
        }
    }
}
