using Reconcile.Core.Cases;
using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;
using Reconcile.Core.Tests.Reconciliation;

namespace Reconcile.Core.Tests.Cases;

/// <summary>
/// Undoing a pair the ladder made: the day is reconciled again, the pair of the serial is taken apart into its items,
/// and once undone the items are open again with their first-seen days, listed by the next day, and never paired by
/// the ladder again.
/// </summary>
public class AutomaticPairsTests
{
    private static AutomaticPair Found(AccountDayInput input, string serial)
    {
        AutomaticPairPlan? plan = AutomaticPairs.Find(input, AccountReconciler.Reconcile(input), serial);
        plan.Should().NotBeNull();
        plan!.Refusal.Should().BeNull();
        return plan.Pair!;
    }

    private static string Refusal(AccountDayInput input, string serial)
    {
        AutomaticPairPlan? plan = AutomaticPairs.Find(input, AccountReconciler.Reconcile(input), serial);
        plan.Should().NotBeNull();
        plan!.Pair.Should().BeNull();
        return plan.Refusal!;
    }

    [Fact]
    public void A_BANK_SERIAL_pair_undone_is_listed_by_the_next_day_as_BANK_ONLY_and_LEDGER_ONLY_on_the_same_case_and_not_paired_again()
    {
        AccountDayInput day1 = Day.Input(Days.D1, [Lines.In("S1", 300m)], [Entries.Deposit("L1", 300m, bankSerial: "S1")], ledgerBalance: 300m);
        AccountDayResult result1 = AccountReconciler.Reconcile(day1);
        result1.MatchOf("S1").Rule.Should().Be(MatchRule.BANK_SERIAL);

        AutomaticPair pair = Found(day1, "S1");
        pair.Pairing.Rule.Should().Be(MatchRule.BANK_SERIAL);
        pair.Pairing.PairedOn.Should().Be(Days.D1);
        pair.Pairing.Items.Select(i => (i.ItemId, i.FirstSeen)).Should().Equal(("B:S1", Days.D1), ("L:L1", Days.D1));
        pair.Case.Id.Should().Be(DiscrepancyId.For(Category.BANK_ONLY, Accounts.No, "S1", []));
        pair.Pairing.CaseId.Should().Be(pair.Case.Id);
        AutomaticPairs.Describe(pair.Pairing).Should().Be("paired by BANK_SERIAL on 2024-11-06: B:S1 ↔ L:L1 (bank 300.00, ledger 300.00)");

        AccountState undone = ManualMatch.Undo(result1.Next, pair.Pairing);
        ManualMatch.NotClosed(undone, pair.Pairing).Should().Equal("B:S1", "L:L1");
        AccountDayResult day2 = Day.Run(Days.D2, previous: undone, opening: 300m, ledgerBalance: 300m);

        day2.Matches.Should().BeEmpty("the ladder would pair them the same way again: it leaves them to a person");
        day2.Single(Category.BANK_ONLY).Id.Should().Be(pair.Case.Id);
        day2.Single(Category.BANK_ONLY).FirstSeen.Should().Be(Days.D1);
        day2.Single(Category.LEDGER_ONLY).FirstSeen.Should().Be(Days.D1);
        day2.Inventory.Unexplained.Should().Be(Money.Zero);
        day2.Next.OpenItems.Should().OnlyContain(i => i.Held);
    }

    [Fact]
    public void A_carried_line_paired_on_a_later_day_keeps_its_first_seen_day_and_its_BANK_ONLY_case()
    {
        AccountDayResult day1 = Day.Run(Days.D1, [Lines.In("S1", 300m)], opening: 0m, ledgerBalance: 0m);
        AccountDayResult day2 = Day.Run(Days.D2, previous: day1.Next, opening: 300m, ledgerBalance: 0m);
        string bankOnly = day2.Single(Category.BANK_ONLY).Id;
        AccountDayInput day3 = Day.Input(Days.D3, entries: [Entries.Deposit("L1", 300m, on: Days.D3, bankSerial: "S1")], previous: day2.Next, opening: 300m, ledgerBalance: 300m);

        AutomaticPair pair = Found(day3, "S1");

        pair.Match.Rule.Should().Be(MatchRule.CARRIED);
        pair.Pairing.CaseId.Should().Be(bankOnly, "the next listing of the line lands on the case it had");
        pair.Pairing.Items.Select(i => (i.ItemId, i.FirstSeen)).Should().Equal(("B:S1", Days.D1), ("L:L1", Days.D3));
        pair.Pairing.BankItems.Single().FindingId.Should().Be(bankOnly);
    }

    [Fact]
    public void A_pair_with_an_AMOUNT_MISMATCH_keeps_the_finding_and_undoing_it_withdraws_it()
    {
        AccountDayInput day1 = Day.Input(Days.D1, [Lines.In("S1", 300m)], [Entries.Deposit("L1", 290m, bankSerial: "S1")], opening: 0m, ledgerBalance: 290m);
        AccountDayResult result1 = AccountReconciler.Reconcile(day1);
        Discrepancy mismatch = result1.Single(Category.AMOUNT_MISMATCH);

        AutomaticPair pair = Found(day1, "S1");
        pair.Pairing.DifferenceFinding!.Id.Should().Be(mismatch.Id);

        AccountState undone = ManualMatch.Undo(result1.Next, pair.Pairing);
        undone.Standing.Should().NotContain(d => d.Id == mismatch.Id);
        AccountDayResult day2 = Day.Run(Days.D2, previous: undone, opening: 300m, ledgerBalance: 290m);
        day2.Of(Category.AMOUNT_MISMATCH).Should().BeEmpty();
        day2.Inventory.Unexplained.Should().Be(Money.Zero);
    }

    [Fact]
    public void Reversals_pairs_made_by_hand_and_unknown_serials_are_not_automatic_pairs_to_undo()
    {
        AccountDayInput reversed = Day.Input(Days.D1, [Lines.Out("S1", 500m), Lines.Reversal("S2", Direction.IN, 500m, reverses: "S1")], opening: 1000m, ledgerBalance: 1000m);
        Refusal(reversed, "S1").Should().Contain("REVERSAL").And.Contain("no pair with the ledger");
        AutomaticPairs.Find(reversed, AccountReconciler.Reconcile(reversed), "S9").Should().BeNull();

        AccountDayResult day1 = Day.Run(Days.D1, [Lines.In("S1", 300m)], [Entries.Deposit("L1", 300m)], ledgerBalance: 300m);
        AccountDayResult day2 = Day.Run(Days.D2, previous: day1.Next, opening: 300m, ledgerBalance: 300m);
        Discrepancy bankOnly = day2.Single(Category.BANK_ONLY);
        Pairing manual = ManualMatch.Plan(bankOnly, day2.Next, ["L1"], null).Pairing!;
        AccountDayInput day3 = Day.Input(Days.D3, previous: ManualMatch.Apply(day2.Next, manual), opening: 300m, ledgerBalance: 300m);
        Refusal(day3, "S1").Should().Contain("MANUAL").And.Contain($"reconcile discrepancies unmatch {bankOnly.Id}");
    }

    [Fact]
    public void A_pair_on_an_entry_that_is_not_SUCCESS_is_refused()
    {
        AccountDayInput day1 = Day.Input(Days.D1, [Lines.In("S1", 300m)], [Entries.Deposit("L1", 300m, LedgerStatus.SUBMITTED, bankSerial: "S1")], ledgerBalance: 0m);
        Refusal(day1, "S1").Should().Contain("L1").And.Contain("SUBMITTED");
    }
}
