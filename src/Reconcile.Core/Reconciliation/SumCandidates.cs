using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using Reconcile.Core.Model;

namespace Reconcile.Core.Reconciliation;

/// <summary>
/// What rungs 6 (SPLIT) and 7 (PARTIAL) search, built once after rung 5: for each bank line still open that names a
/// sub-account or a contract, the open SUCCESS entries of that key moving money the same way within the timing
/// window (its key is chosen as on rung 4: the sub-account when it has such an entry there, else the contract), and
/// for each such entry the lines that name it. Bounded: a key with more than <see cref="MaxPerKey"/> open SUCCESS
/// entries, or with more than <see cref="MaxPerKey"/> lines choosing it, is not searched at all.
/// </summary>
/// <remarks>
/// Only the keys the open lines name are indexed, so the index is as small as what is left; the one pass over the
/// entries that finds them costs a state check per entry (as rung 4's index does).
/// </remarks>
internal sealed class SumCandidates
{
    /// <summary>At most this many open entries (or lines) of one key are searched; a larger key is not searched.</summary>
    public const int MaxPerKey = 12;

    private readonly Dictionary<int, List<int>> _linesOf;

    private SumCandidates(List<int> lines, List<int[]> entriesOf, Dictionary<int, List<int>> linesOf, List<int> entries)
    {
        Lines = lines;
        EntriesOfLine = entriesOf;
        _linesOf = linesOf;
        Entries = entries;
    }

    /// <summary>The lines that have candidates, in pool order.</summary>
    public List<int> Lines { get; }

    /// <summary>For <c>Lines[k]</c>, its candidate entries in pool order.</summary>
    public List<int[]> EntriesOfLine { get; }

    /// <summary>The entries that are a candidate of some line, in pool order.</summary>
    public List<int> Entries { get; }

    /// <summary>The lines (pool positions, in pool order) that have the entry as a candidate.</summary>
    public List<int> LinesOf(int entry) => _linesOf[entry];

    /// <summary>The candidates, or null when no open line names a key that an open SUCCESS entry has.</summary>
    public static SumCandidates? Build(DayPool pool)
    {
        var open = new List<int>();
        var subs = new HashSet<string>(StringComparer.Ordinal);
        var contracts = new HashSet<string>(StringComparer.Ordinal);
        foreach (int i in pool.KeyLines)
        {
            if (pool.LineState[i] != ItemState.Open)
            {
                continue;
            }
            open.Add(i);
            BankLine line = pool.Lines[i];
            if (!string.IsNullOrEmpty(line.SubAccountNo))
            {
                subs.Add(line.SubAccountNo);
            }
            if (!string.IsNullOrEmpty(line.ContractNo))
            {
                contracts.Add(line.ContractNo);
            }
        }
        if (open.Count == 0)
        {
            return null;
        }

        var bySub = new Chains();
        var byContract = new Chains();
        for (int e = 0; e < pool.Entries.Length; e++)
        {
            if (pool.EntryState[e] != ItemState.Open)
            {
                continue; // paired or held above: its object is not touched
            }
            LedgerEntry entry = pool.Entries[e];
            if (!entry.IsBooked || entry.Amount.Fen <= 0)
            {
                continue;
            }
            if (subs.Contains(entry.SubAccountNo))
            {
                bySub.Link(entry.SubAccountNo, e);
            }
            if (contracts.Contains(entry.ContractNo))
            {
                byContract.Link(entry.ContractNo, e);
            }
        }
        if (bySub.IsEmpty && byContract.IsEmpty)
        {
            return null;
        }

        // Each line's key and candidates, then the keys that too many lines chose are dropped.
        var chosen = new List<(int Line, string Key, int[] Entries)>();
        var linesPerKey = new Dictionary<string, int>(StringComparer.Ordinal);
        var candidates = new List<int>(MaxPerKey);
        foreach (int i in open)
        {
            BankLine line = pool.Lines[i];
            string? key = null;
            Choice choice = Choose(pool, i, bySub, line.SubAccountNo, candidates);
            if (choice == Choice.Found)
            {
                key = "S:" + line.SubAccountNo;
            }
            else if (choice == Choice.None)
            {
                choice = Choose(pool, i, byContract, line.ContractNo, candidates);
                key = choice == Choice.Found ? "C:" + line.ContractNo : null;
            }
            if (key is null)
            {
                continue;
            }
            chosen.Add((i, key, candidates.ToArray()));
            CollectionsMarshal.GetValueRefOrAddDefault(linesPerKey, key, out _)++;
        }

        var lines = new List<int>(chosen.Count);
        var entriesOf = new List<int[]>(chosen.Count);
        var linesOf = new Dictionary<int, List<int>>();
        foreach ((int line, string key, int[] entries) in chosen)
        {
            if (linesPerKey[key] > MaxPerKey)
            {
                continue; // bounded: such a key is not searched
            }
            lines.Add(line);
            entriesOf.Add(entries);
            foreach (int e in entries)
            {
                ref List<int>? of = ref CollectionsMarshal.GetValueRefOrAddDefault(linesOf, e, out _);
                (of ??= []).Add(line);
            }
        }
        if (lines.Count == 0)
        {
            return null;
        }
        var candidateEntries = new List<int>(linesOf.Keys);
        candidateEntries.Sort();
        return new SumCandidates(lines, entriesOf, linesOf, candidateEntries);
    }

    private enum Choice
    {
        /// <summary>The key has no open SUCCESS entry of the line's direction within the window: try the next key.</summary>
        None,

        /// <summary>The key has more entries than the bound: the line is not searched.</summary>
        TooMany,

        Found,
    }

    private static Choice Choose(DayPool pool, int line, Chains chains, string? key, List<int> candidates)
    {
        candidates.Clear();
        if (string.IsNullOrEmpty(key) || !chains.TryGet(key, out List<int>? entries))
        {
            return Choice.None;
        }
        if (entries.Count > MaxPerKey)
        {
            return Choice.TooMany;
        }
        Direction direction = pool.Lines[line].Direction;
        foreach (int e in entries)
        {
            if (pool.Entries[e].Direction == direction && pool.WithinWindow(line, e))
            {
                candidates.Add(e);
            }
        }
        return candidates.Count > 0 ? Choice.Found : Choice.None;
    }

    /// <summary>The open SUCCESS entries of each key the open lines name, in pool order (only those keys: few).</summary>
    private sealed class Chains
    {
        private readonly Dictionary<string, List<int>> _entries = new(StringComparer.Ordinal);

        public bool IsEmpty => _entries.Count == 0;

        public void Link(string key, int entry)
        {
            ref List<int>? entries = ref CollectionsMarshal.GetValueRefOrAddDefault(_entries, key, out _);
            (entries ??= []).Add(entry);
        }

        public bool TryGet(string key, [NotNullWhen(true)] out List<int>? entries) => _entries.TryGetValue(key, out entries);
    }
}
