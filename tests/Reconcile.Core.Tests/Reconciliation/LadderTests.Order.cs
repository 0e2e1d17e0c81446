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

    [Fact]
    public void A_later_line_naming_an_entry_by_serial_takes_it_before_an_earlier_line_echoing_its_payment_ref()
    {
        // Rung 1 sees every line before rung 2 sees any: S1's ref must not take L1 while S2 is still to come.
        AccountDayResult result = Day.Run(
            Days.D1,
            [Lines.Out("S1", 100m, paymentRef: "PAY1"), Lines.Out("S2", 100m)],
            [Entries.Withdrawal("L1", 100m, paymentRef: "PAY1", bankSerial: "S2")],
            opening: 1000m,
            ledgerBalance: 900m);

        result.MatchOf("S2").Rule.Should().Be(MatchRule.BANK_SERIAL);
        result.Matches.Should().ContainSingle();
        result.InTransit.Should().ContainSingle().Which.ItemId.Should().Be("B:S1");
    }

    [Fact]
    public void Of_two_lines_echoing_the_same_payment_ref_the_first_in_statement_order_takes_the_entry()
    {
        AccountDayResult result = Day.Run(
            Days.D1,
            [Lines.Out("S2", 100m, paymentRef: "PAY1"), Lines.Out("S1", 100m, paymentRef: "PAY1")],
            [Entries.Withdrawal("L1", 100m, paymentRef: "PAY1")],
            opening: 1000m,
            ledgerBalance: 900m);

        result.MatchOf("S2").Rule.Should().Be(MatchRule.PAYMENT_REF);
        result.Matches.Should().ContainSingle();
        result.InTransit.Should().ContainSingle().Which.ItemId.Should().Be("B:S1");
    }
}
