using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;

namespace Reconcile.Core.Tests.Reconciliation;

public class DeterminismTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Shuffled_input_order_gives_the_identical_result(int seed)
    {
        AccountDayResult day1 = Day.Run(
            Days.D1,
            [Lines.In("C1", 70m, counterparty: "6222"), Lines.In("C2", 60m, sub: "SA9")],
            [Entries.Deposit("K1", 70m, counterparty: "6222"), Entries.Deposit("K2", 55m)],
            ledgerBalance: 125m);
        AccountDayInput input = Day.Input(
            Days.D2,
            [
                Lines.In("S1", 300m, on: Days.D2),
                Lines.In("S2", 800m, on: Days.D2, counterparty: "6222"),
                Lines.In("S3", 800m, on: Days.D2, counterparty: "6222"),
                Lines.Out("S4", 300m, on: Days.D2, batch: "BATCH1"),
                Lines.In("S5", 500m, on: Days.D2, sub: "SA1"),
                Lines.In("S1", 300m, on: Days.D2),
                Lines.Out("S6", 90m, on: Days.D2, paymentRef: "PAY1"),
                Lines.Reversal("S7", Direction.IN, 90m, reverses: "S6", on: Days.D2),
                Lines.In("S8", 60m, on: Days.D2, sub: "SA9"),
            ],
            [
                Entries.Deposit("L01", 300m, on: Days.D2, bankSerial: "S1"),
                Entries.Deposit("L02", 800m, on: Days.D2, counterparty: "6222"),
                Entries.Withdrawal("L03", 100m, on: Days.D2, batch: "BATCH1"),
                Entries.Withdrawal("L04", 150m, on: Days.D2, batch: "BATCH1"),
                Entries.Deposit("L05", 500m, on: Days.D2, sub: "SA1"),
                Entries.Deposit("L06", 500m, on: Days.D2, sub: "SA1"),
                Entries.Withdrawal("L07", 90m, LedgerStatus.FAILED, on: Days.D2, paymentRef: "PAY1"),
                Entries.Deposit("L08", 60m, on: Days.D2, sub: "SA9"),
                Entries.Deposit("L09", 40m, LedgerStatus.PENDING, on: Days.D2),
                Entries.Deposit("L10", 300m, on: Days.D2, bankSerial: "S1"),
            ],
            previous: day1.Next,
            opening: 130m,
            ledgerBalance: 2000m);
        var random = new Random(seed);
        AccountDayInput shuffled = input with
        {
            BankLines = input.BankLines.OrderBy(_ => random.Next()).ToList(),
            LedgerEntries = input.LedgerEntries.OrderBy(_ => random.Next()).ToList(),
            Previous = input.Previous with { OpenItems = input.Previous.OpenItems.Reverse().ToList() },
        };

        AccountDayResult expected = AccountReconciler.Reconcile(input);
        AccountDayResult actual = AccountReconciler.Reconcile(shuffled);

        expected.Matches.Should().NotBeEmpty();
        expected.Discrepancies.Select(d => d.Category).Should().Contain([Category.AMBIGUOUS, Category.DUPLICATE, Category.AMOUNT_MISMATCH]);
        actual.Should().BeEquivalentTo(expected, o => o.WithStrictOrdering());
    }
}
