using Reconcile.Core.Cases;
using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;
using static Reconcile.Core.Tests.Cases.CaseFixtures;

namespace Reconcile.Core.Tests.Cases;

/// <summary>
/// An account whose bank closed at 1100.00 and whose books say 1000.00: the bank received 100.00 the ledger has not
/// booked (BANK_ONLY). The proof balances with the open item; each reason's effect is checked on the sums.
/// </summary>
public sealed class ResolutionsTests
{
    private static readonly BankLine s_deposit = Line("C1", Direction.IN, 100m);
    private static readonly Discrepancy s_bankOnly = BankOnly(s_deposit);
    private static readonly AccountState s_state = State([OpenItem.Of(s_deposit, Day)]);

    [Fact]
    public void The_fixture_balances_before_any_resolution()
    {
        Unexplained(1100m, 1000m, s_state).Should().Be(0m);
    }

    [Theory]
    [InlineData(ResolutionReason.BOOKED_IN_LEDGER)]
    [InlineData(ResolutionReason.ADJUSTED)]
    [InlineData(ResolutionReason.REFUNDED)]
    [InlineData(ResolutionReason.RECOVERED)]
    [InlineData(ResolutionReason.BANK_ERROR)]
    public void Resolution_takes_the_item_out_and_keeps_its_effect_as_an_adjustment(ResolutionReason reason)
    {
        AccountState next = Resolutions.Apply(s_state, s_bankOnly, reason);

        next.OpenItems.Should().BeEmpty();
        next.Adjustments.Should().Equal(new ProofAdjustment(s_bankOnly.Id, reason.ToString(), ProofEffect.BankSide(Direction.IN, Yuan(100m))));
        StateEffects.Of(next).BankInNotLedger.Should().Be(Yuan(100m));
        Unexplained(1100m, 1000m, next).Should().Be(0m);
    }

    [Fact]
    public void False_alarm_keeps_nothing_so_real_money_shows_as_unexplained()
    {
        AccountState next = Resolutions.Apply(s_state, s_bankOnly, ResolutionReason.FALSE_ALARM);

        next.OpenItems.Should().BeEmpty();
        next.Adjustments.Should().BeEmpty();
        StateEffects.Of(next).Should().Be(ProofEffect.None);
        Unexplained(1100m, 1000m, next).Should().Be(100m);
    }

    [Fact]
    public void Ledger_only_resolution_keeps_the_ledger_side()
    {
        LedgerEntry payout = Entry("L7", LedgerKind.WITHDRAWAL, 30m);
        AccountState state = State([OpenItem.Of(s_deposit, Day), OpenItem.Of(payout, Day)]);

        AccountState next = Resolutions.Apply(state, LedgerOnly(payout), ResolutionReason.BANK_ERROR);

        next.OpenItems.Select(i => i.ItemId).Should().Equal("B:C1");
        next.Adjustments.Single().Effect.Should().Be(ProofEffect.LedgerSide(Direction.OUT, Yuan(30m)));
    }

    [Fact]
    public void Standing_finding_leaves_the_state_and_its_effect_stays()
    {
        Discrepancy mismatch = Finding(Category.AMOUNT_MISMATCH, Direction.IN, Yuan(105m), Yuan(100m), "C2", ["L2"], ProofEffect.BankSide(Direction.IN, Yuan(5m)));
        Discrepancy wrongSub = Finding(Category.WRONG_SUB_ACCOUNT, Direction.IN, Yuan(100m), Yuan(100m), "C3", ["L3"], ProofEffect.None);
        AccountState state = State(standing: [mismatch, wrongSub]);

        AccountState adjusted = Resolutions.Apply(state, mismatch, ResolutionReason.ADJUSTED);
        AccountState noEffect = Resolutions.Apply(state, wrongSub, ResolutionReason.ADJUSTED);

        adjusted.Standing.Should().Equal(wrongSub);
        adjusted.Adjustments.Single().Effect.Should().Be(mismatch.Effect);
        noEffect.Standing.Should().Equal(mismatch);
        noEffect.Adjustments.Should().BeEmpty("a finding with no effect leaves nothing to keep");
    }

    [Fact]
    public void Duplicate_bank_line_does_not_take_out_the_original_open_item_with_the_same_serial()
    {
        Discrepancy duplicate = Finding(Category.DUPLICATE, Direction.IN, Yuan(100m), null, "C1", [], ProofEffect.BankSide(Direction.IN, Yuan(100m)));
        AccountState state = State([OpenItem.Of(s_deposit, Day)], [duplicate]);

        AccountState next = Resolutions.Apply(state, duplicate, ResolutionReason.BANK_ERROR);

        next.OpenItems.Should().ContainSingle().Which.ItemId.Should().Be("B:C1");
        next.Standing.Should().BeEmpty();
    }

    [Fact]
    public void Ambiguous_resolution_takes_out_the_line_and_leaves_the_candidates_open()
    {
        LedgerEntry a = Entry("L1", LedgerKind.DEPOSIT, 100m);
        LedgerEntry b = Entry("L2", LedgerKind.DEPOSIT, 100m);
        Discrepancy ambiguous = Finding(Category.AMBIGUOUS, Direction.IN, Yuan(100m), Yuan(100m), "C1", ["L1", "L2"],
            ProofEffect.BankSide(Direction.IN, Yuan(100m)) + ProofEffect.LedgerSide(Direction.IN, Yuan(200m)));
        AccountState state = State([OpenItem.Of(s_deposit, Day), OpenItem.Of(a, Day), OpenItem.Of(b, Day)]);

        AccountState next = Resolutions.Apply(state, ambiguous, ResolutionReason.BOOKED_IN_LEDGER);

        next.OpenItems.Select(i => i.ItemId).Should().Equal("L:L1", "L:L2");
        next.Adjustments.Single().Effect.Should().Be(ProofEffect.BankSide(Direction.IN, Yuan(100m)), "only what was taken out");
    }

    [Fact]
    public void Resolving_what_already_left_the_state_keeps_nothing()
    {
        AccountState next = Resolutions.Apply(State(), s_bankOnly, ResolutionReason.BOOKED_IN_LEDGER);

        next.Adjustments.Should().BeEmpty();
    }

    [Fact]
    public void Booked_in_ledger_lapses_when_the_catch_up_entry_is_resolved()
    {
        // Day 1: BOOKED_IN_LEDGER on the deposit. Later the ledger books it (books 1100.00) and the entry stays unpaired.
        AccountState resolved = Resolutions.Apply(s_state, s_bankOnly, ResolutionReason.BOOKED_IN_LEDGER);
        LedgerEntry catchUp = Entry("L9", LedgerKind.DEPOSIT, 100m);
        AccountState withCatchUp = resolved with { OpenItems = [OpenItem.Of(catchUp, Day.PlusDays(2))] };
        Unexplained(1100m, 1100m, withCatchUp).Should().Be(0m);

        AccountState next = Resolutions.Apply(withCatchUp, LedgerOnly(catchUp), ResolutionReason.BOOKED_IN_LEDGER);

        next.OpenItems.Should().BeEmpty();
        next.Adjustments.Should().BeEmpty("the two reconciling items cancel");
        Unexplained(1100m, 1100m, next).Should().Be(0m);
    }

    [Fact]
    public void Refund_lapses_with_the_counter_movement_at_the_bank()
    {
        BankLine refund = Line("C5", Direction.OUT, 100m);
        AccountState resolved = Resolutions.Apply(s_state, s_bankOnly, ResolutionReason.REFUNDED);
        AccountState withRefund = resolved with { OpenItems = [OpenItem.Of(refund, Day.PlusDays(1))] };

        AccountState next = Resolutions.Apply(withRefund, BankOnly(refund), ResolutionReason.REFUNDED);

        next.Adjustments.Should().BeEmpty();
        Unexplained(1000m, 1000m, next).Should().Be(0m);
    }

    [Fact]
    public void Adjustments_that_do_not_offset_exactly_both_stay()
    {
        BankLine partial = Line("C5", Direction.OUT, 60m);
        AccountState resolved = Resolutions.Apply(s_state, s_bankOnly, ResolutionReason.REFUNDED);
        AccountState withPartial = resolved with { OpenItems = [OpenItem.Of(partial, Day.PlusDays(1))] };

        AccountState next = Resolutions.Apply(withPartial, BankOnly(partial), ResolutionReason.REFUNDED);

        next.Adjustments.Select(a => a.Effect).Should().Equal(
            ProofEffect.BankSide(Direction.IN, Yuan(100m)),
            ProofEffect.BankSide(Direction.OUT, Yuan(60m)));
        Unexplained(1040m, 1000m, next).Should().Be(0m);
    }

    [Fact]
    public void Resolving_the_same_finding_twice_keeps_one_adjustment()
    {
        AccountState once = Resolutions.Apply(s_state, s_bankOnly, ResolutionReason.ADJUSTED);
        AccountState twice = Resolutions.Apply(once with { OpenItems = [OpenItem.Of(s_deposit, Day)] }, s_bankOnly, ResolutionReason.ADJUSTED);

        twice.Adjustments.Should().HaveCount(1);
    }
}
