using NodaTime;
using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;

namespace Reconcile.Core.Tests.Reconciliation;

/// <summary>Business days used throughout: D1 = 2024-11-06 and the two days after it.</summary>
internal static class Days
{
    public static readonly LocalDate D0 = new(2024, 11, 5);
    public static readonly LocalDate D1 = new(2024, 11, 6);
    public static readonly LocalDate D2 = new(2024, 11, 7);
    public static readonly LocalDate D3 = new(2024, 11, 8);
}

internal static class Accounts
{
    public const string No = "8110701234500000";

    public static readonly EscrowAccount Citic = new(
        No, Bank.CITIC, EscrowType.RENOVATION, "上海", "某某家装有限公司装修资金存管户", new LocalDate(2022, 7, 15), new SourceRef("accounts.csv", 2));
}

/// <summary>Bank lines with defaults: no keys at all unless a test names them, booked on D1.</summary>
internal static class Lines
{
    public static BankLine In(
        string serial,
        decimal amount,
        LocalDate? on = null,
        string? sub = null,
        string? paymentRef = null,
        string? contract = null,
        string? counterparty = null,
        string summary = "转入") =>
        Line(serial, Direction.IN, amount, on, sub, paymentRef, null, contract, counterparty, summary);

    public static BankLine Out(
        string serial,
        decimal amount,
        LocalDate? on = null,
        string? sub = null,
        string? paymentRef = null,
        string? batch = null,
        string? contract = null,
        string? counterparty = null,
        string summary = "转账") =>
        Line(serial, Direction.OUT, amount, on, sub, paymentRef, batch, contract, counterparty, summary);

    public static BankLine Reversal(string serial, Direction direction, decimal amount, string reverses, LocalDate? on = null) =>
        Line(serial, direction, amount, on, null, null, null, null, null, "冲正") with { ReversalOf = reverses };

    private static BankLine Line(
        string serial,
        Direction direction,
        decimal amount,
        LocalDate? on,
        string? sub,
        string? paymentRef,
        string? batch,
        string? contract,
        string? counterparty,
        string summary) => new(
            Bank.CITIC,
            Accounts.No,
            on ?? Days.D1,
            null,
            serial,
            direction,
            Money.FromYuan(amount),
            Money.Zero,
            sub,
            paymentRef,
            batch,
            contract,
            counterparty,
            counterparty is null ? null : "对方" + counterparty,
            null,
            summary,
            "",
            null,
            0,
            new SourceRef("statement.csv", 0));
}

/// <summary>Ledger entries with defaults: SUCCESS, on D1, no keys unless a test names them.</summary>
internal static class Entries
{
    public static LedgerEntry Deposit(
        string id,
        decimal amount,
        LedgerStatus status = LedgerStatus.SUCCESS,
        LocalDate? on = null,
        string? sub = null,
        string? contract = null,
        string? paymentRef = null,
        string? bankSerial = null,
        string? counterparty = null) =>
        Entry(id, LedgerKind.DEPOSIT, amount, status, on, sub, contract, paymentRef, bankSerial, counterparty, null);

    public static LedgerEntry Withdrawal(
        string id,
        decimal amount,
        LedgerStatus status = LedgerStatus.SUCCESS,
        LocalDate? on = null,
        string? sub = null,
        string? contract = null,
        string? paymentRef = null,
        string? bankSerial = null,
        string? counterparty = null,
        string? batch = null) =>
        Entry(id, LedgerKind.WITHDRAWAL, amount, status, on, sub, contract, paymentRef, bankSerial, counterparty, batch);

    private static LedgerEntry Entry(
        string id,
        LedgerKind kind,
        decimal amount,
        LedgerStatus status,
        LocalDate? on,
        string? sub,
        string? contract,
        string? paymentRef,
        string? bankSerial,
        string? counterparty,
        string? batch) => new(
            id,
            "ORD-" + id,
            contract ?? "",
            sub ?? "",
            Bank.CITIC,
            Accounts.No,
            EscrowType.RENOVATION,
            kind,
            Money.FromYuan(amount),
            status,
            Instant.FromUtc(2024, 11, 6, 1, 0),
            null,
            on ?? Days.D1,
            paymentRef,
            bankSerial,
            counterparty is null ? null : "对方" + counterparty,
            counterparty,
            batch,
            "",
            new SourceRef("ledger.csv", 0));
}

/// <summary>
/// One account-day. The statement is drawn up from the lines: rows numbered in the order given, each with its
/// running balance; closing = opening + Σ signed amounts. The ledger balance is one sub-account row.
/// </summary>
internal static class Day
{
    public static AccountDayInput Input(
        LocalDate date,
        IEnumerable<BankLine>? lines = null,
        IEnumerable<LedgerEntry>? entries = null,
        AccountState? previous = null,
        decimal opening = 0m,
        decimal ledgerBalance = 0m,
        bool missingStatement = false,
        IReadOnlyList<RunningBalanceBreak>? breaks = null,
        int window = 1)
    {
        var numbered = new List<BankLine>();
        Money balance = Money.FromYuan(opening);
        Money credits = Money.Zero;
        Money debits = Money.Zero;
        foreach (BankLine line in lines ?? [])
        {
            balance += line.Signed;
            if (line.Direction == Direction.IN)
            {
                credits += line.Amount;
            }
            else
            {
                debits += line.Amount;
            }
            numbered.Add(line with { Sequence = numbered.Count, BalanceAfter = balance, Source = new SourceRef("statement.csv", numbered.Count + 2) });
        }
        var numberedEntries = new List<LedgerEntry>();
        foreach (LedgerEntry entry in entries ?? [])
        {
            numberedEntries.Add(entry with { Source = new SourceRef("ledger.csv", numberedEntries.Count + 2) });
        }
        StatementSummary? statement = missingStatement
            ? null
            : new StatementSummary(
                "statement.csv", Bank.CITIC, Accounts.No, date, Money.FromYuan(opening), balance, credits, debits, numbered.Count, breaks ?? []);
        SubAccountBalance[] subAccounts =
        [
            new("SUB-ALL", "ZX-ALL", Bank.CITIC, Accounts.No, EscrowType.RENOVATION, Money.FromYuan(ledgerBalance), "OPEN", new SourceRef("subaccounts.csv", 2)),
        ];
        return new AccountDayInput(
            Accounts.Citic,
            date,
            statement,
            missingStatement ? [] : numbered,
            numberedEntries,
            subAccounts,
            previous ?? AccountState.Empty(Accounts.No),
            new ReconcileOptions(window));
    }

    public static AccountDayResult Run(
        LocalDate date,
        IEnumerable<BankLine>? lines = null,
        IEnumerable<LedgerEntry>? entries = null,
        AccountState? previous = null,
        decimal opening = 0m,
        decimal ledgerBalance = 0m,
        bool missingStatement = false,
        IReadOnlyList<RunningBalanceBreak>? breaks = null,
        int window = 1) =>
        AccountReconciler.Reconcile(Input(date, lines, entries, previous, opening, ledgerBalance, missingStatement, breaks, window));

    public static Money Yuan(decimal amount) => Money.FromYuan(amount);
}

internal static class ResultExtensions
{
    public static Discrepancy Single(this AccountDayResult result, Category category) =>
        result.Discrepancies.Should().ContainSingle(d => d.Category == category).Subject;

    public static IEnumerable<Discrepancy> Of(this AccountDayResult result, Category category) =>
        result.Discrepancies.Where(d => d.Category == category);

    public static MatchRecord MatchOf(this AccountDayResult result, string serial) =>
        result.Matches.Should().ContainSingle(m => m.BankSerial == serial).Subject;
}
