using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;

namespace Reconcile.Core.Tests.Reconciliation;

public class DuplicateTests
{
    [Fact]
    public void The_second_line_with_a_bank_serial_is_DUPLICATE_counted_bank_side()
    {
        AccountDayResult result = Day.Run(Days.D1, [Lines.In("S1", 100m), Lines.In("S1", 100m)]);

        Discrepancy duplicate = result.Single(Category.DUPLICATE);
        duplicate.BankSerial.Should().Be("S1");
        duplicate.BankLine!.Sequence.Should().Be(1);
        duplicate.Effect.Should().Be(ProofEffect.BankSide(Direction.IN, Day.Yuan(100m)));
        duplicate.Id.Should().Be(DiscrepancyId.For(Category.DUPLICATE, Accounts.No, "S1", []));
        result.InTransit.Should().ContainSingle().Which.BankLine!.Sequence.Should().Be(0);
        result.Inventory.Status.Should().Be(InventoryStatus.BALANCED);
    }

    [Fact]
    public void A_line_repeating_the_serial_of_a_carried_line_is_the_DUPLICATE()
    {
        AccountDayResult day1 = Day.Run(Days.D1, [Lines.In("S1", 100m)]);
        AccountDayResult day2 = Day.Run(Days.D2, [Lines.In("S1", 100m, on: Days.D2)], previous: day1.Next, opening: 100m);

        day2.Single(Category.DUPLICATE).BankLine!.BookingDate.Should().Be(Days.D2);
        day2.Single(Category.BANK_ONLY).FirstSeen.Should().Be(Days.D1);
        day2.Inventory.Status.Should().Be(InventoryStatus.BALANCED);
    }

    [Fact]
    public void The_later_entry_id_repeating_a_payment_ref_is_DUPLICATE_counted_ledger_side()
    {
        AccountDayResult result = Day.Run(
            Days.D1,
            [Lines.Out("S1", 100m, paymentRef: "PAY1")],
            [Entries.Withdrawal("L2", 100m, paymentRef: "PAY1"), Entries.Withdrawal("L1", 100m, paymentRef: "PAY1")],
            opening: 1000m,
            ledgerBalance: 800m);

        result.MatchOf("S1").LedgerEntryIds.Should().Equal("L1");
        Discrepancy duplicate = result.Discrepancies.Should().ContainSingle().Subject;
        duplicate.Category.Should().Be(Category.DUPLICATE);
        duplicate.LedgerEntryIds.Should().Equal("L2");
        duplicate.BankSerial.Should().BeNull();
        duplicate.Effect.Should().Be(ProofEffect.LedgerSide(Direction.OUT, Day.Yuan(100m)));
        result.Inventory.Status.Should().Be(InventoryStatus.BALANCED);
    }

    [Fact]
    public void An_entry_repeating_a_bank_serial_is_DUPLICATE()
    {
        AccountDayResult result = Day.Run(
            Days.D1,
            [Lines.In("S1", 100m)],
            [Entries.Deposit("L1", 100m, bankSerial: "S1"), Entries.Deposit("L2", 100m, bankSerial: "S1")],
            ledgerBalance: 200m);

        result.Single(Category.DUPLICATE).LedgerEntryIds.Should().Equal("L2");
        result.MatchOf("S1").LedgerEntryIds.Should().Equal("L1");
    }

    [Fact]
    public void A_duplicate_entry_that_is_not_SUCCESS_has_no_proof_effect()
    {
        AccountDayResult result = Day.Run(
            Days.D1,
            [Lines.Out("S1", 100m, paymentRef: "PAY1")],
            [Entries.Withdrawal("L1", 100m, paymentRef: "PAY1"), Entries.Withdrawal("L2", 100m, LedgerStatus.FAILED, paymentRef: "PAY1")],
            opening: 1000m,
            ledgerBalance: 900m);

        result.Single(Category.DUPLICATE).Effect.Should().Be(ProofEffect.None);
        result.Inventory.Status.Should().Be(InventoryStatus.BALANCED);
    }

    [Fact]
    public void An_entry_id_given_twice_is_DUPLICATE_the_second_time()
    {
        AccountDayResult result = Day.Run(
            Days.D1,
            entries: [Entries.Deposit("L1", 70m), Entries.Deposit("L1", 70m), Entries.Deposit("L2", 100m)],
            ledgerBalance: 240m);

        result.Single(Category.DUPLICATE).LedgerEntryIds.Should().Equal("L1");
        result.InTransit.Select(i => i.ItemId).Should().BeEquivalentTo("L:L1", "L:L2");
        result.Inventory.Status.Should().Be(InventoryStatus.BALANCED);
    }

    [Fact]
    public void A_serial_repeated_after_the_statement_went_out_of_order_is_DUPLICATE()
    {
        AccountDayResult result = Day.Run(
            Days.D1,
            [Lines.In("S1", 100m), Lines.In("S3", 30m), Lines.In("S1", 100m)],
            [Entries.Deposit("L1", 100m, bankSerial: "S1")],
            ledgerBalance: 100m);

        result.MatchOf("S1").LedgerEntryIds.Should().Equal("L1");
        result.Single(Category.DUPLICATE).BankLine!.Sequence.Should().Be(2);
        result.InTransit.Should().ContainSingle().Which.ItemId.Should().Be("B:S3");
    }
}
