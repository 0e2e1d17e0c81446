using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;

namespace Reconcile.Core.Tests.Reconciliation;

public class ProofTests
{
    [Fact]
    public void Proof_of_an_account_with_all_four_one_sided_sums()
    {
        // Opening 1000.00, yesterday's book 1000.00.
        //   S1 IN 300 = L1 DEPOSIT 300 (by serial)      bank +300, book +300
        //   S2 IN 50 (interest, no entry)               bank +50             bank_in_not_ledger   50
        //   S3 OUT 20 (fee, no entry)                   bank −20             bank_out_not_ledger  20
        //   L2 DEPOSIT 80 (no bank line)                          book +80   ledger_in_not_bank   80
        //   L3 WITHDRAWAL 120 (no bank line)                      book −120  ledger_out_not_bank 120
        // closing = 1000 + 300 + 50 − 20 = 1330;  book = 1000 + 300 + 80 − 120 = 1260
        // adjusted bank   = 1330 + 80 − 120 = 1290
        // adjusted ledger = 1260 + 50 − 20  = 1290;  unexplained 0.00
        AccountDayResult result = Day.Run(
            Days.D1,
            [Lines.In("S1", 300m), Lines.In("S2", 50m, summary: "结息"), Lines.Out("S3", 20m, summary: "手续费")],
            [Entries.Deposit("L1", 300m, bankSerial: "S1"), Entries.Deposit("L2", 80m), Entries.Withdrawal("L3", 120m)],
            opening: 1000m,
            ledgerBalance: 1260m);

        result.Inventory.Should().BeEquivalentTo(new InventoryRow(
            Days.D1,
            Bank.CITIC,
            EscrowType.RENOVATION,
            Accounts.No,
            BankOpening: Day.Yuan(1000m),
            BankCredits: Day.Yuan(350m),
            BankDebits: Day.Yuan(20m),
            BankClosing: Day.Yuan(1330m),
            LedgerBalance: Day.Yuan(1260m),
            LedgerInNotBank: Day.Yuan(80m),
            LedgerOutNotBank: Day.Yuan(120m),
            BankInNotLedger: Day.Yuan(50m),
            BankOutNotLedger: Day.Yuan(20m),
            AdjustedBank: Day.Yuan(1290m),
            AdjustedLedger: Day.Yuan(1290m),
            Unexplained: Money.Zero,
            Status: InventoryStatus.BALANCED));
    }

    [Fact]
    public void Money_missing_from_the_books_leaves_the_proof_UNBALANCED()
    {
        AccountDayResult result = Day.Run(
            Days.D1,
            [Lines.In("S1", 300m)],
            [Entries.Deposit("L1", 300m, bankSerial: "S1")],
            ledgerBalance: 299m);

        result.Inventory.Unexplained.Should().Be(Day.Yuan(1m));
        result.Inventory.Status.Should().Be(InventoryStatus.UNBALANCED);
    }

    [Fact]
    public void Proof_balances_after_an_AMOUNT_MISMATCH()
    {
        // closing 1000 + 100 = 1100; book 1000 + 90 = 1090; bank_in_not_ledger 10 → 1100 = 1090 + 10.
        AccountDayResult result = Day.Run(
            Days.D1, [Lines.In("S1", 100m)], [Entries.Deposit("L1", 90m, bankSerial: "S1")], opening: 1000m, ledgerBalance: 1090m);

        result.Inventory.BankInNotLedger.Should().Be(Day.Yuan(10m));
        result.Inventory.Unexplained.Should().Be(Money.Zero);
    }

    [Fact]
    public void Proof_balances_after_a_DIRECTION_MISMATCH()
    {
        // closing 1000 + 100 = 1100; book 1000 − 100 = 900.
        // adjusted bank 1100 − ledger_out 100 = 1000 = adjusted ledger 900 + bank_in 100.
        AccountDayResult result = Day.Run(
            Days.D1, [Lines.In("S1", 100m)], [Entries.Withdrawal("L1", 100m, bankSerial: "S1")], opening: 1000m, ledgerBalance: 900m);

        result.Inventory.AdjustedBank.Should().Be(Day.Yuan(1000m));
        result.Inventory.Unexplained.Should().Be(Money.Zero);
    }

    [Fact]
    public void Proof_balances_after_a_STATUS_MISMATCH_in_a_batch()
    {
        // Batch OUT 300 = L1 100 SUCCESS + L2 200 FAILED. closing 700; book 900.
        // bank_out_not_ledger 300 (the whole line), ledger_out_not_bank 100 (the booked entry):
        // adjusted bank 700 − 100 = 600 = adjusted ledger 900 − 300.
        AccountDayResult result = Day.Run(
            Days.D1,
            [Lines.Out("S1", 300m, batch: "BATCH1")],
            [Entries.Withdrawal("L1", 100m, batch: "BATCH1"), Entries.Withdrawal("L2", 200m, LedgerStatus.FAILED, batch: "BATCH1")],
            opening: 1000m,
            ledgerBalance: 900m);

        result.Single(Category.STATUS_MISMATCH).LedgerEntryIds.Should().Equal("L1", "L2");
        result.Inventory.BankOutNotLedger.Should().Be(Day.Yuan(300m));
        result.Inventory.LedgerOutNotBank.Should().Be(Day.Yuan(100m));
        result.Inventory.Unexplained.Should().Be(Money.Zero);
    }

    [Fact]
    public void Proof_of_a_deposit_partially_received_counts_the_entry_in_full_and_its_instalment_until_they_add_up()
    {
        // D1: L1 DEPOSIT 300 (SA1) booked, S1 IN 100 (SA1) received. closing 1100; book 1300.
        //     ledger_in_not_bank 300 (the whole entry), bank_in_not_ledger 100 (the instalment):
        //     adjusted bank 1100 + 300 = 1400 = adjusted ledger 1300 + 100.
        // D2: S2 IN 200 (SA1) completes it (PARTIAL): nothing is one-sided; closing 1300 = book 1300.
        AccountDayResult day1 = Day.Run(
            Days.D1, [Lines.In("S1", 100m, sub: "SA1")], [Entries.Deposit("L1", 300m, sub: "SA1")], opening: 1000m, ledgerBalance: 1300m);
        AccountDayResult day2 = Day.Run(
            Days.D2, [Lines.In("S2", 200m, on: Days.D2, sub: "SA1")], previous: day1.Next, opening: 1100m, ledgerBalance: 1300m);

        day1.Inventory.Should().BeEquivalentTo(new
        {
            BankClosing = Day.Yuan(1100m),
            LedgerInNotBank = Day.Yuan(300m),
            BankInNotLedger = Day.Yuan(100m),
            AdjustedBank = Day.Yuan(1400m),
            AdjustedLedger = Day.Yuan(1400m),
            Unexplained = Money.Zero,
            Status = InventoryStatus.BALANCED,
        });
        day2.Inventory.Should().BeEquivalentTo(new
        {
            BankClosing = Day.Yuan(1300m),
            LedgerInNotBank = Money.Zero,
            BankInNotLedger = Money.Zero,
            AdjustedBank = Day.Yuan(1300m),
            AdjustedLedger = Day.Yuan(1300m),
            Unexplained = Money.Zero,
            Status = InventoryStatus.BALANCED,
        });
    }

    [Fact]
    public void Proof_of_a_payout_partially_paid_counts_the_entry_in_full_ledger_side_and_the_debit_bank_side()
    {
        // L1 WITHDRAWAL 600 (ZX1) booked, S1 OUT 200 (ZX1) debited. closing 800; book 400.
        // adjusted bank 800 − ledger_out 600 = 200 = adjusted ledger 400 − bank_out 200.
        AccountDayResult result = Day.Run(
            Days.D1, [Lines.Out("S1", 200m, contract: "ZX1")], [Entries.Withdrawal("L1", 600m, contract: "ZX1")], opening: 1000m, ledgerBalance: 400m);

        result.InTransit.Select(i => i.Note).Should().Equal(
            "partially paid 200.00 of 600.00 (S1); 400.00 remaining", "an instalment of L1 600.00: 200.00 paid, 400.00 remaining");
        result.Inventory.LedgerOutNotBank.Should().Be(Day.Yuan(600m));
        result.Inventory.BankOutNotLedger.Should().Be(Day.Yuan(200m));
        result.Inventory.AdjustedBank.Should().Be(Day.Yuan(200m));
        result.Inventory.Unexplained.Should().Be(Money.Zero);
    }

    [Fact]
    public void Proof_after_a_SPLIT_has_nothing_one_sided()
    {
        // S1 IN 500 = L1 200 + L2 300 (SA1). closing 1500 = book 1500.
        AccountDayResult result = Day.Run(
            Days.D1,
            [Lines.In("S1", 500m, sub: "SA1")],
            [Entries.Deposit("L1", 200m, sub: "SA1"), Entries.Deposit("L2", 300m, sub: "SA1")],
            opening: 1000m,
            ledgerBalance: 1500m);

        result.MatchOf("S1").Rule.Should().Be(MatchRule.SPLIT);
        result.Inventory.Should().BeEquivalentTo(new
        {
            LedgerInNotBank = Money.Zero,
            LedgerOutNotBank = Money.Zero,
            BankInNotLedger = Money.Zero,
            BankOutNotLedger = Money.Zero,
            Unexplained = Money.Zero,
            Status = InventoryStatus.BALANCED,
        });
    }
}
