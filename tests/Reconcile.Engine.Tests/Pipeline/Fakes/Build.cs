using NodaTime;
using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;

namespace Reconcile.Engine.Tests.Pipeline.Fakes;

/// <summary>Small literal domain objects for the pipeline and output tests.</summary>
public static class Build
{
    public static readonly LocalDate Day = new(2024, 11, 6);

    public static Money Yuan(decimal yuan) => Money.FromYuan(yuan);

    public static EscrowAccount Account(string no, Bank bank = Bank.CEB, EscrowType type = EscrowType.SECOND_HAND, LocalDate? openedOn = null) =>
        new(no, bank, type, "北京", "监管专户 " + no, openedOn ?? new LocalDate(2021, 3, 1), new SourceRef("accounts.csv", 2));

    public static BankLine Line(
        string account,
        string serial,
        Direction direction,
        decimal amount,
        Bank bank = Bank.CEB,
        LocalDate? day = null,
        string memo = "",
        string? reversalOf = null,
        string summary = "转账",
        int sequence = 0) =>
        new(
            bank,
            account,
            day ?? Day,
            null,
            serial,
            direction,
            Yuan(amount),
            Money.Zero,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            summary,
            memo,
            reversalOf,
            sequence,
            new SourceRef("statement.csv", sequence + 2));

    public static LedgerEntry Entry(
        string id,
        string account,
        LedgerKind kind,
        decimal amount,
        string? bankSerial = null,
        Bank bank = Bank.CEB,
        EscrowType type = EscrowType.SECOND_HAND,
        LocalDate? day = null,
        string remark = "") =>
        new(
            id,
            "ORD" + id,
            "JG" + id,
            "SUB-" + id,
            bank,
            account,
            type,
            kind,
            Yuan(amount),
            LedgerStatus.SUCCESS,
            Instant.FromUtc(2024, 11, 6, 1, 0),
            null,
            day ?? Day,
            null,
            bankSerial,
            null,
            null,
            null,
            remark,
            new SourceRef("ledger.csv", 2));

    public static Discrepancy Finding(
        Category category,
        string account,
        string? serial = null,
        string[]? entries = null,
        Bank bank = Bank.CEB,
        EscrowType type = EscrowType.SECOND_HAND,
        Direction? direction = Direction.IN,
        decimal? bankAmount = null,
        decimal? ledgerAmount = null,
        LocalDate? firstSeen = null,
        string detail = "") =>
        new(
            DiscrepancyId.For(category, account, serial, entries ?? []),
            category,
            bank,
            type,
            account,
            direction,
            bankAmount is { } b ? Yuan(b) : null,
            ledgerAmount is { } l ? Yuan(l) : null,
            serial,
            entries ?? [],
            null,
            null,
            firstSeen ?? Day,
            detail,
            ProofEffect.None,
            null,
            [],
            []);

    public static InventoryRow Balanced(EscrowAccount account, decimal closing, LocalDate? day = null) =>
        new(
            day ?? Day,
            account.Bank,
            account.Type,
            account.AccountNo,
            Yuan(closing),
            Money.Zero,
            Money.Zero,
            Yuan(closing),
            Yuan(closing),
            Money.Zero,
            Money.Zero,
            Money.Zero,
            Money.Zero,
            Yuan(closing),
            Yuan(closing),
            Money.Zero,
            InventoryStatus.BALANCED);

    public static AccountDayResult Result(
        EscrowAccount account,
        IReadOnlyList<Discrepancy>? discrepancies = null,
        IReadOnlyList<OpenItem>? inTransit = null,
        IReadOnlyList<MatchRecord>? matches = null,
        InventoryRow? inventory = null,
        bool balanceBreak = false,
        LocalDate? day = null) =>
        new(
            account,
            day ?? Day,
            matches ?? [],
            discrepancies ?? [],
            inTransit ?? [],
            [],
            inventory ?? Balanced(account, 100m, day),
            balanceBreak,
            AccountState.Empty(account.AccountNo) with { LastDate = day ?? Day });
}
