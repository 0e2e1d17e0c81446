using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;

namespace Reconcile.Core.Tests.Reconciliation;

public partial class LadderTests
{
    [Fact]
    public void Sub_account_pairs_the_candidate_with_the_exact_amount()
    {
        AccountDayResult result = Day.Run(
            Days.D1,
            [Lines.In("S1", 500m, sub: "SA1")],
            [Entries.Deposit("L1", 400m, sub: "SA1"), Entries.Deposit("L2", 500m, sub: "SA1")],
            ledgerBalance: 900m);

        result.MatchOf("S1").Should().BeEquivalentTo(
            new MatchRecord(Accounts.No, "S1", ["L2"], MatchRule.SUB_ACCOUNT, Day.Yuan(500m)));
        result.InTransit.Should().ContainSingle().Which.ItemId.Should().Be("L:L1");
    }

    [Fact]
    public void Contract_token_pairs_when_the_line_has_no_sub_account()
    {
        AccountDayResult result = Day.Run(
            Days.D1,
            [Lines.In("S1", 500m, contract: "ZX2024110600002")],
            [Entries.Deposit("L1", 500m, sub: "SA1", contract: "ZX2024110600002")],
            ledgerBalance: 500m);

        result.MatchOf("S1").Rule.Should().Be(MatchRule.CONTRACT);
        result.Discrepancies.Should().BeEmpty();
    }

    [Fact]
    public void Single_sub_account_candidate_with_another_amount_pairs_as_AMOUNT_MISMATCH()
    {
        AccountDayResult result = Day.Run(
            Days.D1,
            [Lines.In("S1", 500m, sub: "SA1")],
            [Entries.Deposit("L1", 450m, sub: "SA1")],
            ledgerBalance: 450m);

        result.MatchOf("S1").Rule.Should().Be(MatchRule.SUB_ACCOUNT);
        result.Single(Category.AMOUNT_MISMATCH).Effect.Should().Be(ProofEffect.BankSide(Direction.IN, Day.Yuan(50m)));
        result.Inventory.Status.Should().Be(InventoryStatus.BALANCED);
    }

    [Fact]
    public void Several_exact_sub_account_candidates_are_AMBIGUOUS_and_pair_nothing()
    {
        AccountDayResult result = Day.Run(
            Days.D1,
            [Lines.In("S1", 500m, sub: "SA1")],
            [Entries.Deposit("L2", 500m, sub: "SA1"), Entries.Deposit("L1", 500m, sub: "SA1")],
            ledgerBalance: 1000m);

        Discrepancy finding = result.Discrepancies.Should().ContainSingle().Subject;
        finding.Category.Should().Be(Category.AMBIGUOUS);
        finding.BankSerial.Should().Be("S1");
        finding.LedgerEntryIds.Should().Equal("L1", "L2");
        finding.Candidates.Select(c => c.ItemId).Should().Equal("L:L1", "L:L2");
        result.Matches.Should().BeEmpty();
        result.InTransit.Should().BeEmpty();
        result.Next.OpenItems.Select(i => i.ItemId).Should().BeEquivalentTo("B:S1", "L:L1", "L:L2");
        result.Inventory.Status.Should().Be(InventoryStatus.BALANCED);
    }

    [Fact]
    public void Several_inexact_sub_account_candidates_fall_through_and_are_shown_on_the_BANK_ONLY()
    {
        AccountDayResult day1 = Day.Run(
            Days.D1,
            [Lines.In("S1", 500m, sub: "SA1")],
            [Entries.Deposit("L1", 400m, sub: "SA1"), Entries.Deposit("L2", 450m, sub: "SA1")],
            ledgerBalance: 850m);
        AccountDayResult day2 = Day.Run(Days.D2, previous: day1.Next, opening: 500m, ledgerBalance: 850m);

        day1.Matches.Should().BeEmpty();
        Discrepancy bankOnly = day2.Single(Category.BANK_ONLY);
        bankOnly.Candidates.Should().BeEquivalentTo(
        [
            new Candidate("SUB_ACCOUNT", "L:L1", Day.Yuan(400m), "amount 400.00 ≠ 500.00"),
            new Candidate("SUB_ACCOUNT", "L:L2", Day.Yuan(450m), "amount 450.00 ≠ 500.00"),
        ]);
    }

    [Fact]
    public void Sub_account_candidate_outside_the_window_is_rejected_with_why()
    {
        // Window 0: the entry of D1 is overdue at once; the line of D2 is a day away from it.
        AccountDayResult day1 = Day.Run(Days.D1, entries: [Entries.Deposit("L1", 500m, sub: "SA1")], ledgerBalance: 500m, window: 0);
        AccountDayResult day2 = Day.Run(
            Days.D2, [Lines.In("S1", 500m, on: Days.D2, sub: "SA1")], previous: day1.Next, ledgerBalance: 500m, window: 0);

        day2.Matches.Should().BeEmpty();
        day2.Single(Category.BANK_ONLY).Candidates.Should().ContainSingle().Which.Reason
            .Should().Be("outside window: accounting date 2024-11-06, booking day 2024-11-07");
    }

    [Fact]
    public void Sub_account_candidate_moving_the_other_way_is_not_paired()
    {
        AccountDayResult result = Day.Run(
            Days.D1,
            [Lines.In("S1", 500m, sub: "SA1")],
            [Entries.Withdrawal("L1", 500m, sub: "SA1")],
            ledgerBalance: -500m);

        result.Matches.Should().BeEmpty();
        result.InTransit.Should().HaveCount(2);
    }
}
