using NodaTime;
using Reconcile.Core.Cases;
using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;

namespace Reconcile.Core.Tests.Cases;

/// <summary>Small literal lines, entries and findings of one CEB account.</summary>
internal static class CaseFixtures
{
    public const string Account = "38450188000123456";

    public static readonly LocalDate Day = new(2024, 11, 6);

    public static readonly Instant At = Instant.FromUtc(2024, 11, 7, 2, 0);

    public static Money Yuan(decimal yuan) => Money.FromYuan(yuan);

    public static BankLine Line(string serial, Direction direction, decimal amount) => new(
        Bank.CEB, Account, Day, null, serial, direction, Yuan(amount), Money.Zero,
        null, null, null, null, null, null, null, "跨行转入", "", null, 0, new SourceRef("ceb.csv", 7));

    public static LedgerEntry Entry(string entryId, LedgerKind kind, decimal amount) => new(
        entryId, "ORD" + entryId, "JG2024110600031", "CEB-JG2024110600031", Bank.CEB, Account, EscrowType.SECOND_HAND,
        kind, Yuan(amount), LedgerStatus.SUCCESS, At, At, Day, null, null, null, null, null, "", new SourceRef("ledger.csv", 2));

    public static Discrepancy BankOnly(BankLine line) => Finding(
        Category.BANK_ONLY, line.Direction, line.Amount, null, line.Serial, [], ProofEffect.BankSide(line.Direction, line.Amount), line);

    public static Discrepancy LedgerOnly(LedgerEntry entry) => Finding(
        Category.LEDGER_ONLY, entry.Direction, null, entry.Amount, null, [entry.EntryId], ProofEffect.LedgerSide(entry.Direction, entry.Amount), null);

    public static Discrepancy Finding(
        Category category,
        Direction? direction,
        Money? bankAmount,
        Money? ledgerAmount,
        string? serial,
        IReadOnlyList<string> entryIds,
        ProofEffect effect,
        BankLine? line = null) => new(
            DiscrepancyId.For(category, Account, serial, entryIds),
            category, Bank.CEB, EscrowType.SECOND_HAND, Account, direction, bankAmount, ledgerAmount, serial, entryIds,
            null, null, Day, "", effect, line, [], []);

    public static AccountState State(IReadOnlyList<OpenItem>? open = null, IReadOnlyList<Discrepancy>? standing = null) =>
        AccountState.Empty(Account) with { LastDate = Day, OpenItems = open ?? [], Standing = standing ?? [] };

    public static CaseEvent Event(CaseEventKind kind, string by = "system", ResolutionReason? reason = null, string? text = null, LocalDate? day = null) =>
        new("D-1", kind, At, by, text, reason, null, day);

    /// <summary>adjusted bank − adjusted ledger, in yuan, for a closing and book balance and the state's one-sided sums.</summary>
    public static decimal Unexplained(decimal closing, decimal ledger, AccountState state)
    {
        ProofEffect e = StateEffects.Of(state);
        Money adjustedBank = Yuan(closing) + e.LedgerInNotBank - e.LedgerOutNotBank;
        Money adjustedLedger = Yuan(ledger) + e.BankInNotLedger - e.BankOutNotLedger;
        return (adjustedBank - adjustedLedger).ToYuan();
    }
}
