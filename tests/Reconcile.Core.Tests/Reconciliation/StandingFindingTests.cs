using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;

namespace Reconcile.Core.Tests.Reconciliation;

public class StandingFindingTests
{
    [Fact]
    public void A_standing_finding_is_listed_again_the_next_day_with_its_effect()
    {
        // D1: bank OUT 100 vs ledger 90 → AMOUNT_MISMATCH, bank_out_not_ledger 10.
        // D2: nothing moves; closing 900, book 910; the 10 still explains the gap.
        AccountDayResult day1 = Day.Run(
            Days.D1,
            [Lines.Out("S1", 100m, paymentRef: "PAY1")],
            [Entries.Withdrawal("L1", 90m, paymentRef: "PAY1")],
            opening: 1000m,
            ledgerBalance: 910m);
        AccountDayResult day2 = Day.Run(Days.D2, previous: day1.Next, opening: 900m, ledgerBalance: 910m);

        Discrepancy again = day2.Single(Category.AMOUNT_MISMATCH);
        again.Id.Should().Be(day1.Single(Category.AMOUNT_MISMATCH).Id);
        again.FirstSeen.Should().Be(Days.D1);
        again.AgeOn(Days.D2).Should().Be(1);
        day2.Inventory.BankOutNotLedger.Should().Be(Day.Yuan(10m));
        day2.Inventory.Status.Should().Be(InventoryStatus.BALANCED);
    }

    [Fact]
    public void Standing_findings_do_not_clear_by_themselves()
    {
        AccountDayResult day1 = Day.Run(
            Days.D1,
            [Lines.Out("S1", 30m, paymentRef: "PAY1")],
            [Entries.Withdrawal("L1", 30m, LedgerStatus.SUBMITTED, paymentRef: "PAY1")],
            opening: 1000m,
            ledgerBalance: 1000m);
        AccountDayResult day2 = Day.Run(Days.D2, previous: day1.Next, opening: 970m, ledgerBalance: 1000m);

        day2.Next.Standing.Should().ContainSingle().Which.Category.Should().Be(Category.STATUS_MISMATCH);
        day2.Cleared.Should().BeEmpty();
    }

    [Fact]
    public void Adjustments_are_carried_unchanged_and_count_in_the_proof()
    {
        var adjustment = new ProofAdjustment("D-0000000000000001", "BOOKED_IN_LEDGER", ProofEffect.BankSide(Direction.IN, Day.Yuan(50m)));
        AccountState previous = AccountState.Empty(Accounts.No) with { Adjustments = [adjustment] };

        AccountDayResult result = Day.Run(Days.D1, previous: previous, opening: 50m, ledgerBalance: 0m);

        result.Next.Adjustments.Should().Equal(adjustment);
        result.Inventory.BankInNotLedger.Should().Be(Day.Yuan(50m));
        result.Inventory.Status.Should().Be(InventoryStatus.BALANCED);
    }
}
