using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Reconcile.Core.Model;

namespace Reconcile.Core.Reconciliation;

/// <summary>
/// Builds the <see cref="Discrepancy"/> records of each category with the id keys of RULES.md ("Ids and order"),
/// the amounts, the items involved (for <c>discrepancies show</c>) and a one-line detail.
/// </summary>
internal static class Findings
{
    private static readonly string[] NoIds = [];

    /// <param name="note">What else is known of the line (an instalment of a partially received entry), or null.</param>
    public static Discrepancy BankOnly(DayPool pool, BankLine line, LocalDate firstSeen, IReadOnlyList<Candidate> rejected, string? note = null) =>
        BankOnly(pool.Account, line, firstSeen, rejected, note);

    public static Discrepancy BankOnly(EscrowAccount account, BankLine line, LocalDate firstSeen, IReadOnlyList<Candidate> rejected, string? note = null) => Make(
        account,
        Category.BANK_ONLY,
        line.Direction,
        line.Amount,
        null,
        line.Serial,
        NoIds,
        line.ContractNo,
        line.SubAccountNo,
        firstSeen,
        note is null ? $"bank {line.Direction} {line.Amount} ({Describe(line)}) has no ledger entry" : $"bank {line.Direction} {line.Amount} ({Describe(line)}) is {note}",
        ProofEffect.BankSide(line.Direction, line.Amount),
        line,
        [],
        rejected);

    /// <param name="note">What else is known of the entry (partially received), or null.</param>
    /// <param name="instalments">The lines that paid part of it, listed as its candidates (none when null).</param>
    public static Discrepancy LedgerOnly(
        DayPool pool, LedgerEntry entry, LocalDate firstSeen, string? note = null, IReadOnlyList<Candidate>? instalments = null) => Make(
        pool.Account,
        Category.LEDGER_ONLY,
        entry.Direction,
        null,
        entry.Amount,
        null,
        [entry.EntryId],
        entry.ContractNo,
        entry.SubAccountNo,
        firstSeen,
        $"ledger {entry.Kind} {entry.Amount} ({entry.EntryId} {entry.Remark}".TrimEnd() + (note is null ? ") not executed by the bank" : ") " + note),
        ProofEffect.LedgerSide(entry.Direction, entry.Amount),
        null,
        [entry],
        instalments ?? []);

    /// <summary>A finding on a pair made today (AMOUNT / DIRECTION / STATUS_MISMATCH, WRONG_SUB_ACCOUNT).</summary>
    public static Discrepancy OnPair(
        DayPool pool,
        Category category,
        BankLine line,
        LedgerEntry[] entries,
        string[] entryIds,
        string detail,
        ProofEffect effect)
    {
        Money ledgerAmount = Money.Zero;
        foreach (LedgerEntry entry in entries)
        {
            ledgerAmount += entry.Amount;
        }
        bool single = entries.Length == 1;
        return Make(
            pool.Account,
            category,
            line.Direction,
            line.Amount,
            ledgerAmount,
            line.Serial,
            entryIds,
            single ? entries[0].ContractNo : line.ContractNo,
            single ? entries[0].SubAccountNo : line.SubAccountNo,
            pool.Date,
            detail,
            effect,
            line,
            entries,
            []);
    }

    /// <summary>The later line of a repeated bank serial; <paramref name="occurrence"/> is 2 for the first repeat.</summary>
    public static Discrepancy BankDuplicate(DayPool pool, BankLine line, int occurrence) => LineDuplicate(
        pool,
        line,
        string.Create(CultureInfo.InvariantCulture, $"bank serial {line.Serial} appears {Ordinal(occurrence)} time ({line.Source})"),
        occurrence > 2 ? occurrence.ToString(CultureInfo.InvariantCulture) : null);

    /// <summary>A line of today whose serial the account matched on <paramref name="matchedOn"/> (an earlier day).</summary>
    public static Discrepancy SerialSentAgain(DayPool pool, BankLine line, LocalDate matchedOn) => LineDuplicate(
        pool,
        line,
        $"bank serial {line.Serial} was matched on {Iso(matchedOn)} and is sent again ({line.Source})",
        "AGAIN:" + Iso(pool.Date));

    /// <summary>A line of today whose payment ref was paid on <paramref name="paidOn"/> and that no entry claims again.</summary>
    public static Discrepancy RefPaidAgain(DayPool pool, BankLine line, LocalDate paidOn) => LineDuplicate(
        pool,
        line,
        $"payment ref {line.PaymentRef} was paid on {Iso(paidOn)} and the bank pays it again ({Describe(line)}, {line.Source}); no ledger entry claims it: a likely double payment",
        "REF:" + line.PaymentRef);

    /// <summary>A ledger entry repeating a key an earlier entry claimed; only a SUCCESS one moves the proof.</summary>
    public static Discrepancy LedgerDuplicate(DayPool pool, LedgerEntry entry, string why) => Make(
        pool.Account,
        Category.DUPLICATE,
        entry.Direction,
        null,
        entry.Amount,
        null,
        [entry.EntryId],
        entry.ContractNo,
        entry.SubAccountNo,
        pool.Date,
        $"ledger entry {entry.EntryId} ({entry.Status}): {why}",
        entry.IsBooked ? ProofEffect.LedgerSide(entry.Direction, entry.Amount) : ProofEffect.None,
        null,
        [entry],
        []);

    public static Discrepancy Ambiguous(
        DayPool pool,
        BankLine line,
        LocalDate firstSeen,
        LedgerEntry[] listed,
        IReadOnlyList<Candidate> offered,
        MatchRule rung,
        int candidateCount,
        ProofEffect effect,
        string? detail = null)
    {
        var ids = new string[listed.Length];
        for (int k = 0; k < listed.Length; k++)
        {
            ids[k] = listed[k].EntryId;
        }
        string more = candidateCount > listed.Length
            ? string.Create(CultureInfo.InvariantCulture, $" (first {listed.Length} of {candidateCount} listed)")
            : "";
        return Make(
            pool.Account,
            Category.AMBIGUOUS,
            line.Direction,
            line.Amount,
            listed.Length > 0 ? listed[0].Amount : null,
            line.Serial,
            ids,
            line.ContractNo ?? (listed.Length > 0 ? listed[0].ContractNo : null),
            line.SubAccountNo ?? (listed.Length > 0 ? listed[0].SubAccountNo : null),
            firstSeen,
            detail ?? string.Create(CultureInfo.InvariantCulture, $"{rung}: bank {line.Direction} {line.Amount} has {candidateCount} equally good candidates{more}; choose one"),
            effect,
            line,
            listed,
            offered);
    }

    public static Discrepancy RunningBreak(EscrowAccount account, LocalDate date, RunningBalanceBreak broken) => Make(
        account,
        Category.BALANCE_BREAK,
        null,
        (broken.Printed - broken.Expected).Abs(),
        null,
        broken.Serial,
        NoIds,
        null,
        null,
        date,
        $"row {broken.Serial} ({broken.Source}) prints balance {broken.Printed}, expected {broken.Expected}",
        ProofEffect.None,
        null,
        [],
        []);

    public static Discrepancy OpeningBreak(EscrowAccount account, LocalDate date, Money opening, Money lastClosing) => Make(
        account,
        Category.BALANCE_BREAK,
        null,
        (opening - lastClosing).Abs(),
        null,
        null,
        NoIds,
        null,
        null,
        date,
        $"opening balance {opening} ≠ closing balance {lastClosing} of {Iso(date.PlusDays(-1))}",
        ProofEffect.None,
        null,
        [],
        [],
        "OPENING:" + Iso(date));

    public static Discrepancy MissingStatement(EscrowAccount account, LocalDate date) => Make(
        account,
        Category.MISSING_STATEMENT,
        null,
        null,
        null,
        null,
        NoIds,
        null,
        null,
        date,
        $"no statement for {Iso(date)}",
        ProofEffect.None,
        null,
        [],
        [],
        Iso(date));

    public static string Describe(BankLine line)
    {
        string text = string.IsNullOrEmpty(line.Memo) ? line.Summary : line.Summary + " " + line.Memo;
        return line.Serial + " " + text.Trim();
    }

    private static string Iso(LocalDate date) => LocalDatePattern.Iso.Format(date);

    /// <summary>A DUPLICATE bank line: it left the pool, and the bank did move it (bank-side one-sided).</summary>
    private static Discrepancy LineDuplicate(DayPool pool, BankLine line, string detail, string? extraKey) => Make(
        pool.Account,
        Category.DUPLICATE,
        line.Direction,
        line.Amount,
        null,
        line.Serial,
        NoIds,
        line.ContractNo,
        line.SubAccountNo,
        pool.Date,
        detail,
        ProofEffect.BankSide(line.Direction, line.Amount),
        line,
        [],
        [],
        extraKey);

    private static string Ordinal(int n) => n switch
    {
        2 => "a 2nd",
        3 => "a 3rd",
        _ => string.Create(CultureInfo.InvariantCulture, $"a {n}th"),
    };

    private static Discrepancy Make(
        EscrowAccount account,
        Category category,
        Direction? direction,
        Money? bankAmount,
        Money? ledgerAmount,
        string? bankSerial,
        string[] entryIds,
        string? contractNo,
        string? subAccountNo,
        LocalDate firstSeen,
        string detail,
        ProofEffect effect,
        BankLine? line,
        IReadOnlyList<LedgerEntry> entries,
        IReadOnlyList<Candidate> candidates,
        string? extraKey = null) => new(
            DiscrepancyId.For(category, account.AccountNo, bankSerial, entryIds, extraKey),
            category,
            account.Bank,
            account.Type,
            account.AccountNo,
            direction,
            bankAmount,
            ledgerAmount,
            bankSerial,
            entryIds,
            NullIfEmpty(contractNo),
            NullIfEmpty(subAccountNo),
            firstSeen,
            detail,
            effect,
            line,
            entries,
            candidates);

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
