using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;

namespace Reconcile.Core.Tests.Reconciliation;

/// <summary>
/// Three days of one account (window 1 day):
/// D1: bank S1 IN 300 and S2 IN 700 arrive without entries; the ledger books L1 DEPOSIT 500 the bank never
///     executes, and L9 DEPOSIT 40 PENDING. Closing 1000, book 500.
/// D2: L2 DEPOSIT 300 names S1. Book 800.
/// D3: L3 DEPOSIT 700 names S2. Book 1500.
/// </summary>
public class CarryForwardTests
{
    private readonly AccountDayResult _day1;
    private readonly AccountDayResult _day2;
    private readonly AccountDayResult _day3;

    public CarryForwardTests()
    {
        _day1 = Day.Run(
            Days.D1,
            [Lines.In("S1", 300m), Lines.In("S2", 700m)],
            [Entries.Deposit("L1", 500m), Entries.Deposit("L9", 40m, LedgerStatus.PENDING)],
            ledgerBalance: 500m);
        _day2 = Day.Run(
            Days.D2,
            entries: [Entries.Deposit("L2", 300m, on: Days.D2, bankSerial: "S1")],
            previous: _day1.Next,
            opening: 1000m,
            ledgerBalance: 800m);
        _day3 = Day.Run(
            Days.D3,
            entries: [Entries.Deposit("L3", 700m, on: Days.D3, bankSerial: "S2")],
            previous: _day2.Next,
            opening: 1000m,
            ledgerBalance: 1500m);
    }

    [Fact]
    public void Unmatched_items_are_in_transit_on_their_first_day()
    {
        _day1.Discrepancies.Should().BeEmpty();
        _day1.InTransit.Select(i => i.ItemId).Should().BeEquivalentTo("B:S1", "B:S2", "L:L1");
        _day1.InTransit.Should().OnlyContain(i => i.FirstSeen == Days.D1);
    }

    [Fact]
    public void Unmatched_entries_that_are_not_SUCCESS_are_dropped()
    {
        _day1.Next.OpenItems.Should().NotContain(i => i.ItemId == "L:L9");
        _day1.Discrepancies.Should().NotContain(d => d.LedgerEntryIds.Contains("L9"));
    }

    [Fact]
    public void A_carried_line_matched_the_next_day_clears_with_rule_CARRIED()
    {
        _day2.MatchOf("S1").Should().BeEquivalentTo(
            new MatchRecord(Accounts.No, "S1", ["L2"], MatchRule.CARRIED, Day.Yuan(300m)));
        _day2.Next.OpenItems.Should().NotContain(i => i.ItemId == "B:S1");
        _day2.Cleared.Should().BeEmpty("S1 was in transit, not a finding, on D1");
    }

    [Fact]
    public void An_entry_past_the_window_becomes_LEDGER_ONLY_first_seen_the_first_day()
    {
        Discrepancy ledgerOnly = _day2.Single(Category.LEDGER_ONLY);
        ledgerOnly.LedgerEntryIds.Should().Equal("L1");
        ledgerOnly.FirstSeen.Should().Be(Days.D1);
        ledgerOnly.AgeOn(Days.D2).Should().Be(1);
        ledgerOnly.Effect.Should().Be(ProofEffect.LedgerSide(Direction.IN, Day.Yuan(500m)));
        _day2.InTransit.Should().BeEmpty();
    }

    [Fact]
    public void An_overdue_entry_keeps_its_id_and_ages_on_the_third_day()
    {
        Discrepancy day2 = _day2.Single(Category.LEDGER_ONLY);
        Discrepancy day3 = _day3.Single(Category.LEDGER_ONLY);

        day3.Id.Should().Be(day2.Id);
        day3.FirstSeen.Should().Be(Days.D1);
        day3.AgeOn(Days.D3).Should().Be(2);
    }

    [Fact]
    public void A_BANK_ONLY_line_matched_later_is_cleared()
    {
        string bankOnly = _day2.Single(Category.BANK_ONLY).Id;

        bankOnly.Should().Be(DiscrepancyId.For(Category.BANK_ONLY, Accounts.No, "S2", []));
        _day3.MatchOf("S2").Rule.Should().Be(MatchRule.CARRIED);
        _day3.Cleared.Should().Equal(bankOnly);
        _day3.Of(Category.BANK_ONLY).Should().BeEmpty();
    }

    [Fact]
    public void Carried_items_keep_the_proof_balanced_every_day()
    {
        // D1: closing 1000 + ledger_in 500 = 1500 = book 500 + bank_in 1000.
        // D2: closing 1000 + ledger_in 500 = 1500 = book 800 + bank_in 700.
        // D3: closing 1000 + ledger_in 500 = 1500 = book 1500.
        _day1.Inventory.AdjustedBank.Should().Be(Day.Yuan(1500m));
        _day2.Inventory.AdjustedBank.Should().Be(Day.Yuan(1500m));
        _day3.Inventory.AdjustedBank.Should().Be(Day.Yuan(1500m));
        new[] { _day1, _day2, _day3 }.Should().OnlyContain(d => d.Inventory.Status == InventoryStatus.BALANCED);
    }

    [Fact]
    public void A_pair_with_a_carried_entry_is_also_CARRIED()
    {
        AccountDayResult day1 = Day.Run(Days.D1, entries: [Entries.Deposit("L1", 300m, bankSerial: "S1")], ledgerBalance: 300m);
        AccountDayResult day2 = Day.Run(Days.D2, [Lines.In("S1", 300m, on: Days.D2)], previous: day1.Next, ledgerBalance: 300m);

        day2.MatchOf("S1").Rule.Should().Be(MatchRule.CARRIED);
        day2.Next.OpenItems.Should().BeEmpty();
    }

    [Fact]
    public void An_AMBIGUOUS_line_matched_by_a_stronger_key_later_is_cleared()
    {
        AccountDayResult day1 = Day.Run(
            Days.D1,
            [Lines.In("S1", 800m, counterparty: "6222")],
            [Entries.Deposit("L1", 800m, counterparty: "6222"), Entries.Deposit("L2", 800m, counterparty: "6222")],
            ledgerBalance: 1600m);
        AccountDayResult day2 = Day.Run(
            Days.D2,
            entries: [Entries.Deposit("L3", 800m, on: Days.D2, bankSerial: "S1")],
            previous: day1.Next,
            opening: 800m,
            ledgerBalance: 2400m);

        day2.Cleared.Should().Equal(day1.Single(Category.AMBIGUOUS).Id);
        day2.Of(Category.LEDGER_ONLY).SelectMany(d => d.LedgerEntryIds).Should().Equal("L1", "L2");
        day2.Inventory.Status.Should().Be(InventoryStatus.BALANCED);
    }
}
