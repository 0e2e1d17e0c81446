using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;

namespace Reconcile.Core.Tests.Reconciliation;

public class OutputOrderTests
{
    [Fact]
    public void Matches_are_sorted_by_serial_even_when_the_statement_is_not()
    {
        AccountDayResult result = Day.Run(
            Days.D1,
            [Lines.In("S9", 10m), Lines.In("S1", 20m), Lines.In("S5", 30m)],
            [Entries.Deposit("L1", 10m, bankSerial: "S9"), Entries.Deposit("L2", 20m, bankSerial: "S1"), Entries.Deposit("L3", 30m, bankSerial: "S5")],
            ledgerBalance: 60m);

        result.Matches.Select(m => m.BankSerial).Should().Equal("S1", "S5", "S9");
    }

    [Fact]
    public void Discrepancies_are_sorted_by_category_then_bank_serial_then_entry_ids()
    {
        AccountDayResult day1 = Day.Run(
            Days.D1,
            [Lines.In("S2", 10m), Lines.In("S1", 20m), Lines.Out("S3", 5m, paymentRef: "PAY1")],
            [Entries.Deposit("L9", 1m), Entries.Deposit("L8", 2m), Entries.Withdrawal("L7", 4m, paymentRef: "PAY1")],
            ledgerBalance: -1m);
        AccountDayResult day2 = Day.Run(Days.D2, previous: day1.Next, opening: 25m, ledgerBalance: -1m);

        day2.Discrepancies.Select(d => (d.Category, d.BankSerial, string.Join(';', d.LedgerEntryIds))).Should().Equal(
            (Category.AMOUNT_MISMATCH, "S3", "L7"),
            (Category.BANK_ONLY, "S1", ""),
            (Category.BANK_ONLY, "S2", ""),
            (Category.LEDGER_ONLY, null, "L8"),
            (Category.LEDGER_ONLY, null, "L9"));
    }
}
