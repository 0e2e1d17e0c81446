using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;

namespace Reconcile.Core.Tests.Reconciliation;

public partial class LadderTests
{
    [Fact]
    public void Counterparty_pairs_one_line_and_one_entry_with_the_same_amount_and_account()
    {
        AccountDayResult result = Day.Run(
            Days.D1,
            [Lines.In("S1", 800m, counterparty: "6222021234567890123")],
            [Entries.Deposit("L1", 800m, counterparty: "6222021234567890123")],
            ledgerBalance: 800m);

        result.MatchOf("S1").Should().BeEquivalentTo(
            new MatchRecord(Accounts.No, "S1", ["L1"], MatchRule.COUNTERPARTY, Day.Yuan(800m)));
        result.Discrepancies.Should().BeEmpty();
    }

    [Fact]
    public void Counterparty_does_not_pair_different_amounts()
    {
        AccountDayResult result = Day.Run(
            Days.D1,
            [Lines.In("S1", 800m, counterparty: "6222")],
            [Entries.Deposit("L1", 801m, counterparty: "6222")],
            ledgerBalance: 801m);

        result.Matches.Should().BeEmpty();
    }

    [Fact]
    public void Counterparty_with_two_equal_entries_is_AMBIGUOUS_listing_both()
    {
        AccountDayResult result = Day.Run(
            Days.D1,
            [Lines.In("S1", 800m, counterparty: "6222")],
            [Entries.Deposit("L1", 800m, counterparty: "6222"), Entries.Deposit("L2", 800m, counterparty: "6222")],
            ledgerBalance: 1600m);

        Discrepancy finding = result.Discrepancies.Should().ContainSingle().Subject;
        finding.Category.Should().Be(Category.AMBIGUOUS);
        finding.LedgerEntryIds.Should().Equal("L1", "L2");
        finding.Candidates.Should().OnlyContain(c => c.Rung == "COUNTERPARTY");
        result.InTransit.Should().BeEmpty();
        result.Inventory.Status.Should().Be(InventoryStatus.BALANCED);
    }

    [Fact]
    public void Counterparty_with_two_equal_lines_for_one_entry_is_AMBIGUOUS_on_each_line()
    {
        AccountDayResult result = Day.Run(
            Days.D1,
            [Lines.In("S1", 800m, counterparty: "6222"), Lines.In("S2", 800m, counterparty: "6222")],
            [Entries.Deposit("L1", 800m, counterparty: "6222")],
            ledgerBalance: 800m);

        result.Discrepancies.Should().HaveCount(2).And.OnlyContain(d => d.Category == Category.AMBIGUOUS);
        result.Discrepancies.Select(d => d.BankSerial).Should().Equal("S1", "S2");
        result.Discrepancies.Should().OnlyContain(d => d.LedgerEntryIds.SequenceEqual(new[] { "L1" }));
        result.Discrepancies[0].Candidates.Select(c => c.ItemId).Should().Equal("L:L1", "B:S2");
        result.Inventory.Status.Should().Be(InventoryStatus.BALANCED);
    }

    [Fact]
    public void Lines_without_a_counterparty_account_are_not_paired_by_amount_alone()
    {
        AccountDayResult result = Day.Run(Days.D1, [Lines.In("S1", 800m)], [Entries.Deposit("L1", 800m)], ledgerBalance: 800m);

        result.Matches.Should().BeEmpty();
        result.InTransit.Should().HaveCount(2);
    }
}
