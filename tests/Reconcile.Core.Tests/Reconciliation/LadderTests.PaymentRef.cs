using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;

namespace Reconcile.Core.Tests.Reconciliation;

public partial class LadderTests
{
    [Fact]
    public void Payment_ref_pairs_the_entry_whose_serial_the_bank_echoed()
    {
        AccountDayResult result = Day.Run(
            Days.D1,
            [Lines.Out("S1", 250m, paymentRef: "PAY2024110600017")],
            [Entries.Withdrawal("L1", 250m, paymentRef: "PAY2024110600017")],
            opening: 1000m,
            ledgerBalance: 750m);

        result.MatchOf("S1").Should().BeEquivalentTo(
            new MatchRecord(Accounts.No, "S1", ["L1"], MatchRule.PAYMENT_REF, Day.Yuan(250m)));
        result.Discrepancies.Should().BeEmpty();
        result.Inventory.Status.Should().Be(InventoryStatus.BALANCED);
    }

    [Fact]
    public void Payment_ref_pair_with_a_larger_bank_amount_is_AMOUNT_MISMATCH_bank_side()
    {
        AccountDayResult result = Day.Run(
            Days.D1,
            [Lines.Out("S1", 100m, paymentRef: "PAY1")],
            [Entries.Withdrawal("L1", 90m, paymentRef: "PAY1")],
            opening: 1000m,
            ledgerBalance: 910m);

        Discrepancy finding = result.Single(Category.AMOUNT_MISMATCH);
        finding.BankAmount.Should().Be(Day.Yuan(100m));
        finding.LedgerAmount.Should().Be(Day.Yuan(90m));
        finding.Effect.Should().Be(ProofEffect.BankSide(Direction.OUT, Day.Yuan(10m)));
        result.Discrepancies.Should().HaveCount(1);
    }

    [Fact]
    public void Payment_ref_pair_with_a_larger_ledger_amount_is_AMOUNT_MISMATCH_ledger_side()
    {
        AccountDayResult result = Day.Run(
            Days.D1,
            [Lines.Out("S1", 90m, paymentRef: "PAY1")],
            [Entries.Withdrawal("L1", 100m, paymentRef: "PAY1")],
            opening: 1000m,
            ledgerBalance: 900m);

        result.Single(Category.AMOUNT_MISMATCH).Effect.Should().Be(ProofEffect.LedgerSide(Direction.OUT, Day.Yuan(10m)));
        result.Inventory.Status.Should().Be(InventoryStatus.BALANCED);
    }

    [Fact]
    public void Payment_ref_pair_moving_the_other_way_is_DIRECTION_MISMATCH_and_not_also_an_amount_mismatch()
    {
        AccountDayResult result = Day.Run(
            Days.D1,
            [Lines.In("S1", 100m, paymentRef: "PAY1")],
            [Entries.Withdrawal("L1", 80m, paymentRef: "PAY1")],
            opening: 1000m,
            ledgerBalance: 920m);

        Discrepancy finding = result.Discrepancies.Should().ContainSingle().Subject;
        finding.Category.Should().Be(Category.DIRECTION_MISMATCH);
        finding.Effect.Should().Be(
            ProofEffect.BankSide(Direction.IN, Day.Yuan(100m)) + ProofEffect.LedgerSide(Direction.OUT, Day.Yuan(80m)));
        result.MatchOf("S1").Rule.Should().Be(MatchRule.PAYMENT_REF);
    }
}
