using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Reconcile.Core.Model;

namespace Reconcile.Core.Reconciliation;

/// <summary>
/// Rung 4 (SUB_ACCOUNT / CONTRACT): candidates share the line's sub-account (or, when none does, its contract
/// token), move money the same way and were booked within the timing window. Exactly one exact amount pairs;
/// several exact amounts are AMBIGUOUS; no exact amount and a single candidate pairs (an AMOUNT_MISMATCH) unless the
/// line is smaller than that booked entry (perhaps an instalment: it falls through to rungs 5–7); no exact amount and
/// several candidates falls through to rung 5. Lines choose in pool order. An entry an
/// AMBIGUOUS line listed stays a candidate but cannot be paired: a line whose choice it is is AMBIGUOUS too.
/// </summary>
/// <remarks>
/// Entries are chained per key (<see cref="KeyIndex"/>); paired entries are unlinked while walking, so each chain
/// walk costs the entries still open under that key.
/// </remarks>
internal static class SubAccountRung
{
    /// <summary>A key with more entries still open than this is not used (the line falls through to rung 5).</summary>
    public const int MaxOpenPerKey = 4096;

    private enum Outcome
    {
        NoCandidate,
        Decided,
        FellThrough,
    }

    public static void Run(DayPool pool)
    {
        if (pool.KeyLines.Count == 0)
        {
            return;
        }

        // Built on first use: CITIC and PAB lines name sub-accounts, CEB lines only contract tokens.
        KeyIndex? bySub = null;
        KeyIndex? byContract = null;
        var scratch = new Scratch();
        foreach (int i in pool.KeyLines)
        {
            if (pool.LineState[i] != ItemState.Open)
            {
                continue;
            }
            BankLine line = pool.Lines[i];
            scratch.Rejected.Clear();
            Outcome outcome = Outcome.NoCandidate;
            if (!string.IsNullOrEmpty(line.SubAccountNo))
            {
                bySub ??= new KeyIndex(pool, MatchRule.SUB_ACCOUNT);
                outcome = Decide(pool, i, bySub, line.SubAccountNo, MatchRule.SUB_ACCOUNT, scratch);
            }
            if (outcome == Outcome.NoCandidate && !string.IsNullOrEmpty(line.ContractNo))
            {
                byContract ??= new KeyIndex(pool, MatchRule.CONTRACT);
                outcome = Decide(pool, i, byContract, line.ContractNo, MatchRule.CONTRACT, scratch);
            }
            if (outcome != Outcome.Decided)
            {
                foreach ((int entry, MatchRule rung, RejectReason reason) in scratch.Rejected)
                {
                    pool.Reject(i, entry, rung, reason);
                }
            }
        }
    }

    private static Outcome Decide(DayPool pool, int line, KeyIndex index, string key, MatchRule rung, Scratch scratch)
    {
        int[] next = index.Next;
        ref int link = ref CollectionsMarshal.GetValueRefOrNullRef(index.First, key);
        if (Unsafe.IsNullRef(ref link))
        {
            return Outcome.NoCandidate;
        }
        BankLine bank = pool.Lines[line];
        List<int> exact = scratch.Exact;
        List<int> inexact = scratch.Inexact;
        exact.Clear();
        inexact.Clear();
        int seen = 0;
        while (link != -1)
        {
            int e = link;
            ItemState state = pool.EntryState[e];
            if (state is not (ItemState.Open or ItemState.Ambiguous))
            {
                link = next[e]; // paired on the way: unlink
                continue;
            }
            if (++seen > MaxOpenPerKey)
            {
                return Outcome.FellThrough; // bounded: such a key is no key (RULES.md)
            }
            LedgerEntry entry = pool.Entries[e];
            if (entry.Direction != bank.Direction)
            {
                scratch.Rejected.Add((e, rung, RejectReason.Direction));
            }
            else if (!pool.WithinWindow(line, e))
            {
                scratch.Rejected.Add((e, rung, RejectReason.Window));
            }
            else
            {
                (entry.Amount == bank.Amount ? exact : inexact).Add(e);
            }
            link = ref next[e];
        }

        if (exact.Count >= 2)
        {
            foreach (int e in exact)
            {
                pool.Hold(e);
            }
            pool.MarkAmbiguous(line, CollectionsMarshal.AsSpan(exact), exact.Count, [], rung, "same " + KeyName(rung) + ", direction and amount");
            return Outcome.Decided;
        }
        List<int>? chosen = exact.Count == 1 ? exact : inexact.Count == 1 ? inexact : null;
        if (chosen is not null)
        {
            int e = chosen[0];
            if (pool.EntryState[e] == ItemState.Ambiguous)
            {
                pool.MarkAmbiguous(line, CollectionsMarshal.AsSpan(chosen), 1, [], rung, "already a candidate of another AMBIGUOUS bank line");
            }
            else if (chosen == inexact && IsInstalmentOf(bank, pool.Entries[e]))
            {
                scratch.Rejected.Add((e, rung, RejectReason.Amount));
                return Outcome.FellThrough; // perhaps an instalment of it: rung 7 decides
            }
            else
            {
                pool.Pair(line, new ReadOnlySpan<int>(in e), rung);
            }
            return Outcome.Decided;
        }
        if (inexact.Count == 0)
        {
            return Outcome.NoCandidate;
        }
        foreach (int e in inexact)
        {
            scratch.Rejected.Add((e, rung, RejectReason.Amount));
        }
        return Outcome.FellThrough;
    }

    /// <summary>
    /// A line smaller than its single inexact candidate (same direction, within the window), a booked entry, is not
    /// paired as an amount mismatch: it may be one instalment of that entry (rung 7, PARTIAL, and a partial receipt
    /// while the instalments fall short).
    /// </summary>
    private static bool IsInstalmentOf(BankLine line, LedgerEntry entry) => entry.IsBooked && line.Amount < entry.Amount;

    private static string KeyName(MatchRule rung) => rung == MatchRule.SUB_ACCOUNT ? "sub-account" : "contract";

    /// <summary>
    /// The entries left open after rung 3 (or held by an AMBIGUOUS line of this rung), chained per sub-account (or contract) in pool order: the first position
    /// per key in a dictionary, the next ones in an array (no list per key).
    /// </summary>
    private sealed class KeyIndex
    {
        public KeyIndex(DayPool pool, MatchRule rung)
        {
            LedgerEntry[] entries = pool.Entries;
            First = new Dictionary<string, int>(StringComparer.Ordinal);
            Next = new int[entries.Length];
            for (int e = entries.Length - 1; e >= 0; e--)
            {
                // Built lazily, perhaps after an AMBIGUOUS line of this rung: its candidates stay visible. The state
                // is checked first, so that the entries paired above are not touched.
                if (pool.EntryState[e] is not (ItemState.Open or ItemState.Ambiguous))
                {
                    continue;
                }
                string key = rung == MatchRule.SUB_ACCOUNT ? entries[e].SubAccountNo : entries[e].ContractNo;
                if (string.IsNullOrEmpty(key))
                {
                    continue;
                }
                ref int head = ref CollectionsMarshal.GetValueRefOrAddDefault(First, key, out bool exists);
                Next[e] = exists ? head : -1;
                head = e;
            }
        }

        public Dictionary<string, int> First { get; }

        public int[] Next { get; }
    }

    /// <summary>Lists reused across lines so that walking a chain allocates nothing.</summary>
    private sealed class Scratch
    {
        public List<int> Exact { get; } = [];

        public List<int> Inexact { get; } = [];

        public List<(int Entry, MatchRule Rung, RejectReason Reason)> Rejected { get; } = [];
    }
}
