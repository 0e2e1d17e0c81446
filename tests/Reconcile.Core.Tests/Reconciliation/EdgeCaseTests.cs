using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;

namespace Reconcile.Core.Tests.Reconciliation;

/// <summary>The choices RULES.md "Details the matcher pins down" makes, one fact each.</summary>
public class EdgeCaseTests
{
    /// <summary>Rung 4 ignores a key with more open entries than this (RULES.md).</summary>
    private const int SubAccountRungBound = 4096;

    [Fact]
    public void A_line_whose_only_exact_candidate_is_held_by_an_AMBIGUOUS_line_is_AMBIGUOUS_too()
    {
        // S1 (sub-account SA1) sees L1 and L2 and cannot choose; S2 (contract ZX1) sees only L1, already held.
        AccountDayResult result = Day.Run(
            Days.D1,
            [Lines.In("S1", 500m, sub: "SA1"), Lines.In("S2", 500m, contract: "ZX1")],
            [Entries.Deposit("L1", 500m, sub: "SA1", contract: "ZX1"), Entries.Deposit("L2", 500m, sub: "SA1", contract: "ZX2")],
            ledgerBalance: 1000m);

        result.Matches.Should().BeEmpty();
        result.Of(Category.AMBIGUOUS).Select(d => (d.BankSerial, string.Join(';', d.LedgerEntryIds)))
            .Should().Equal(("S1", "L1;L2"), ("S2", "L1"));
    }

    [Fact]
    public void An_AMBIGUOUS_line_of_rung_4_does_not_go_on_to_rung_5()
    {
        AccountDayResult result = Day.Run(
            Days.D1,
            [Lines.In("S1", 500m, sub: "SA1", counterparty: "6222")],
            [
                Entries.Deposit("L1", 500m, sub: "SA1"),
                Entries.Deposit("L2", 500m, sub: "SA1"),
                Entries.Deposit("L3", 500m, counterparty: "6222"),
            ],
            ledgerBalance: 1500m);

        result.Matches.Should().BeEmpty();
        result.Single(Category.AMBIGUOUS).LedgerEntryIds.Should().Equal("L1", "L2");
        result.InTransit.Should().ContainSingle().Which.ItemId.Should().Be("L:L3");
    }

    [Fact]
    public void Counterparty_candidate_outside_the_window_is_rejected_with_why()
    {
        AccountDayResult day1 = Day.Run(Days.D1, entries: [Entries.Deposit("L1", 800m, counterparty: "6222")], ledgerBalance: 800m, window: 0);
        AccountDayResult day2 = Day.Run(
            Days.D2, [Lines.In("S1", 800m, on: Days.D2, counterparty: "6222")], previous: day1.Next, ledgerBalance: 800m, window: 0);

        day2.Matches.Should().BeEmpty();
        Candidate rejected = day2.Single(Category.BANK_ONLY).Candidates.Should().ContainSingle().Subject;
        rejected.Should().Be(new Candidate(
            "COUNTERPARTY", "L:L1", Day.Yuan(800m), "outside window: accounting date 2024-11-06, booking day 2024-11-07"));
    }

    [Fact]
    public void The_third_copy_of_a_bank_serial_gets_its_own_DUPLICATE_id()
    {
        AccountDayResult result = Day.Run(Days.D1, [Lines.In("S1", 100m), Lines.In("S1", 100m), Lines.In("S1", 100m)]);

        result.Of(Category.DUPLICATE).Select(d => d.Id).Should().BeEquivalentTo(
            DiscrepancyId.For(Category.DUPLICATE, Accounts.No, "S1", []),
            DiscrepancyId.For(Category.DUPLICATE, Accounts.No, "S1", [], "3"));
        result.Inventory.Status.Should().Be(InventoryStatus.BALANCED);
    }

    [Fact]
    public void A_wider_timing_window_keeps_items_in_transit_longer()
    {
        AccountDayResult day1 = Day.Run(Days.D1, [Lines.In("S1", 100m)], window: 2);
        AccountDayResult day2 = Day.Run(Days.D2, previous: day1.Next, opening: 100m, window: 2);
        AccountDayResult day3 = Day.Run(Days.D3, previous: day2.Next, opening: 100m, window: 2);

        day2.InTransit.Should().ContainSingle().Which.AgeOn(Days.D2).Should().Be(1);
        day2.Discrepancies.Should().BeEmpty();
        day3.Single(Category.BANK_ONLY).AgeOn(Days.D3).Should().Be(2);
    }

    [Fact]
    public void An_AMBIGUOUS_finding_lists_at_most_20_candidates()
    {
        IEnumerable<LedgerEntry> entries = Enumerable.Range(1, 25).Select(i => Entries.Deposit($"L{i:D2}", 10m, counterparty: "6222"));

        AccountDayResult result = Day.Run(Days.D1, [Lines.In("S1", 10m, counterparty: "6222")], entries, ledgerBalance: 250m);

        Discrepancy finding = result.Single(Category.AMBIGUOUS);
        finding.LedgerEntryIds.Should().HaveCount(20).And.BeInAscendingOrder(StringComparer.Ordinal);
        result.InTransit.Should().BeEmpty("all 25 are held by the AMBIGUOUS line");
        result.Inventory.Status.Should().Be(InventoryStatus.BALANCED);
    }

    [Fact]
    public void Three_equal_lines_and_three_equal_entries_are_AMBIGUOUS_on_every_line_and_hold_every_entry()
    {
        AccountDayResult result = Day.Run(
            Days.D1,
            Enumerable.Range(1, 3).Select(i => Lines.In($"S{i}", 10m, counterparty: "6222")),
            Enumerable.Range(1, 3).Select(i => Entries.Deposit($"L{i}", 10m, counterparty: "6222")),
            ledgerBalance: 30m);

        result.Discrepancies.Should().HaveCount(3)
            .And.OnlyContain(d => d.Category == Category.AMBIGUOUS && string.Join(';', d.LedgerEntryIds) == "L1;L2;L3");
        result.InTransit.Should().BeEmpty();
        result.Next.OpenItems.Should().HaveCount(6);
        result.Inventory.Status.Should().Be(InventoryStatus.BALANCED);
    }

    [Fact]
    public void A_sub_account_with_more_open_entries_than_the_bound_is_not_used_by_rung_4()
    {
        IEnumerable<LedgerEntry> entries = Enumerable.Range(1, SubAccountRungBound + 1)
            .Select(i => Entries.Deposit($"L{i:D5}", 1m + i, sub: "SA1"));

        AccountDayResult result = Day.Run(Days.D1, [Lines.In("S1", 2m, sub: "SA1")], entries, ledgerBalance: 0m);

        result.Matches.Should().BeEmpty();
        result.InTransit.Should().Contain(i => i.ItemId == "B:S1");
    }

    [Fact]
    public void A_pair_can_be_both_STATUS_MISMATCH_and_WRONG_SUB_ACCOUNT()
    {
        AccountDayResult result = Day.Run(
            Days.D1,
            [Lines.Out("S1", 30m, sub: "SA1", paymentRef: "PAY1")],
            [Entries.Withdrawal("L1", 30m, LedgerStatus.PENDING, sub: "SA2", paymentRef: "PAY1")],
            opening: 100m,
            ledgerBalance: 100m);

        result.Discrepancies.Select(d => d.Category).Should().Equal(Category.STATUS_MISMATCH, Category.WRONG_SUB_ACCOUNT);
        result.Inventory.Status.Should().Be(InventoryStatus.BALANCED);
    }

    [Fact]
    public void Without_a_statement_carried_lines_still_pair_with_todays_entries()
    {
        AccountDayResult day1 = Day.Run(Days.D1, [Lines.In("S1", 100m)], ledgerBalance: 0m);
        AccountDayResult day2 = Day.Run(
            Days.D2, entries: [Entries.Deposit("L1", 100m, on: Days.D2, bankSerial: "S1")], previous: day1.Next, ledgerBalance: 100m, missingStatement: true);

        day2.MatchOf("S1").Rule.Should().Be(MatchRule.CARRIED);
        day2.Discrepancies.Select(d => d.Category).Should().Equal(Category.MISSING_STATEMENT);
        day2.Next.OpenItems.Should().BeEmpty();
    }

    [Fact]
    public void State_of_a_later_day_is_refused()
    {
        AccountDayResult day2 = Day.Run(Days.D2);

        Action run = () => Day.Run(Days.D1, previous: day2.Next);

        run.Should().Throw<ArgumentException>().WithMessage("*2024-11-07*");
    }
}
