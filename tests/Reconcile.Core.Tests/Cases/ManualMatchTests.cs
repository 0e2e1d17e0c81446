using Reconcile.Core.Cases;
using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;
using Reconcile.Core.Tests.Reconciliation;

namespace Reconcile.Core.Tests.Cases;

/// <summary>
/// D1: the bank credits S1 300.00 and S2 200.00; the ledger books L1 DEPOSIT 500.00 with nothing that links them (a
/// buyer's down payment in two transfers). D2 is quiet: S1, S2 are BANK_ONLY and L1 LEDGER_ONLY. A person pairs them.
/// </summary>
public class ManualMatchTests
{
    private static AccountDayResult Day2(decimal entry = 500m, IEnumerable<BankLine>? more = null)
    {
        AccountDayResult day1 = Day.Run(
            Days.D1,
            [Lines.In("S1", 300m), Lines.In("S2", 200m), .. more ?? []],
            [Entries.Deposit("L1", entry)],
            ledgerBalance: entry);
        decimal closing = 500m + (more ?? []).Sum(l => l.Signed.ToYuan());
        return Day.Run(Days.D2, previous: day1.Next, opening: closing, ledgerBalance: entry);
    }

    private static Discrepancy BankOnly(AccountDayResult day, string serial) =>
        day.Discrepancies.Single(d => d.Category == Category.BANK_ONLY && d.BankSerial == serial);

    private static Pairing Plan(AccountDayResult day, string serial, string[] with, Money? difference = null)
    {
        PairingPlan plan = ManualMatch.Plan(BankOnly(day, serial), day.Next, with, difference);
        plan.Refusal.Should().BeNull();
        return plan.Pairing!;
    }

    private static string Refusal(AccountDayResult day, string serial, string[] with, Money? difference = null)
    {
        PairingPlan plan = ManualMatch.Plan(BankOnly(day, serial), day.Next, with, difference);
        plan.Pairing.Should().BeNull();
        return plan.Refusal!;
    }

    [Fact]
    public void Two_bank_lines_paired_with_one_entry_are_written_as_MANUAL_by_the_next_run_and_the_proof_stays_explained()
    {
        AccountDayResult day2 = Day2();
        Pairing pairing = Plan(day2, "S1", ["S2", "L1"]);
        AccountState afterMatch = ManualMatch.Apply(day2.Next, pairing);

        AccountDayResult day3 = Day.Run(Days.D3, previous: afterMatch, opening: 500m, ledgerBalance: 500m);

        day3.Matches.Should().BeEquivalentTo(new[]
        {
            new MatchRecord(Accounts.No, "S1", ["L1"], MatchRule.MANUAL, Day.Yuan(300m)),
            new MatchRecord(Accounts.No, "S2", ["L1"], MatchRule.MANUAL, Day.Yuan(200m)),
        }, o => o.WithStrictOrdering());
        day3.Discrepancies.Should().BeEmpty();
        day3.InTransit.Should().BeEmpty();
        day3.Inventory.Unexplained.Should().Be(Money.Zero);
        day3.Next.Pairings.Should().BeEmpty("a pairing is written once");
        Day.Run(new NodaTime.LocalDate(2024, 11, 9), previous: day3.Next, opening: 500m, ledgerBalance: 500m).Matches.Should().BeEmpty();
    }

    [Fact]
    public void Items_can_be_named_bare_or_with_their_side()
    {
        AccountDayResult day2 = Day2();

        Plan(day2, "S1", ["B:S2", "L:L1"]).Items.Select(i => i.ItemId).Should().Equal("B:S1", "B:S2", "L:L1");
    }

    [Fact]
    public void Sums_that_disagree_are_refused_unless_the_difference_is_named()
    {
        AccountDayResult day2 = Day2(entry: 490m);

        Refusal(day2, "S1", ["S2", "L1"]).Should().Contain("bank 500.00 ≠ ledger 490.00").And.Contain("--difference 10.00");
        Refusal(day2, "S1", ["S2", "L1"], Day.Yuan(5m)).Should().Contain("--difference 5.00 does not say so");
    }

    [Fact]
    public void A_named_difference_stays_open_as_an_AMOUNT_MISMATCH_and_the_proof_stays_explained()
    {
        AccountDayResult day2 = Day2(entry: 490m);
        Pairing pairing = Plan(day2, "S1", ["S2", "L1"], Day.Yuan(10m));
        AccountState afterMatch = ManualMatch.Apply(day2.Next, pairing);

        AccountDayResult day3 = Day.Run(Days.D3, previous: afterMatch, opening: 500m, ledgerBalance: 490m);

        Discrepancy difference = day3.Single(Category.AMOUNT_MISMATCH);
        difference.Id.Should().Be(pairing.DifferenceFinding!.Id);
        difference.BankAmount.Should().Be(Day.Yuan(500m));
        difference.LedgerAmount.Should().Be(Day.Yuan(490m));
        difference.Detail.Should().Contain("bank larger by 10.00");
        day3.Inventory.Unexplained.Should().Be(Money.Zero);
        day3.Matches.Should().OnlyContain(m => m.Rule == MatchRule.MANUAL);
    }

    [Fact]
    public void A_pair_needs_both_sides_one_direction_and_open_items_of_the_account()
    {
        AccountDayResult day2 = Day2(more: [Lines.Out("S3", 50m)]);

        Refusal(day2, "S1", ["S2"]).Should().Contain("a pair needs both sides");
        Refusal(day2, "S1", ["S3", "L1"]).Should().Contain("directions disagree");
        Refusal(day2, "S1", ["L404"]).Should().Contain("'L404' is not an open item of account " + Accounts.No);
        Refusal(day2, "S1", ["S1", "L1"]).Should().Contain("named twice");
        Refusal(day2, "S1", []).Should().Contain("at least one counter-item");
    }

    [Fact]
    public void Only_cases_that_stand_for_open_items_can_be_paired()
    {
        AccountDayResult day2 = Day2();
        Discrepancy missing = BankOnly(day2, "S1") with { Category = Category.MISSING_STATEMENT };

        ManualMatch.Plan(missing, day2.Next, ["L1"], null).Refusal.Should().Contain("only BANK_ONLY, LEDGER_ONLY and AMBIGUOUS");
    }

    [Fact]
    public void An_item_no_longer_open_cannot_be_paired()
    {
        AccountDayResult day2 = Day2();
        AccountState resolved = Resolutions.Apply(day2.Next, BankOnly(day2, "S2"), ResolutionReason.BOOKED_IN_LEDGER);

        ManualMatch.Plan(BankOnly(day2, "S1"), resolved, ["S2", "L1"], null).Refusal.Should().Contain("'S2' is not an open item");
        ManualMatch.Missing(resolved, Plan(day2, "S1", ["S2", "L1"])).Should().Equal("B:S2");
        ManualMatch.Apply(resolved, Plan(day2, "S1", ["S2", "L1"])).Should().BeSameAs(resolved, "a pairing whose items are gone changes nothing");
    }

    [Fact]
    public void Unmatch_puts_the_items_back_with_their_first_seen_day_and_the_next_run_lists_them_again()
    {
        AccountDayResult day2 = Day2(entry: 490m);
        Pairing pairing = Plan(day2, "S1", ["S2", "L1"], Day.Yuan(10m));
        AccountState matched = ManualMatch.Apply(day2.Next, pairing);

        AccountState undone = ManualMatch.Undo(matched, pairing);

        undone.Pairings.Should().BeEmpty();
        undone.Standing.Should().NotContain(d => d.Id == pairing.DifferenceFinding!.Id);
        undone.OpenItems.Select(i => (i.ItemId, i.FirstSeen)).Should().BeEquivalentTo(new[] { ("B:S1", Days.D1), ("B:S2", Days.D1), ("L:L1", Days.D1) });
        AccountDayResult day3 = Day.Run(Days.D3, previous: undone, opening: 500m, ledgerBalance: 490m);
        day3.Matches.Should().BeEmpty();
        day3.Discrepancies.Select(d => d.Id).Should().Contain(BankOnly(day2, "S1").Id);
        day3.Inventory.Unexplained.Should().Be(Money.Zero);
    }

    [Fact]
    public void Undoing_a_pairing_a_run_already_wrote_reopens_the_items_from_the_pairing_itself()
    {
        AccountDayResult day2 = Day2();
        Pairing pairing = Plan(day2, "S1", ["S2", "L1"]);
        AccountDayResult day3 = Day.Run(Days.D3, previous: ManualMatch.Apply(day2.Next, pairing), opening: 500m, ledgerBalance: 500m);

        AccountState undone = ManualMatch.Undo(day3.Next, pairing);

        undone.OpenItems.Select(i => i.ItemId).Should().BeEquivalentTo("B:S1", "B:S2", "L:L1");
        Day.Run(new NodaTime.LocalDate(2024, 11, 9), previous: undone, opening: 500m, ledgerBalance: 500m)
            .Discrepancies.Should().Contain(d => d.Category == Category.BANK_ONLY && d.BankSerial == "S1" && d.FirstSeen == Days.D1);
    }

    [Fact]
    public void Reopening_puts_the_resolved_item_back_and_withdraws_its_adjustment()
    {
        AccountDayResult day2 = Day2();
        Discrepancy s1 = BankOnly(day2, "S1");
        AccountState resolved = Resolutions.Apply(day2.Next, s1, ResolutionReason.BOOKED_IN_LEDGER);

        ReopenPlan plan = Reopenings.Apply(resolved, s1, ResolutionReason.BOOKED_IN_LEDGER);

        plan.Refusal.Should().BeNull();
        plan.StateAfter!.Adjustments.Should().BeEmpty();
        plan.StateAfter.OpenItems.Should().ContainSingle(i => i.ItemId == "B:S1").Which.FirstSeen.Should().Be(Days.D1);
        StateEffects.Of(plan.StateAfter).Should().Be(StateEffects.Of(day2.Next), "the proof is as before the resolution");
    }

    [Fact]
    public void Reopening_a_resolution_whose_adjustment_lapsed_is_refused()
    {
        AccountDayResult day2 = Day2();
        Discrepancy s1 = BankOnly(day2, "S1");
        AccountState resolved = Resolutions.Apply(day2.Next, s1, ResolutionReason.BOOKED_IN_LEDGER) with { Adjustments = [] };

        Reopenings.Apply(resolved, s1, ResolutionReason.BOOKED_IN_LEDGER).Refusal.Should().Contain("lapsed");
    }
}
