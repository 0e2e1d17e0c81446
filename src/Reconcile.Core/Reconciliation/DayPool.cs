using System.Runtime.InteropServices;
using NodaTime;
using Reconcile.Core.Model;

namespace Reconcile.Core.Reconciliation;

/// <summary>Where an item of the pool stands after the steps run so far.</summary>
internal enum ItemState : byte
{
    /// <summary>Still in the pool: later rungs see it.</summary>
    Open,

    /// <summary>Paired by a rung (matches.csv).</summary>
    Paired,

    /// <summary>A bank line of a reversal pair (冲正): left the pool, no effect.</summary>
    Reversed,

    /// <summary>A repeated bank serial or ledger key: left the pool as a DUPLICATE finding.</summary>
    Duplicate,

    /// <summary>An AMBIGUOUS line or one of its candidates: left the pool, stays open.</summary>
    Ambiguous,

    /// <summary>
    /// A carried item a person took out of an automatic pair (<see cref="OpenItem.Held"/>): no rung sees it (the ladder
    /// would only pair it the same way again); it stays open and ages like an open item until a person decides.
    /// </summary>
    Held,
}

/// <summary>
/// The working set of one escrow account and day (RULES.md "Inputs"): carried items first, then today's, held
/// as parallel arrays indexed by position in pool order. The steps and rungs change item states; the day's
/// pairs and findings collect here. Not thread-safe: one instance per account and day.
/// </summary>
internal sealed class DayPool
{
    /// <summary>An AMBIGUOUS finding or a BANK_ONLY's rejected candidates list at most this many items.</summary>
    public const int MaxListed = 20;

    private readonly MatchRecord?[] _matchByLine;
    private readonly List<ulong> _matchedKeys;
    private int[]? _serialMatchedDay;
    private int[]? _refPaidDay;
    private Dictionary<int, List<Candidate>>? _rejected;
    private Dictionary<int, string>? _ambiguousIdByLine;
    private Dictionary<int, string>? _lineNotes;
    private Dictionary<int, string>? _entryNotes;
    private Dictionary<int, IReadOnlyList<Candidate>>? _entryInstalments;

    private DayPool(AccountDayInput input, OpenItem[] carriedLines, OpenItem[] carriedEntries)
    {
        Account = input.Account;
        Date = input.BusinessDate;
        DateDay = DayNumber(input.BusinessDate);
        Window = input.Options.TimingWindowDays;
        Retained = input.Retained ?? RetainedKeys.None;
        RetainedFromDay = DateDay - input.Options.RetentionDays;
        CarriedLineItems = carriedLines;
        CarriedEntryItems = carriedEntries;

        // One pass per side over the caller's objects (each pass over them is a cache miss per item): copy, check
        // the account, note the keys and day numbers, and check the order; sort only when it is not already sorted.
        ReadOnlySpan<BankLine> todayLines = Span(input.BankLines);
        int lineCount = carriedLines.Length + todayLines.Length;
        Lines = new BankLine[lineCount];
        LineFirstSeen = new LocalDate[lineCount];
        LineDay = new int[lineCount];
        LineState = new ItemState[lineCount];
        var days = new DayNumbers();
        for (int i = 0; i < carriedLines.Length; i++)
        {
            BankLine line = carriedLines[i].BankLine!;
            Lines[i] = line;
            LineFirstSeen[i] = carriedLines[i].FirstSeen;
            LineDay[i] = days.Of(line.BookingDate);
            LineState[i] = carriedLines[i].Held ? ItemState.Held : ItemState.Open;
            HasReversals |= line.ReversalOf is not null;
        }
        bool sorted = true;
        for (int i = 0; i < todayLines.Length; i++)
        {
            BankLine line = todayLines[i];
            if (!string.Equals(line.AccountNo, Account.AccountNo, StringComparison.Ordinal))
            {
                throw new ArgumentException(
                    $"bank line {line.Serial} ({line.Source}) belongs to account {line.AccountNo}, not {Account.AccountNo}",
                    nameof(input));
            }
            int at = carriedLines.Length + i;
            Lines[at] = line;
            LineFirstSeen[at] = input.BusinessDate;
            LineDay[at] = days.Of(line.BookingDate);
            HasReversals |= line.ReversalOf is not null;
            sorted = sorted && (i == 0 || PoolOrder.CompareToday(todayLines[i - 1], line) <= 0);
        }
        if (!sorted)
        {
            PoolOrder.SortToday(Lines, carriedLines.Length);
            for (int i = carriedLines.Length; i < lineCount; i++)
            {
                LineDay[i] = days.Of(Lines[i].BookingDate);
            }
        }

        ReadOnlySpan<LedgerEntry> todayEntries = Span(input.LedgerEntries);
        int entryCount = carriedEntries.Length + todayEntries.Length;
        Entries = new LedgerEntry[entryCount];
        EntryFirstSeen = new LocalDate[entryCount];
        EntryDay = new int[entryCount];
        EntryState = new ItemState[entryCount];
        for (int i = 0; i < carriedEntries.Length; i++)
        {
            LedgerEntry entry = carriedEntries[i].Entry!;
            Entries[i] = entry;
            EntryFirstSeen[i] = carriedEntries[i].FirstSeen;
            EntryDay[i] = days.Of(entry.AccountingDate);
            EntryState[i] = carriedEntries[i].Held ? ItemState.Held : ItemState.Open;
        }
        // While today's entries come in entry_id order, the duplicate step takes them (and the carried ones, merged
        // by id) in the same pass: each entry is visited once while it is at hand.
        var claims = new LedgerClaims(entryCount);
        int[] carriedById = LedgerDuplicates.CarriedById(Entries, carriedEntries.Length);
        int nextCarried = 0;
        sorted = true;
        for (int i = 0; i < todayEntries.Length; i++)
        {
            LedgerEntry entry = todayEntries[i];
            if (!string.Equals(entry.EscrowAccountNo, Account.AccountNo, StringComparison.Ordinal))
            {
                throw new ArgumentException(
                    $"ledger entry {entry.EntryId} ({entry.Source}) belongs to account {entry.EscrowAccountNo}, not {Account.AccountNo}",
                    nameof(input));
            }
            int at = carriedEntries.Length + i;
            Entries[at] = entry;
            EntryFirstSeen[at] = input.BusinessDate;
            EntryDay[at] = days.Of(entry.AccountingDate);
            sorted = sorted && (i == 0 || PoolOrder.CompareById(todayEntries[i - 1], entry) <= 0);
            if (sorted)
            {
                nextCarried = claims.TakeCarriedUpTo(Entries, carriedById, nextCarried, entry.EntryId);
                claims.Take(Entries, at);
            }
        }
        if (sorted)
        {
            claims.TakeCarriedUpTo(Entries, carriedById, nextCarried, null);
            ClaimsInIdOrder = claims;
        }
        else
        {
            PoolOrder.SortToday(Entries, carriedEntries.Length);
            for (int i = carriedEntries.Length; i < entryCount; i++)
            {
                EntryDay[i] = days.Of(Entries[i].AccountingDate);
            }
        }

        _matchByLine = new MatchRecord?[lineCount];
        _matchedKeys = new List<ulong>(lineCount);
    }

    public EscrowAccount Account { get; }

    public LocalDate Date { get; }

    /// <summary><see cref="Date"/> as a day number, for day arithmetic without allocation.</summary>
    public int DateDay { get; }

    /// <summary>The timing window in days (RULES.md: rungs 4–5 and ageing).</summary>
    public int Window { get; }

    /// <summary>The serials and refs the account matched on earlier days.</summary>
    public RetainedKeys Retained { get; }

    /// <summary>The first day (day number) of the retention window: a key matched before it no longer counts.</summary>
    public int RetainedFromDay { get; }

    /// <summary>
    /// Looks today's open lines' serials and payment refs up in <see cref="Retained"/> at once (sorted, one walk per
    /// retained day), for <see cref="SerialMatchedOn"/> and <see cref="RefPaidOn"/>. Called before rung 1.
    /// </summary>
    public void FindRetained()
    {
        if (Retained.Count == 0)
        {
            return;
        }
        int count = 0;
        for (int i = CarriedLineCount; i < Lines.Length; i++)
        {
            if (LineState[i] == ItemState.Open)
            {
                count += string.IsNullOrEmpty(Lines[i].PaymentRef) ? 1 : 2;
            }
        }
        var hashes = new ulong[count];
        var codes = new int[count];
        count = 0;
        for (int i = CarriedLineCount; i < Lines.Length; i++)
        {
            if (LineState[i] != ItemState.Open)
            {
                continue;
            }
            hashes[count] = KeyHash.Serial(Lines[i].Serial);
            codes[count++] = i * 2;
            if (Lines[i].PaymentRef is { Length: > 0 } lineRef)
            {
                hashes[count] = KeyHash.PaymentRef(lineRef);
                codes[count++] = (i * 2) + 1;
            }
        }
        Array.Sort(hashes, codes);
        // Distinct queries in place (a repeated serial asks once); slot[k] is query k's place among them.
        var slot = new int[count];
        int n = 0;
        for (int k = 0; k < count; k++)
        {
            if (n == 0 || hashes[n - 1] != hashes[k])
            {
                hashes[n++] = hashes[k];
            }
            slot[k] = n - 1;
        }
        var latest = new int[n];
        Retained.FindLatest(hashes.AsSpan(0, n), RetainedFromDay, DateDay, latest);
        _serialMatchedDay = new int[Lines.Length];
        _refPaidDay = new int[Lines.Length];
        for (int k = 0; k < count; k++)
        {
            int line = codes[k] / 2;
            (codes[k] % 2 == 0 ? _serialMatchedDay : _refPaidDay)[line] = latest[slot[k]];
        }
    }

    /// <summary>The day (inside the retention window, before today) the line's serial was last matched on, if it was.</summary>
    public bool SerialMatchedOn(int line, out LocalDate day) => Found(_serialMatchedDay, line, out day);

    /// <summary>The day (inside the retention window, before today) the line's payment ref was last paid on, if it was.</summary>
    public bool RefPaidOn(int line, out LocalDate day) => Found(_refPaidDay, line, out day);

    private static bool Found(int[]? days, int line, out LocalDate day)
    {
        if (days is null || days[line] == 0)
        {
            day = default;
            return false;
        }
        day = LocalDate.FromDateOnly(DateOnly.FromDayNumber(days[line]));
        return true;
    }

    /// <summary>Notes a key matched today (kept by the store for later days' duplicate check).</summary>
    public void RetainKey(ulong hash) => _matchedKeys.Add(hash);

    /// <summary>The hashes of the serials and refs matched today, sorted and distinct.</summary>
    public MatchedKeys MatchedKeys() => Reconciliation.MatchedKeys.Of([.. _matchedKeys]);

    /// <summary>Bank lines in pool order: the first <see cref="CarriedLineCount"/> were carried.</summary>
    public BankLine[] Lines { get; }

    public LocalDate[] LineFirstSeen { get; }

    /// <summary>Booking day of each line as a day number.</summary>
    public int[] LineDay { get; }

    public ItemState[] LineState { get; }

    /// <summary>The carried bank open items, in pool order (index i is line i).</summary>
    public OpenItem[] CarriedLineItems { get; }

    public int CarriedLineCount => CarriedLineItems.Length;

    /// <summary>Whether any line names a line it reverses (so the reversal step has work).</summary>
    public bool HasReversals { get; }

    /// <summary>Ledger entries in pool order: the first <see cref="CarriedEntryCount"/> were carried.</summary>
    public LedgerEntry[] Entries { get; }

    public LocalDate[] EntryFirstSeen { get; }

    /// <summary>Accounting day of each entry as a day number.</summary>
    public int[] EntryDay { get; }

    public ItemState[] EntryState { get; }

    /// <summary>The carried ledger open items, in pool order (index i is entry i).</summary>
    public OpenItem[] CarriedEntryItems { get; }

    public int CarriedEntryCount => CarriedEntryItems.Length;

    /// <summary>
    /// The duplicate step's claims, taken in the pool's own pass when today's entries came in entry_id order; null
    /// when they had to be sorted (<see cref="LedgerDuplicates"/> takes them then).
    /// </summary>
    public LedgerClaims? ClaimsInIdOrder { get; }

    /// <summary>Lines left open by rung 1 with a payment ref, in pool order (rung 1 sorts them out in its pass).</summary>
    public List<int> RefLines { get; } = [];

    /// <summary>OUT lines left open by rung 1 with a batch token, in pool order.</summary>
    public List<int> BatchLines { get; } = [];

    /// <summary>Lines left open by rung 1 with a sub-account or a contract token, in pool order.</summary>
    public List<int> KeyLines { get; } = [];

    /// <summary>Lines left open by rung 1 with a counterparty account, in pool order.</summary>
    public List<int> CounterpartyLines { get; } = [];

    /// <summary>Set by rung 1: the serials of the lines grow in pool order (so today's matches are in order).</summary>
    public bool SerialsAscend { get; set; }

    /// <summary>Pairs and reversals made so far today.</summary>
    public int MatchCount { get; private set; }

    /// <summary>Standing findings found today (DUPLICATE and the findings on pairs).</summary>
    public List<Discrepancy> Standing { get; } = [];

    /// <summary>AMBIGUOUS findings of today, one per line.</summary>
    public List<Discrepancy> Ambiguous { get; } = [];

    public static DayPool Create(AccountDayInput input)
    {
        int carriedLines = 0;
        int carriedEntries = 0;
        foreach (OpenItem item in input.Previous.OpenItems)
        {
            if (item.Side == OpenSide.Bank)
            {
                carriedLines++;
            }
            else
            {
                carriedEntries++;
            }
        }
        var lines = new OpenItem[carriedLines];
        var entries = new OpenItem[carriedEntries];
        carriedLines = 0;
        carriedEntries = 0;
        foreach (OpenItem item in input.Previous.OpenItems)
        {
            if (item.Side == OpenSide.Bank)
            {
                lines[carriedLines++] = item.BankLine is not null
                    ? item
                    : throw new ArgumentException($"open item {item.ItemId} has no bank line", nameof(input));
            }
            else
            {
                entries[carriedEntries++] = item.Entry is not null
                    ? item
                    : throw new ArgumentException($"open item {item.ItemId} has no ledger entry", nameof(input));
            }
        }
        Array.Sort(lines, PoolOrder.CarriedLines);
        Array.Sort(entries, PoolOrder.CarriedEntries);
        return new DayPool(input, lines, entries);
    }

    public static int DayNumber(LocalDate date) => date.ToDateOnly().DayNumber;

    private static ReadOnlySpan<T> Span<T>(IReadOnlyList<T> items) => items switch
    {
        T[] array => array,
        List<T> list => CollectionsMarshal.AsSpan(list),
        _ => items.ToArray(),
    };

    /// <summary>Day numbers of a run of dates that mostly repeat (one statement day, one ledger day).</summary>
    private struct DayNumbers
    {
        private LocalDate _last;
        private int _lastDay;
        private bool _any;

        public int Of(LocalDate date)
        {
            if (!_any || date != _last)
            {
                _last = date;
                _lastDay = DayNumber(date);
                _any = true;
            }
            return _lastDay;
        }
    }

    public bool IsCarriedLine(int line) => line < CarriedLineItems.Length;

    public bool IsCarriedEntry(int entry) => entry < CarriedEntryItems.Length;

    /// <summary>Whether the line's booking day and the entry's accounting day are within the timing window.</summary>
    public bool WithinWindow(int line, int entry) => Math.Abs(LineDay[line] - EntryDay[entry]) <= Window;

    /// <summary>
    /// Pairs a bank line with one or more entries (all leave the pool), writes the match (rule CARRIED when an item
    /// was carried, except for SPLIT, which keeps its name) and raises the findings on the pair.
    /// </summary>
    public void Pair(int line, ReadOnlySpan<int> entries, MatchRule rung)
    {
        LineState[line] = ItemState.Paired;
        bool carried = IsCarriedLine(line);
        var ids = new string[entries.Length];
        for (int k = 0; k < entries.Length; k++)
        {
            int e = entries[k];
            EntryState[e] = ItemState.Paired;
            carried |= IsCarriedEntry(e);
            ids[k] = Entries[e].EntryId;
        }
        if (ids.Length > 1)
        {
            Array.Sort(ids, StringComparer.Ordinal);
        }
        BankLine bank = Lines[line];
        foreach (int e in entries)
        {
            if (Entries[e].PaymentRef is { Length: > 0 } entryRef)
            {
                RetainKey(KeyHash.PaymentRef(entryRef));
            }
        }
        MatchRule rule = carried && rung != MatchRule.SPLIT ? MatchRule.CARRIED : rung;
        AddMatch(line, new MatchRecord(Account.AccountNo, bank.Serial, ids, rule, bank.Amount));
        PairFindings.Check(this, line, entries, rung, ids);
    }

    /// <summary>
    /// Rung 7 (PARTIAL): the lines, which add up to the entry, pay it. One match per line, each naming the entry, with
    /// the line's amount; the rule stays PARTIAL when an item was carried. Such a pair raises no finding.
    /// </summary>
    public void PairInstalments(ReadOnlySpan<int> lines, int entry)
    {
        EntryState[entry] = ItemState.Paired;
        string[] ids = [Entries[entry].EntryId];
        if (Entries[entry].PaymentRef is { Length: > 0 } entryRef)
        {
            RetainKey(KeyHash.PaymentRef(entryRef));
        }
        foreach (int line in lines)
        {
            LineState[line] = ItemState.Paired;
            BankLine bank = Lines[line];
            AddMatch(line, new MatchRecord(Account.AccountNo, bank.Serial, ids, MatchRule.PARTIAL, bank.Amount));
        }
    }

    /// <summary>Records the match made for a line (for a reversal pair: at the original line).</summary>
    public void AddMatch(int line, MatchRecord match)
    {
        _matchByLine[line] = match;
        MatchCount++;
        BankLine bank = Lines[line];
        RetainKey(KeyHash.Serial(bank.Serial));
        if (bank.PaymentRef is { Length: > 0 } lineRef)
        {
            RetainKey(KeyHash.PaymentRef(lineRef));
        }
    }

    /// <summary>
    /// Today's matches in the order of RULES.md. Collected in pool order, which is already that order when the bank's
    /// serials grow through its statements (they do at all three banks), so the sort is then skipped.
    /// </summary>
    public MatchRecord[] SortedMatches()
    {
        var matches = new MatchRecord[MatchCount];
        int count = 0;
        foreach (MatchRecord? match in _matchByLine)
        {
            if (match is not null)
            {
                matches[count++] = match;
            }
        }
        bool sorted = SerialsAscend || SerialsGrow(matches);
        if (!sorted)
        {
            PoolOrder.SortByKey(matches, 0, m => m.BankSerial, ResultOrder.Matches);
        }
        return matches;
    }

    private static bool SerialsGrow(MatchRecord[] matches)
    {
        for (int k = 1; k < matches.Length; k++)
        {
            if (string.CompareOrdinal(matches[k - 1].BankSerial, matches[k].BankSerial) >= 0)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// Reports AMBIGUOUS on a line: the line leaves the pool and stays open. The caller takes every one of the
    /// <paramref name="candidateCount"/> candidates out of the pool (<see cref="Hold"/>) and passes the first
    /// <see cref="MaxListed"/> to list; at most <see cref="MaxListed"/> competing lines are listed too.
    /// </summary>
    /// <param name="detail">The finding's detail when the default ("N equally good candidates") does not say it.</param>
    public void MarkAmbiguous(
        int line, ReadOnlySpan<int> firstCandidates, int candidateCount, ReadOnlySpan<int> competitors, MatchRule rung, string why, string? detail = null)
    {
        LineState[line] = ItemState.Ambiguous;
        BankLine bank = Lines[line];
        LedgerEntry[] listed = EntriesOf(firstCandidates[..Math.Min(firstCandidates.Length, MaxListed)]);
        var offered = new List<Candidate>(listed.Length + Math.Min(competitors.Length, MaxListed));
        ProofEffect effect = ProofEffect.BankSide(bank.Direction, bank.Amount);
        string rungName = rung.ToString();
        foreach (LedgerEntry entry in listed)
        {
            offered.Add(new Candidate(rungName, "L:" + entry.EntryId, entry.Amount, why));
            if (entry.IsBooked)
            {
                effect += ProofEffect.LedgerSide(entry.Direction, entry.Amount);
            }
        }
        for (int k = 0; k < competitors.Length && k < MaxListed; k++)
        {
            BankLine other = Lines[competitors[k]];
            offered.Add(new Candidate(rungName, "B:" + other.Serial, other.Amount, "another bank line with the same candidates"));
        }
        Discrepancy finding = Findings.Ambiguous(this, bank, LineFirstSeen[line], listed, offered, rung, candidateCount, effect, detail);
        Ambiguous.Add(finding);
        (_ambiguousIdByLine ??= []).Add(line, finding.Id);
    }

    /// <summary>Takes a candidate of an AMBIGUOUS line out of the pool; it stays open.</summary>
    public void Hold(int entry) => EntryState[entry] = ItemState.Ambiguous;

    /// <summary>The id of the AMBIGUOUS finding reported on the line today.</summary>
    public string AmbiguousIdOf(int line) => _ambiguousIdByLine![line];

    /// <summary>Notes what is known of an open line beyond its side (a partial receipt): shown in its detail.</summary>
    public void NoteLine(int line, string note) => (_lineNotes ??= []).Add(line, note);

    /// <summary>
    /// Notes what is known of an open entry beyond its side (partially received): shown in its detail, and the lines
    /// that paid part of it as the candidates of its LEDGER_ONLY.
    /// </summary>
    public void NoteEntry(int entry, string note, IReadOnlyList<Candidate> instalments)
    {
        (_entryNotes ??= []).Add(entry, note);
        (_entryInstalments ??= []).Add(entry, instalments);
    }

    public string? LineNote(int line) => _lineNotes is not null && _lineNotes.TryGetValue(line, out string? note) ? note : null;

    public string? EntryNote(int entry) => _entryNotes is not null && _entryNotes.TryGetValue(entry, out string? note) ? note : null;

    /// <summary>The lines that paid part of the entry (partially received), as candidates; empty otherwise.</summary>
    public IReadOnlyList<Candidate> InstalmentsOf(int entry) =>
        _entryInstalments is not null && _entryInstalments.TryGetValue(entry, out IReadOnlyList<Candidate>? lines) ? lines : [];

    /// <summary>Notes a candidate a rung considered for a line and rejected (shown on the line's BANK_ONLY).</summary>
    public void Reject(int line, int entry, MatchRule rung, RejectReason reason)
    {
        _rejected ??= [];
        if (!_rejected.TryGetValue(line, out List<Candidate>? list))
        {
            list = [];
            _rejected.Add(line, list);
        }
        if (list.Count < MaxListed)
        {
            list.Add(Rejection.Describe(this, line, entry, rung, reason));
        }
    }

    /// <summary>The candidates rungs considered for the line and rejected today.</summary>
    public IReadOnlyList<Candidate> RejectedOf(int line) =>
        _rejected is not null && _rejected.TryGetValue(line, out List<Candidate>? list) ? list : [];

    /// <summary>The entries at the given pool positions, ordinal by entry id.</summary>
    public LedgerEntry[] EntriesOf(ReadOnlySpan<int> entries)
    {
        var result = new LedgerEntry[entries.Length];
        for (int k = 0; k < entries.Length; k++)
        {
            result[k] = Entries[entries[k]];
        }
        if (result.Length > 1)
        {
            Array.Sort(result, PoolOrder.ById);
        }
        return result;
    }
}
