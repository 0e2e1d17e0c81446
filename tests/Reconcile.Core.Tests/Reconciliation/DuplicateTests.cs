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

    [Fact]
    public void An_entry_repeating_a_payment_ref_does_not_claim_its_bank_serial()
    {
        // L2 repeats L1's ref and leaves the pool; its serial S5 stays free for L3.
        AccountDayResult result = Day.Run(
            Days.D1,
            [Lines.Out("S5", 100m)],
            [
                Entries.Withdrawal("L1", 100m, paymentRef: "PAY1"),
                Entries.Withdrawal("L2", 100m, paymentRef: "PAY1", bankSerial: "S5"),
                Entries.Withdrawal("L3", 100m, bankSerial: "S5"),
            ],
            opening: 1000m,
            ledgerBalance: 800m);

        result.Single(Category.DUPLICATE).LedgerEntryIds.Should().Equal("L2");
        result.MatchOf("S5").LedgerEntryIds.Should().Equal("L3");
    }

    [Fact]
    public void Todays_copy_of_a_carried_entry_id_is_the_DUPLICATE_and_later_ids_are_still_judged()
    {
        AccountDayResult day1 = Day.Run(Days.D1, entries: [Entries.Deposit("L5", 50m, bankSerial: "S9")], ledgerBalance: 50m);
        AccountDayResult day2 = Day.Run(
            Days.D2,
            [Lines.In("S9", 50m, on: Days.D2)],
            [
                Entries.Deposit("L3", 20m, on: Days.D2),
                Entries.Deposit("L5", 50m, on: Days.D2, bankSerial: "S9"),
                Entries.Deposit("L7", 20m, on: Days.D2, bankSerial: "S9"),
            ],
            previous: day1.Next,
            ledgerBalance: 140m);

        day2.Of(Category.DUPLICATE).Select(d => d.Detail).Should().Equal(
            "ledger entry L5 (SUCCESS): the same entry_id appears again",
            "ledger entry L7 (SUCCESS): bank_serial S9 already on L5");
        Discrepancy[] duplicates = day2.Of(Category.DUPLICATE).ToArray();
        duplicates[0].Entries.Single().AccountingDate.Should().Be(Days.D2);
        day2.MatchOf("S9").Rule.Should().Be(MatchRule.CARRIED);
        day2.InTransit.Should().ContainSingle().Which.ItemId.Should().Be("L:L3");
    }

    [Fact]
    public void Duplicate_entries_are_found_the_same_when_the_ledger_comes_out_of_order()
    {
        LedgerEntry[] entries =
        [
            Entries.Withdrawal("L1", 100m, paymentRef: "PAY1"),
            Entries.Withdrawal("L2", 100m, paymentRef: "PAY1", bankSerial: "S5"),
            Entries.Withdrawal("L3", 100m, bankSerial: "S5"),
            Entries.Withdrawal("L4", 100m, bankSerial: "S5"),
        ];
        AccountDayResult inOrder = Day.Run(Days.D1, [Lines.Out("S5", 100m)], entries, opening: 1000m);
        AccountDayResult reversed = Day.Run(Days.D1, [Lines.Out("S5", 100m)], entries.Reverse(), opening: 1000m);

        reversed.Discrepancies.Select(d => d.Detail).Should().Equal(inOrder.Discrepancies.Select(d => d.Detail));
        inOrder.Of(Category.DUPLICATE).Select(d => d.Detail).Should().Equal(
            "ledger entry L2 (SUCCESS): payment_ref PAY1 already on L1",
            "ledger entry L4 (SUCCESS): bank_serial S5 already on L3");
        reversed.MatchOf("S5").LedgerEntryIds.Should().Equal("L3");
    }
}

