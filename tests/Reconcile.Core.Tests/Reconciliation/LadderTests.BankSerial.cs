using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;

namespace Reconcile.Core.Tests.Reconciliation;

public partial class LadderTests
{
    [Fact]
    public void Bank_serial_pairs_the_entry_that_names_the_line()
    {
        AccountDayResult result = Day.Run(
            Days.D1,
            [Lines.In("S1", 300m)],
            [Entries.Deposit("L1", 300m, bankSerial: "S1")],
            ledgerBalance: 300m);

        result.Matches.Should().ContainSingle().Which.Should().BeEquivalentTo(
            new MatchRecord(Accounts.No, "S1", ["L1"], MatchRule.BANK_SERIAL, Day.Yuan(300m)));
        result.Discrepancies.Should().BeEmpty();
        result.InTransit.Should().BeEmpty();
        result.Next.OpenItems.Should().BeEmpty();
    }

    [Fact]
    public void Bank_serial_pairs_a_submitted_entry_as_STATUS_MISMATCH_counted_bank_side()
    {
        AccountDayResult result = Day.Run(
            Days.D1,
            [Lines.Out("S1", 30m)],
            [Entries.Withdrawal("L1", 30m, LedgerStatus.SUBMITTED, bankSerial: "S1")],
            opening: 1000m,
            ledgerBalance: 1000m);

        result.MatchOf("S1").Rule.Should().Be(MatchRule.BANK_SERIAL);
        Discrepancy finding = result.Discrepancies.Should().ContainSingle().Subject;
        finding.Category.Should().Be(Category.STATUS_MISMATCH);
        finding.Effect.Should().Be(ProofEffect.BankSide(Direction.OUT, Day.Yuan(30m)));
        finding.LedgerEntryIds.Should().Equal("L1");
        result.Inventory.BankOutNotLedger.Should().Be(Day.Yuan(30m));
        result.Inventory.Status.Should().Be(InventoryStatus.BALANCED);
    }

    [Fact]
    public void Bank_serial_pair_on_another_sub_account_is_WRONG_SUB_ACCOUNT_without_proof_effect()
    {
        AccountDayResult result = Day.Run(
            Days.D1,
            [Lines.In("S1", 100m, sub: "8110701234500012")],
            [Entries.Deposit("L1", 100m, sub: "8110701234500007", bankSerial: "S1")],
            ledgerBalance: 100m);

        Discrepancy finding = result.Discrepancies.Should().ContainSingle().Subject;
        finding.Category.Should().Be(Category.WRONG_SUB_ACCOUNT);
        finding.SubAccountNo.Should().Be("8110701234500007");
        finding.Effect.Should().Be(ProofEffect.None);
        result.MatchOf("S1").Rule.Should().Be(MatchRule.BANK_SERIAL);
        result.Inventory.Status.Should().Be(InventoryStatus.BALANCED);
    }

    [Fact]
    public void A_line_without_sub_account_is_not_judged_for_WRONG_SUB_ACCOUNT()
    {
        AccountDayResult result = Day.Run(
            Days.D1,
            [Lines.In("S1", 100m)],
            [Entries.Deposit("L1", 100m, sub: "8110701234500007", bankSerial: "S1")],
            ledgerBalance: 100m);

        result.Discrepancies.Should().BeEmpty();
    }
}
