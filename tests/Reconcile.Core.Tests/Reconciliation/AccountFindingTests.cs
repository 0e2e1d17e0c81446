using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;

namespace Reconcile.Core.Tests.Reconciliation;

public class AccountFindingTests
{
    [Fact]
    public void A_running_balance_break_is_BALANCE_BREAK_keyed_by_the_row_serial()
    {
        var broken = new RunningBalanceBreak(new SourceRef("statement.csv", 4), "S2", Day.Yuan(1300m), Day.Yuan(1310m));

        AccountDayResult result = Day.Run(Days.D1, breaks: [broken]);

        Discrepancy finding = result.Single(Category.BALANCE_BREAK);
        finding.Id.Should().Be(DiscrepancyId.For(Category.BALANCE_BREAK, Accounts.No, "S2", []));
        finding.Direction.Should().BeNull();
        finding.BankAmount.Should().Be(Day.Yuan(10m));
        finding.Effect.Should().Be(ProofEffect.None);
        result.HasBalanceBreak.Should().BeTrue();
    }

    [Fact]
    public void An_opening_other_than_yesterdays_closing_is_BALANCE_BREAK()
    {
        AccountDayResult day1 = Day.Run(Days.D1, [Lines.In("S1", 1000m)], entries: [Entries.Deposit("L1", 1000m, bankSerial: "S1")], ledgerBalance: 1000m);
        AccountDayResult day2 = Day.Run(Days.D2, previous: day1.Next, opening: 900m, ledgerBalance: 1000m);

        Discrepancy finding = day2.Single(Category.BALANCE_BREAK);
        finding.Id.Should().Be(DiscrepancyId.For(Category.BALANCE_BREAK, Accounts.No, null, [], "OPENING:2024-11-07"));
        finding.BankAmount.Should().Be(Day.Yuan(100m));
        day2.HasBalanceBreak.Should().BeTrue();
    }

    [Fact]
    public void The_opening_is_not_compared_across_a_gap_of_days()
    {
        AccountDayResult day1 = Day.Run(Days.D1, [Lines.In("S1", 1000m)], entries: [Entries.Deposit("L1", 1000m, bankSerial: "S1")], ledgerBalance: 1000m);
        AccountDayResult day3 = Day.Run(Days.D3, previous: day1.Next, opening: 900m, ledgerBalance: 1000m);

        day3.Of(Category.BALANCE_BREAK).Should().BeEmpty();
    }

    [Fact]
    public void A_carried_BALANCE_BREAK_is_listed_again_but_not_found_again()
    {
        var broken = new RunningBalanceBreak(new SourceRef("statement.csv", 4), "S2", Day.Yuan(1300m), Day.Yuan(1310m));
        AccountDayResult day1 = Day.Run(Days.D1, breaks: [broken]);
        AccountDayResult day2 = Day.Run(Days.D2, previous: day1.Next);

        day2.Single(Category.BALANCE_BREAK).FirstSeen.Should().Be(Days.D1);
        day2.HasBalanceBreak.Should().BeFalse();
    }

    [Fact]
    public void No_statement_is_MISSING_STATEMENT_with_the_ledger_side_of_the_proof_only()
    {
        AccountDayResult result = Day.Run(
            Days.D1, entries: [Entries.Deposit("L1", 500m)], ledgerBalance: 500m, missingStatement: true);

        Discrepancy finding = result.Single(Category.MISSING_STATEMENT);
        finding.Id.Should().Be(DiscrepancyId.For(Category.MISSING_STATEMENT, Accounts.No, null, [], "2024-11-06"));
        result.Inventory.Status.Should().Be(InventoryStatus.MISSING_STATEMENT);
        result.Inventory.BankClosing.Should().BeNull();
        result.Inventory.Unexplained.Should().BeNull();
        result.Inventory.LedgerBalance.Should().Be(Day.Yuan(500m));
        result.Inventory.LedgerInNotBank.Should().Be(Day.Yuan(500m));
        result.Next.OpenItems.Should().ContainSingle().Which.ItemId.Should().Be("L:L1");
        result.Next.LastClosing.Should().BeNull();
        result.Next.LastDate.Should().Be(Days.D1);
    }

    [Fact]
    public void An_account_not_yet_opened_has_no_MISSING_STATEMENT()
    {
        AccountDayInput input = Day.Input(Days.D1, missingStatement: true) with
        {
            Account = Accounts.Citic with { OpenedOn = Days.D2 },
        };

        AccountReconciler.Reconcile(input).Discrepancies.Should().BeEmpty();
    }
}
