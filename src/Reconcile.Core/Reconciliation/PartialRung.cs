using System.Globalization;
using System.Runtime.InteropServices;
using Reconcile.Core.Model;

namespace Reconcile.Core.Reconciliation;

/// <summary>
/// Rung 7 (PARTIAL): an open SUCCESS entry is paid by 2–4 of the bank lines left open that have it as a candidate
/// (<see cref="SumCandidates"/>: lines of its sub-account or contract, same direction, within the window), each
/// smaller than the entry, adding up to it exactly. Exactly one such set, whose lines no other entry's sum could
/// also use → the lines pay the entry (one PARTIAL match per line, also with carried items). Two sets or more, or
/// lines another entry's sum could also use → AMBIGUOUS on each line of those sets, listing the entries whose sums
/// could use it; they leave the pool. Then the instalments that fall short: an entry still open whose 1–3 smaller
/// lines (candidates of no other entry larger than them) add up to less than it is <em>partially received</em>;
/// nothing pairs, the entry and the lines stay open (the proof counts them as before), and their detail says what
/// was received and what remains. Decided from the same pool for every entry: no order dependence.
/// </summary>
internal static class PartialRung
{
    /// <summary>Short instalments noted as a partial receipt: with four, a fifth would be one too many.</summary>
    private const int MaxShort = SubsetSums.MaxParts - 1;

    public static void Run(DayPool pool, SumCandidates candidates)
    {
        var fitted = new List<(int Entry, int[] Union, int[] Set, int Fits)>();
        Span<long> amounts = stackalloc long[SumCandidates.MaxPerKey];
        Span<int> smaller = stackalloc int[SumCandidates.MaxPerKey];
        foreach (int entry in candidates.Entries)
        {
            if (pool.EntryState[entry] != ItemState.Open)
            {
                continue;
            }
            int n = Smaller(pool, candidates, entry, amounts, smaller);
            if (n < SubsetSums.MinParts || n > SumCandidates.MaxPerKey)
            {
                continue; // one line is not a sum; more than the bound are not searched
            }
            long target = pool.Entries[entry].Amount.Fen;
            SubsetFit fit = SubsetSums.Find(amounts[..n], target);
            if (fit.Fits > 0)
            {
                fitted.Add((entry, SubsetFit.Pick(smaller[..n], fit.Union), SubsetFit.Pick(smaller[..n], fit.First), fit.Fits));
            }
        }
        if (fitted.Count > 0)
        {
            Decide(pool, fitted);
        }
        NotePartialReceipts(pool, candidates);
    }

    private static void Decide(DayPool pool, List<(int Entry, int[] Union, int[] Set, int Fits)> fitted)
    {
        // Which entries' sums could use each line.
        var claimants = new Dictionary<int, List<int>>();
        foreach ((int entry, int[] union, _, _) in fitted)
        {
            foreach (int line in union)
            {
                ref List<int>? entries = ref CollectionsMarshal.GetValueRefOrAddDefault(claimants, line, out _);
                (entries ??= []).Add(entry);
            }
        }

        var contested = new SortedSet<int>(); // lines, in pool order
        foreach ((int entry, int[] union, int[] set, int fits) in fitted)
        {
            bool alone = fits == 1 && Array.TrueForAll(set, line => claimants[line].Count == 1);
            if (alone)
            {
                pool.PairInstalments(set, entry);
            }
            else
            {
                contested.UnionWith(union);
            }
        }
        if (contested.Count == 0)
        {
            return;
        }

        var unions = new Dictionary<int, int[]>(fitted.Count);
        foreach ((int entry, int[] union, _, _) in fitted)
        {
            unions.Add(entry, union);
        }
        var competitors = new List<int>();
        foreach (int line in contested)
        {
            List<int> entries = claimants[line];
            competitors.Clear();
            foreach (int entry in entries)
            {
                pool.Hold(entry);
                foreach (int other in unions[entry])
                {
                    if (other != line && !competitors.Contains(other))
                    {
                        competitors.Add(other);
                    }
                }
            }
            competitors.Sort();
            BankLine bank = pool.Lines[line];
            string names = string.Join(", ", pool.EntriesOf(CollectionsMarshal.AsSpan(entries)).Select(e => e.EntryId + " " + e.Amount));
            string detail = $"PARTIAL: bank {bank.Direction} {bank.Amount} can be an instalment of {names}, but the instalments do not add up in one way only; choose";
            pool.MarkAmbiguous(line, CollectionsMarshal.AsSpan(entries), entries.Count, CollectionsMarshal.AsSpan(competitors), MatchRule.PARTIAL,
                "instalments add up to it in more than one way", detail);
        }
    }

    /// <summary>Entries still open whose few smaller lines, theirs alone, fall short of them: partially received.</summary>
    private static void NotePartialReceipts(DayPool pool, SumCandidates candidates)
    {
        Span<long> amounts = stackalloc long[SumCandidates.MaxPerKey];
        Span<int> lines = stackalloc int[SumCandidates.MaxPerKey];
        foreach (int entry in candidates.Entries)
        {
            if (pool.EntryState[entry] != ItemState.Open)
            {
                continue;
            }
            int n = Smaller(pool, candidates, entry, amounts, lines);
            if (n < 1 || n > MaxShort)
            {
                continue;
            }
            long received = 0;
            bool theirs = true;
            for (int k = 0; k < n && theirs; k++)
            {
                received = checked(received + amounts[k]);
                theirs = PaysOnly(pool, candidates, lines[k], entry);
            }
            LedgerEntry paid = pool.Entries[entry];
            if (!theirs || received >= paid.Amount.Fen)
            {
                continue;
            }
            Money got = Money.FromFen(received);
            Money remaining = paid.Amount - got;
            var serials = new string[n];
            for (int k = 0; k < n; k++)
            {
                serials[k] = pool.Lines[lines[k]].Serial;
            }
            Array.Sort(serials, StringComparer.Ordinal);
            string verb = paid.Direction == Direction.IN ? "received" : "paid";
            string instalment = string.Create(CultureInfo.InvariantCulture,
                $"an instalment of {paid.EntryId} {paid.Amount}: {got} {verb}, {remaining} remaining");
            var paidBy = new Candidate[n];
            for (int k = 0; k < n; k++)
            {
                pool.NoteLine(lines[k], instalment);
                BankLine line = pool.Lines[lines[k]];
                paidBy[k] = new Candidate(nameof(MatchRule.PARTIAL), "B:" + line.Serial, line.Amount,
                    string.Create(CultureInfo.InvariantCulture, $"the instalments add up to {got} of {paid.Amount}: {remaining} remaining"));
            }
            Array.Sort(paidBy, (a, b) => string.CompareOrdinal(a.ItemId, b.ItemId));
            pool.NoteEntry(entry, string.Create(CultureInfo.InvariantCulture,
                $"partially {verb} {got} of {paid.Amount} ({string.Join(", ", serials)}); {remaining} remaining"), paidBy);
        }
    }

    /// <summary>The open lines that have the entry as a candidate and are smaller than it (their count, even above the span).</summary>
    private static int Smaller(DayPool pool, SumCandidates candidates, int entry, Span<long> amounts, Span<int> lines)
    {
        long target = pool.Entries[entry].Amount.Fen;
        int n = 0;
        foreach (int line in candidates.LinesOf(entry))
        {
            long amount = pool.Lines[line].Amount.Fen;
            if (pool.LineState[line] == ItemState.Open && amount > 0 && amount < target)
            {
                if (n < lines.Length)
                {
                    amounts[n] = amount;
                    lines[n] = line;
                }
                n++;
            }
        }
        return n;
    }

    /// <summary>Whether <paramref name="entry"/> is the only open candidate of the line that is larger than it.</summary>
    private static bool PaysOnly(DayPool pool, SumCandidates candidates, int line, int entry)
    {
        long amount = pool.Lines[line].Amount.Fen;
        int k = candidates.Lines.BinarySearch(line);
        foreach (int e in candidates.EntriesOfLine[k])
        {
            if (e != entry && pool.EntryState[e] == ItemState.Open && pool.Entries[e].Amount.Fen > amount)
            {
                return false;
            }
        }
        return true;
    }
}
