using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;

namespace Reconcile.Core.Tests.Reconciliation;

public partial class LadderTests
{
    /// <summary>RULES.md: rungs 6–7 do not search a key with more open entries (or lines) than this.</summary>
    private const int SumSearchBound = 12;

    [Fact]
    public void One_bank_line_equal_to_two_entries_of_its_sub_account_pairs_them_as_SPLIT()
    {
        AccountDayResult result = Day.Run(
            Days.D1,
            [Lines.In("S1", 300m, sub: "SA1")],
            [Entries.Deposit("L2", 200m, sub: "SA1"), Entries.Deposit("L1", 100m, sub: "SA1")],
            ledgerBalance: 300m);

        result.Matches.Should().ContainSingle().Which.Should().BeEquivalentTo(
            new MatchRecord(Accounts.No, "S1", ["L1", "L2"], MatchRule.SPLIT, Day.Yuan(300m)));
        result.Discrepancies.Should().BeEmpty();
        result.InTransit.Should().BeEmpty();
        result.Next.OpenItems.Should().BeEmpty();
        result.Inventory.Unexplained.Should().Be(Money.Zero);
    }

    [Fact]
    public void A_debit_naming_a_contract_pays_four_of_its_entries_as_SPLIT()
    {
        // No sub-account on the line (CEB): the contract token in the memo is the key.
        AccountDayResult result = Day.Run(
            Days.D1,
            [Lines.Out("S1", 1000m, contract: "ZX1")],
            [
                Entries.Withdrawal("L1", 100m, contract: "ZX1"),
                Entries.Withdrawal("L2", 200m, contract: "ZX1"),
                Entries.Withdrawal("L3", 300m, contract: "ZX1"),
                Entries.Withdrawal("L4", 400m, contract: "ZX1"),
                Entries.Withdrawal("L5", 450m, contract: "ZX1"),
            ],
            opening: 5000m,
            ledgerBalance: 3550m);

        result.MatchOf("S1").Should().BeEquivalentTo(
            new MatchRecord(Accounts.No, "S1", ["L1", "L2", "L3", "L4"], MatchRule.SPLIT, Day.Yuan(1000m)));
        result.InTransit.Select(i => i.ItemId).Should().Equal("L:L5");
        result.Inventory.Unexplained.Should().Be(Money.Zero);
    }

    [Fact]
    public void Five_entries_adding_up_to_the_line_are_no_SPLIT()
    {
        AccountDayResult result = Day.Run(
            Days.D1,
            [Lines.In("S1", 500m, sub: "SA1")],
            Enumerable.Range(1, 5).Select(i => Entries.Deposit($"L{i}", 100m, sub: "SA1")),
            ledgerBalance: 500m);

        result.Matches.Should().BeEmpty();
        result.InTransit.Should().HaveCount(6);
        result.Inventory.Unexplained.Should().Be(Money.Zero);
    }

    [Fact]
    public void Two_different_sets_adding_up_to_the_line_are_AMBIGUOUS_listing_every_entry_of_both()
    {
        AccountDayResult day1 = Day.Run(
            Days.D1,
            [Lines.In("S1", 300m, sub: "SA1")],
            [
                Entries.Deposit("L1", 100m, sub: "SA1"),
                Entries.Deposit("L2", 200m, sub: "SA1"),
                Entries.Deposit("L3", 150m, sub: "SA1"),
                Entries.Deposit("L4", 150m, sub: "SA1"),
            ],
            ledgerBalance: 600m);
        AccountDayResult day2 = Day.Run(Days.D2, previous: day1.Next, opening: 300m, ledgerBalance: 600m);

        Discrepancy finding = day1.Discrepancies.Should().ContainSingle().Subject;
        finding.Category.Should().Be(Category.AMBIGUOUS);
        finding.BankSerial.Should().Be("S1");
        finding.LedgerEntryIds.Should().Equal("L1", "L2", "L3", "L4");
        finding.Detail.Should().Be("SPLIT: bank IN 300.00 is the sum of 2 different sets of open entries of its sub-account or contract; choose one");
        finding.Candidates.Select(c => (c.Rung, c.ItemId)).Should().Equal(("SPLIT", "L:L1"), ("SPLIT", "L:L2"), ("SPLIT", "L:L3"), ("SPLIT", "L:L4"));
        day1.Matches.Should().BeEmpty();
        day1.InTransit.Should().BeEmpty();
        day1.Inventory.Unexplained.Should().Be(Money.Zero);

        day2.Discrepancies.Should().ContainSingle().Which.Id.Should().Be(finding.Id, "the same choice is still open the next day");
        day2.Next.OpenItems.Should().HaveCount(5);
        day2.Inventory.Unexplained.Should().Be(Money.Zero);
    }

    [Fact]
    public void Two_lines_whose_sums_could_use_the_same_entries_are_both_AMBIGUOUS()
    {
        AccountDayResult result = Day.Run(
            Days.D1,
            [Lines.In("S1", 300m, sub: "SA1"), Lines.In("S2", 300m, sub: "SA1")],
            [Entries.Deposit("L1", 100m, sub: "SA1"), Entries.Deposit("L2", 200m, sub: "SA1")],
            ledgerBalance: 300m);

        result.Matches.Should().BeEmpty();
        result.Of(Category.AMBIGUOUS).Select(d => (d.BankSerial, string.Join(';', d.LedgerEntryIds), d.Candidates.Last().ItemId))
            .Should().Equal(("S1", "L1;L2", "B:S2"), ("S2", "L1;L2", "B:S1"));
        result.Inventory.Unexplained.Should().Be(Money.Zero);
    }

    [Fact]
    public void A_split_uses_only_booked_entries_of_the_lines_direction_within_the_window()
    {
        // L2 is pending, L3 moves money out, L4 was booked two days before: none of them can be part of S1's sum.
        AccountDayResult day0 = Day.Run(Days.D0, entries: [Entries.Deposit("L4", 200m, on: Days.D0, sub: "SA1")], ledgerBalance: 200m);
        AccountDayResult result = Day.Run(
            Days.D2,
            [Lines.In("S1", 300m, on: Days.D2, sub: "SA1")],
            [
                Entries.Deposit("L1", 100m, on: Days.D2, sub: "SA1"),
                Entries.Deposit("L2", 200m, LedgerStatus.PENDING, on: Days.D2, sub: "SA1"),
                Entries.Withdrawal("L3", 200m, on: Days.D2, sub: "SA1"),
            ],
            previous: day0.Next,
            ledgerBalance: 100m);

        result.Matches.Should().BeEmpty();
        result.Of(Category.AMBIGUOUS).Should().BeEmpty();
        result.InTransit.Select(i => i.ItemId).Should().BeEquivalentTo("B:S1", "L:L1", "L:L3");
    }

    [Fact]
    public void A_split_of_entries_carried_from_yesterday_is_written_SPLIT()
    {
        AccountDayResult day1 = Day.Run(
            Days.D1, entries: [Entries.Deposit("L1", 100m, sub: "SA1"), Entries.Deposit("L2", 200m, sub: "SA1")], ledgerBalance: 300m);
        AccountDayResult day2 = Day.Run(Days.D2, [Lines.In("S1", 300m, on: Days.D2, sub: "SA1")], previous: day1.Next, ledgerBalance: 300m);

        day1.InTransit.Select(i => i.ItemId).Should().Equal("L:L1", "L:L2");
        day1.Inventory.Unexplained.Should().Be(Money.Zero);
        day2.MatchOf("S1").Should().BeEquivalentTo(new MatchRecord(Accounts.No, "S1", ["L1", "L2"], MatchRule.SPLIT, Day.Yuan(300m)));
        day2.Discrepancies.Should().BeEmpty();
        day2.Next.OpenItems.Should().BeEmpty();
        day2.Inventory.Unexplained.Should().Be(Money.Zero);
    }

    [Fact]
    public void A_sub_account_with_more_open_entries_than_the_bound_is_not_searched_for_a_split()
    {
        IEnumerable<LedgerEntry> entries = Enumerable.Range(1, SumSearchBound + 1)
            .Select(i => Entries.Deposit($"L{i:D2}", 1000m + i, sub: "SA1"))
            .Append(Entries.Deposit("L99", 100m, sub: "SA1"))
            .Append(Entries.Deposit("L98", 200m, sub: "SA1"));

        AccountDayResult result = Day.Run(Days.D1, [Lines.In("S1", 300m, sub: "SA1")], entries, ledgerBalance: 0m);

        result.Matches.Should().BeEmpty();
        result.InTransit.Should().Contain(i => i.ItemId == "B:S1");
    }
}
