using NodaTime;
using Reconcile.Cli.Tests.Discrepancies;
using Reconcile.Core.Cases;
using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;
using Reconcile.Engine.Store;

namespace Reconcile.Cli.Tests.Export;

/// <summary>
/// Three days, 2024-11-05 … 2024-11-07, with no run on 11-06. Two accounts: a CEB one that balances, and a PAB one
/// (account number with leading zeros) that is UNBALANCED on 11-05 and has no statement on 11-07.
/// </summary>
internal static class ExportFixtures
{
    public static readonly LocalDate D5 = new(2024, 11, 5);
    public static readonly LocalDate D6 = new(2024, 11, 6);
    public static readonly LocalDate D7 = new(2024, 11, 7);

    public static Money Y(decimal v) => Money.FromYuan(v);

    public static InventoryRow Balanced(LocalDate day) => new(
        day, Bank.CEB, EscrowType.SECOND_HAND, "38450188000123456",
        Y(12_000_000m), Y(300_000m), Y(250_020m), Y(12_049_980m), Y(12_049_880m),
        Y(0m), Y(0m), Y(100m), Y(0m), Y(12_049_980m), Y(12_049_980m), Y(0m), InventoryStatus.BALANCED);

    public static InventoryRow Unbalanced(LocalDate day) => new(
        day, Bank.PAB, EscrowType.RENOVATION, "0015000000000001",
        Y(25_000_000m), Y(12.34m), Y(50_000m), Y(24_950_012.34m), Y(24_950_000m),
        Y(0m), Y(0m), Y(0m), Y(0m), Y(24_950_012.34m), Y(24_950_000m), Y(12.34m), InventoryStatus.UNBALANCED);

    public static InventoryRow Missing(LocalDate day) => new(
        day, Bank.PAB, EscrowType.RENOVATION, "0015000000000001",
        null, null, null, null, Y(24_950_000m),
        Y(0m), Y(0m), Y(0m), Y(0m), null, null, null, InventoryStatus.MISSING_STATEMENT);

    public static RunRecord Run(string id, LocalDate day, int hour) => new(
        id, day, RunScope.All, "abc123",
        [new InputFile($"inbox/{day:yyyy-MM-dd}/ledger.csv", new string('a', 63) + hour, 12), new InputFile($"inbox/{day:yyyy-MM-dd}/accounts.csv", new string('b', 64), 2)],
        "1.0.0", Instant.FromUtc(day.Year, day.Month, day.Day + 1, hour, 0), Instant.FromUtc(day.Year, day.Month, day.Day + 1, hour, 5),
        ["0015000000000001", "38450188000123456"]);

    public static InventoryHistory History() => new(
        [Missing(D7), Balanced(D7), Unbalanced(D5), Balanced(D5)],
        [Run("R-7", D7, 1), Run("R-5", D5, 1)],
        [D6]);

    /// <summary>
    /// D-open: raised 11-05, still open. D-late: raised 11-05, resolved 11-08 (after the period): open at its end.
    /// D-early: raised 11-05, resolved 11-07 10:00 Beijing (inside the period): not open at the end.
    /// </summary>
    public static FakeStore Store()
    {
        var store = new FakeStore { Inventory = History() };
        Instant raisedAt = Instant.FromUtc(2024, 11, 6, 1, 0);
        CaseEvent Raised(string id) => new(id, CaseEventKind.RAISED, raisedAt, "system", null, null, "R-5", D5);
        var open = Cases.Case("D-open", bankAmount: 100m, age: 0);
        var late = Cases.Case("D-late", Category.LEDGER_ONLY, bankAmount: null, ledgerAmount: 70m, age: 0);
        var early = Cases.Case("D-early", bankAmount: 5m, age: 0);
        store.Add(open.Summary with { FirstSeen = D5, LastSeen = D7, AgeDays = 2 }, open.Discrepancy,
            Raised("D-open"),
            new CaseEvent("D-open", CaseEventKind.ASSIGNED, Instant.FromUtc(2024, 11, 6, 2, 0), "lead", "wang", null, null, null),
            new CaseEvent("D-open", CaseEventKind.SEEN_AGAIN, Instant.FromUtc(2024, 11, 8, 1, 0), "system", null, null, "R-7", D7));
        store.Add(late.Summary with { FirstSeen = D5, LastSeen = D7, AgeDays = 2 }, late.Discrepancy,
            Raised("D-late"),
            new CaseEvent("D-late", CaseEventKind.RESOLVED, Instant.FromUtc(2024, 11, 8, 3, 0), "zhang", "补单", ResolutionReason.BOOKED_IN_LEDGER, null, null));
        store.Add(early.Summary with { FirstSeen = D5, LastSeen = D5, AgeDays = 0 }, early.Discrepancy,
            Raised("D-early"),
            new CaseEvent("D-early", CaseEventKind.RESOLVED, Instant.FromUtc(2024, 11, 7, 2, 0), "zhang", "误报", ResolutionReason.FALSE_ALARM, null, null));
        return store;
    }
}
