using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;

namespace Reconcile.Core.Tests.Reconciliation;

public partial class LadderTests
{
    [Fact]
    public void Batch_line_pairs_with_every_entry_of_the_batch()
    {
        AccountDayResult result = Day.Run(
            Days.D1,
            [Lines.Out("S1", 300m, batch: "BATCH20241106001")],
            [
                Entries.Withdrawal("L3", 80m, batch: "BATCH20241106001"),
                Entries.Withdrawal("L1", 100m, batch: "BATCH20241106001"),
                Entries.Withdrawal("L2", 120m, batch: "BATCH20241106001"),
            ],
            opening: 1000m,
            ledgerBalance: 700m);

        result.Matches.Should().ContainSingle().Which.Should().BeEquivalentTo(
            new MatchRecord(Accounts.No, "S1", ["L1", "L2", "L3"], MatchRule.BATCH, Day.Yuan(300m)));
        result.Discrepancies.Should().BeEmpty();
        result.Inventory.Status.Should().Be(InventoryStatus.BALANCED);
    }

    [Fact]
    public void Batch_whose_sum_differs_is_one_AMOUNT_MISMATCH_on_the_sum()
    {
        AccountDayResult result = Day.Run(
            Days.D1,
            [Lines.Out("S1", 300m, batch: "BATCH1")],
            [Entries.Withdrawal("L1", 100m, batch: "BATCH1"), Entries.Withdrawal("L2", 120m, batch: "BATCH1")],
            opening: 1000m,
            ledgerBalance: 780m);

        Discrepancy finding = result.Discrepancies.Should().ContainSingle().Subject;
        finding.Category.Should().Be(Category.AMOUNT_MISMATCH);
        finding.LedgerEntryIds.Should().Equal("L1", "L2");
        finding.BankAmount.Should().Be(Day.Yuan(300m));
        finding.LedgerAmount.Should().Be(Day.Yuan(220m));
        finding.Effect.Should().Be(ProofEffect.BankSide(Direction.OUT, Day.Yuan(80m)));
        result.Inventory.Status.Should().Be(InventoryStatus.BALANCED);
    }

    [Fact]
    public void A_batch_token_on_an_IN_line_does_not_pair_the_batch()
    {
        AccountDayResult result = Day.Run(
            Days.D1,
            [Lines.In("S1", 100m) with { BatchId = "BATCH1" }],
            [Entries.Deposit("L1", 100m) with { BatchId = "BATCH1" }],
            ledgerBalance: 100m);

        result.Matches.Should().BeEmpty();
        result.InTransit.Select(i => i.ItemId).Should().BeEquivalentTo("B:S1", "L:L1");
    }
}
