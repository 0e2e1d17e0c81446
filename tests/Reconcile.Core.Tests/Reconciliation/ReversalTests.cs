using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;

namespace Reconcile.Core.Tests.Reconciliation;

public class ReversalTests
{
    [Fact]
    public void Reversal_pair_cancels_out()
    {
        AccountDayResult result = Day.Run(
            Days.D1,
            [Lines.Out("S1", 500m), Lines.Reversal("S2", Direction.IN, 500m, reverses: "S1")],
            opening: 1000m,
            ledgerBalance: 1000m);

        result.Matches.Should().ContainSingle().Which.Should().BeEquivalentTo(
            new MatchRecord(Accounts.No, "S1", [], MatchRule.REVERSAL, Day.Yuan(500m)));
        result.Discrepancies.Should().BeEmpty();
        result.Next.OpenItems.Should().BeEmpty();
        result.Inventory.BankCredits.Should().Be(Day.Yuan(500m));
        result.Inventory.BankDebits.Should().Be(Day.Yuan(500m));
        result.Inventory.Status.Should().Be(InventoryStatus.BALANCED);
    }

    [Fact]
    public void A_reversal_of_another_amount_does_not_cancel()
    {
        AccountDayResult result = Day.Run(
            Days.D1,
            [Lines.Out("S1", 500m), Lines.Reversal("S2", Direction.IN, 400m, reverses: "S1")],
            opening: 1000m,
            ledgerBalance: 1000m);

        result.Matches.Should().BeEmpty();
        result.InTransit.Select(i => i.ItemId).Should().Equal("B:S1", "B:S2");
    }

    [Fact]
    public void Reversal_of_a_carried_BANK_ONLY_line_clears_it()
    {
        AccountDayResult day1 = Day.Run(Days.D1, [Lines.Out("S1", 500m)], opening: 1000m, ledgerBalance: 1000m);
        AccountDayResult day2 = Day.Run(Days.D2, previous: day1.Next, opening: 500m, ledgerBalance: 1000m);
        AccountDayResult day3 = Day.Run(
            Days.D3,
            [Lines.Reversal("S9", Direction.IN, 500m, reverses: "S1", on: Days.D3)],
            previous: day2.Next,
            opening: 500m,
            ledgerBalance: 1000m);

        string bankOnly = day2.Single(Category.BANK_ONLY).Id;
        day3.Matches.Should().ContainSingle().Which.Rule.Should().Be(MatchRule.REVERSAL);
        day3.Cleared.Should().Equal(bankOnly);
        day3.Discrepancies.Should().BeEmpty();
        day3.Inventory.Status.Should().Be(InventoryStatus.BALANCED);
    }
}
