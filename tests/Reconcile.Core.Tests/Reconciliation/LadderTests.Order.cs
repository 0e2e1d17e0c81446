using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;

namespace Reconcile.Core.Tests.Reconciliation;

public partial class LadderTests
{
    [Fact]
    public void A_line_matchable_by_serial_and_by_counterparty_goes_to_serial()
    {
        AccountDayResult result = Day.Run(
            Days.D1,
            [Lines.In("S1", 800m, counterparty: "6222")],
            [Entries.Deposit("L2", 800m, counterparty: "6222"), Entries.Deposit("L1", 800m, bankSerial: "S1")],
            ledgerBalance: 1600m);

        result.MatchOf("S1").Should().BeEquivalentTo(
            new MatchRecord(Accounts.No, "S1", ["L1"], MatchRule.BANK_SERIAL, Day.Yuan(800m)));
        result.InTransit.Should().ContainSingle().Which.ItemId.Should().Be("L:L2");
    }

    [Fact]
    public void A_line_matchable_by_payment_ref_and_by_sub_account_goes_to_payment_ref()
    {
        AccountDayResult result = Day.Run(
            Days.D1,
            [Lines.Out("S1", 100m, sub: "SA1", paymentRef: "PAY1")],
            [Entries.Withdrawal("L1", 100m, sub: "SA1"), Entries.Withdrawal("L2", 100m, sub: "SA1", paymentRef: "PAY1")],
            opening: 1000m,
            ledgerBalance: 800m);

        result.MatchOf("S1").LedgerEntryIds.Should().Equal("L2");
        result.MatchOf("S1").Rule.Should().Be(MatchRule.PAYMENT_REF);
    }

    [Fact]
    public void An_entry_paired_by_a_stronger_key_is_no_longer_a_candidate_below()
    {
        // S2 names L1 by serial; S1 would otherwise have taken L1 by sub-account.
        AccountDayResult result = Day.Run(
            Days.D1,
            [Lines.In("S1", 100m, sub: "SA1"), Lines.In("S2", 100m)],
            [Entries.Deposit("L1", 100m, sub: "SA1", bankSerial: "S2")],
            ledgerBalance: 100m);

        result.MatchOf("S2").Rule.Should().Be(MatchRule.BANK_SERIAL);
        result.InTransit.Should().ContainSingle().Which.ItemId.Should().Be("B:S1");
    }
}
