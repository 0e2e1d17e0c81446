using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;

namespace Reconcile.Core.Tests.Reconciliation;

public partial class LadderTests
{
    [Fact]
    public void Two_bank_lines_adding_up_to_one_entry_pay_it_as_PARTIAL_one_row_per_line()
    {
        AccountDayResult result = Day.Run(
            Days.D1,
            [Lines.In("S1", 100m, sub: "SA1"), Lines.In("S2", 200m, sub: "SA1")],
            [Entries.Deposit("L1", 300m, sub: "SA1")],
            ledgerBalance: 300m);

        result.Matches.Should().BeEquivalentTo(
        [
            new MatchRecord(Accounts.No, "S1", ["L1"], MatchRule.PARTIAL, Day.Yuan(100m)),
            new MatchRecord(Accounts.No, "S2", ["L1"], MatchRule.PARTIAL, Day.Yuan(200m)),
        ], o => o.WithStrictOrdering());
        result.Discrepancies.Should().BeEmpty("the instalments add up: no AMOUNT_MISMATCH");
        result.Next.OpenItems.Should().BeEmpty();
        result.Inventory.Unexplained.Should().Be(Money.Zero);
    }

    [Fact]
    public void A_renovation_stage_paid_out_in_three_debits_naming_its_contract_is_PARTIAL()
    {
        AccountDayResult result = Day.Run(
            Days.D1,
            [Lines.Out("S1", 200m, contract: "ZX1"), Lines.Out("S2", 250m, contract: "ZX1"), Lines.Out("S3", 150m, contract: "ZX1")],
            [Entries.Withdrawal("L1", 600m, contract: "ZX1")],
            opening: 1000m,
            ledgerBalance: 400m);

        result.Matches.Select(m => (m.BankSerial, m.Rule, string.Join(';', m.LedgerEntryIds), m.Amount))
            .Should().Equal(("S1", MatchRule.PARTIAL, "L1", Day.Yuan(200m)), ("S2", MatchRule.PARTIAL, "L1", Day.Yuan(250m)), ("S3", MatchRule.PARTIAL, "L1", Day.Yuan(150m)));
        result.Discrepancies.Should().BeEmpty();
        result.Inventory.Unexplained.Should().Be(Money.Zero);
    }

    [Fact]
    public void A_single_line_smaller_than_its_only_candidate_is_a_partial_receipt_not_an_AMOUNT_MISMATCH()
    {
        AccountDayResult result = Day.Run(
            Days.D1,
            [Lines.In("S1", 100m, sub: "SA1")],
            [Entries.Deposit("L1", 300m, sub: "SA1")],
            ledgerBalance: 300m);

        result.Matches.Should().BeEmpty();
        result.Discrepancies.Should().BeEmpty();
        OpenItem entry = result.InTransit.Should().ContainSingle(i => i.ItemId == "L:L1").Subject;
        entry.Note.Should().Be("partially received 100.00 of 300.00 (S1); 200.00 remaining");
        result.InTransit.Should().ContainSingle(i => i.ItemId == "B:S1").Which.Note
            .Should().Be("an instalment of L1 300.00: 100.00 received, 200.00 remaining");
        // The entry counts ledger-side with its full amount, the instalment bank-side: 100 + 300 = 300 + 100.
        result.Inventory.LedgerInNotBank.Should().Be(Day.Yuan(300m));
        result.Inventory.BankInNotLedger.Should().Be(Day.Yuan(100m));
        result.Inventory.Unexplained.Should().Be(Money.Zero);
    }

    [Fact]
    public void The_instalment_that_completes_the_sum_the_next_day_pays_the_entry_as_PARTIAL()
    {
        AccountDayResult day1 = Day.Run(
            Days.D1, [Lines.In("S1", 100m, sub: "SA1")], [Entries.Deposit("L1", 300m, sub: "SA1")], ledgerBalance: 300m);
        AccountDayResult day2 = Day.Run(
            Days.D2, [Lines.In("S2", 200m, on: Days.D2, sub: "SA1")], previous: day1.Next, opening: 100m, ledgerBalance: 300m);

        day1.InTransit.Should().HaveCount(2);
        day2.Matches.Select(m => (m.BankSerial, m.Rule, string.Join(';', m.LedgerEntryIds)))
            .Should().Equal(("S1", MatchRule.PARTIAL, "L1"), ("S2", MatchRule.PARTIAL, "L1"));
        day2.Discrepancies.Should().BeEmpty();
        day2.InTransit.Should().BeEmpty();
        day2.Cleared.Should().BeEmpty("the items were in transit yesterday, not yet findings");
        day2.Next.OpenItems.Should().BeEmpty();
        day2.Inventory.Unexplained.Should().Be(Money.Zero);
    }

    [Fact]
    public void Still_short_after_the_window_the_entry_is_LEDGER_ONLY_and_the_instalments_BANK_ONLY_saying_what_remains()
    {
        AccountDayResult day1 = Day.Run(
            Days.D1, [Lines.In("S1", 100m, sub: "SA1")], [Entries.Deposit("L1", 300m, sub: "SA1")], ledgerBalance: 300m);
        AccountDayResult day2 = Day.Run(
            Days.D2, [Lines.In("S2", 50m, on: Days.D2, sub: "SA1")], previous: day1.Next, opening: 100m, ledgerBalance: 300m);

        day2.Matches.Should().BeEmpty();
        Discrepancy ledgerOnly = day2.Single(Category.LEDGER_ONLY);
        ledgerOnly.Detail.Should().Be("ledger DEPOSIT 300.00 (L1) partially received 150.00 of 300.00 (S1, S2); 150.00 remaining");
        ledgerOnly.Candidates.Should().Equal(
            new Candidate("PARTIAL", "B:S1", Day.Yuan(100m), "the instalments add up to 150.00 of 300.00: 150.00 remaining"),
            new Candidate("PARTIAL", "B:S2", Day.Yuan(50m), "the instalments add up to 150.00 of 300.00: 150.00 remaining"));
        day2.Single(Category.BANK_ONLY).Detail.Should().Be("bank IN 100.00 (S1 转入) is an instalment of L1 300.00: 150.00 received, 150.00 remaining");
        day2.InTransit.Should().ContainSingle().Which.Note.Should().Be("an instalment of L1 300.00: 150.00 received, 150.00 remaining");
        day2.Inventory.LedgerInNotBank.Should().Be(Day.Yuan(300m));
        day2.Inventory.BankInNotLedger.Should().Be(Day.Yuan(150m));
        day2.Inventory.Unexplained.Should().Be(Money.Zero);
    }

    [Fact]
    public void A_first_instalment_overdue_before_the_rest_arrives_is_cleared_when_they_add_up()
    {
        // S1 arrives on D1, the ledger books L1 on D2 (S1 is a day old: BANK_ONLY, an instalment of L1), S2 on D3 completes it.
        AccountDayResult day1 = Day.Run(Days.D1, [Lines.In("S1", 100m, sub: "SA1")], ledgerBalance: 0m);
        AccountDayResult day2 = Day.Run(
            Days.D2, entries: [Entries.Deposit("L1", 300m, on: Days.D2, sub: "SA1")], previous: day1.Next, opening: 100m, ledgerBalance: 300m);
        AccountDayResult day3 = Day.Run(
            Days.D3, [Lines.In("S2", 200m, on: Days.D3, sub: "SA1")], previous: day2.Next, opening: 100m, ledgerBalance: 300m);

        Discrepancy bankOnly = day2.Single(Category.BANK_ONLY);
        bankOnly.Detail.Should().EndWith("is an instalment of L1 300.00: 100.00 received, 200.00 remaining");
        day2.Inventory.Unexplained.Should().Be(Money.Zero);
        day3.Matches.Select(m => (m.BankSerial, m.Rule)).Should().Equal(("S1", MatchRule.PARTIAL), ("S2", MatchRule.PARTIAL));
        day3.Cleared.Should().Equal(bankOnly.Id);
        day3.Discrepancies.Should().BeEmpty();
        day3.Next.OpenItems.Should().BeEmpty();
        day3.Inventory.Unexplained.Should().Be(Money.Zero);
    }

    [Fact]
    public void An_instalment_outside_the_window_of_the_entry_does_not_add_up_with_the_others()
    {
        AccountDayResult day1 = Day.Run(
            Days.D1, [Lines.In("S1", 100m, sub: "SA1")], [Entries.Deposit("L1", 300m, sub: "SA1")], ledgerBalance: 300m);
        AccountDayResult day2 = Day.Run(Days.D2, previous: day1.Next, opening: 100m, ledgerBalance: 300m);
        AccountDayResult day3 = Day.Run(
            Days.D3, [Lines.In("S2", 200m, on: Days.D3, sub: "SA1")], previous: day2.Next, opening: 100m, ledgerBalance: 300m);

        day3.Matches.Should().BeEmpty();
        day3.Single(Category.LEDGER_ONLY).Detail.Should().EndWith("partially received 100.00 of 300.00 (S1); 200.00 remaining");
        day3.InTransit.Should().ContainSingle().Which.Should().Match<OpenItem>(i => i.ItemId == "B:S2" && i.Note == null);
        day3.Inventory.Unexplained.Should().Be(Money.Zero);
    }

    [Fact]
    public void Instalments_adding_up_in_two_ways_are_AMBIGUOUS_on_each_line()
    {
        AccountDayResult result = Day.Run(
            Days.D1,
            [Lines.In("S1", 100m, sub: "SA1"), Lines.In("S2", 200m, sub: "SA1"), Lines.In("S3", 100m, sub: "SA1")],
            [Entries.Deposit("L1", 300m, sub: "SA1")],
            ledgerBalance: 300m);

        result.Matches.Should().BeEmpty();
        result.Discrepancies.Select(d => (d.Category, d.BankSerial, string.Join(';', d.LedgerEntryIds))).Should().Equal(
            (Category.AMBIGUOUS, "S1", "L1"), (Category.AMBIGUOUS, "S2", "L1"), (Category.AMBIGUOUS, "S3", "L1"));
        Discrepancy s2 = result.Discrepancies[1];
        s2.Detail.Should().Be("PARTIAL: bank IN 200.00 can be an instalment of L1 300.00, but the instalments do not add up in one way only; choose");
        s2.Candidates.Select(c => c.ItemId).Should().Equal("L:L1", "B:S1", "B:S3");
        result.InTransit.Should().BeEmpty();
        result.Next.OpenItems.Select(i => i.Note).Should().AllSatisfy(n => n.Should().BeNull());
        result.Inventory.Unexplained.Should().Be(Money.Zero);
    }

    [Fact]
    public void Lines_whose_sums_could_pay_either_of_two_entries_are_AMBIGUOUS_listing_both()
    {
        AccountDayResult result = Day.Run(
            Days.D1,
            [Lines.In("S1", 100m, sub: "SA1"), Lines.In("S2", 200m, sub: "SA1")],
            [Entries.Deposit("L1", 300m, sub: "SA1"), Entries.Deposit("L2", 300m, sub: "SA1")],
            ledgerBalance: 600m);

        result.Matches.Should().BeEmpty();
        result.Of(Category.AMBIGUOUS).Select(d => (d.BankSerial, string.Join(';', d.LedgerEntryIds)))
            .Should().Equal(("S1", "L1;L2"), ("S2", "L1;L2"));
        result.Inventory.Unexplained.Should().Be(Money.Zero);
    }

    [Fact]
    public void A_line_that_could_be_an_instalment_of_two_entries_is_noted_for_neither()
    {
        AccountDayResult result = Day.Run(
            Days.D1,
            [Lines.In("S1", 100m, sub: "SA1")],
            [Entries.Deposit("L1", 300m, sub: "SA1"), Entries.Deposit("L2", 400m, sub: "SA1")],
            ledgerBalance: 700m);

        result.Matches.Should().BeEmpty();
        result.InTransit.Should().HaveCount(3).And.OnlyContain(i => i.Note == null);
        result.Inventory.Unexplained.Should().Be(Money.Zero);
    }

    [Fact]
    public void A_line_smaller_than_its_only_candidate_not_on_the_books_still_pairs_as_STATUS_MISMATCH()
    {
        AccountDayResult result = Day.Run(
            Days.D1,
            [Lines.In("S1", 100m, sub: "SA1")],
            [Entries.Deposit("L1", 300m, LedgerStatus.PENDING, sub: "SA1")],
            ledgerBalance: 0m);

        result.MatchOf("S1").Rule.Should().Be(MatchRule.SUB_ACCOUNT);
        result.Single(Category.STATUS_MISMATCH).Effect.Should().Be(ProofEffect.BankSide(Direction.IN, Day.Yuan(100m)));
    }

    [Fact]
    public void Instalments_of_a_key_with_more_lines_than_the_bound_are_not_searched()
    {
        IEnumerable<BankLine> lines = Enumerable.Range(1, SumSearchBound + 1)
            .Select(i => Lines.In($"S{i:D2}", i == 1 ? 100m : i == 2 ? 200m : 1m, sub: "SA1"));

        AccountDayResult result = Day.Run(Days.D1, lines, [Entries.Deposit("L1", 300m, sub: "SA1")], ledgerBalance: 300m);

        result.Matches.Should().BeEmpty();
        result.Discrepancies.Should().BeEmpty();
        result.InTransit.Should().HaveCount(SumSearchBound + 2).And.OnlyContain(i => i.Note == null);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Split_and_partial_decisions_do_not_depend_on_the_order_of_lines_and_entries(int seed)
    {
        AccountDayInput input = Day.Input(
            Days.D1,
            [
                Lines.In("S1", 300m, sub: "SA1"),
                Lines.In("S2", 100m, sub: "SA2"),
                Lines.In("S3", 250m, sub: "SA2"),
                Lines.In("S4", 500m, sub: "SA3"),
                Lines.In("S5", 500m, sub: "SA3"),
                Lines.In("S6", 40m, sub: "SA4"),
                Lines.Out("S7", 90m, contract: "ZX5"),
                Lines.Out("S8", 60m, contract: "ZX5"),
            ],
            [
                Entries.Deposit("L1", 120m, sub: "SA1"),
                Entries.Deposit("L2", 180m, sub: "SA1"),
                Entries.Deposit("L3", 350m, sub: "SA2"),
                Entries.Deposit("L4", 200m, sub: "SA3"),
                Entries.Deposit("L5", 300m, sub: "SA3"),
                Entries.Deposit("L6", 100m, sub: "SA4"),
                Entries.Withdrawal("L7", 150m, contract: "ZX5"),
            ],
            opening: 1000m,
            ledgerBalance: 2000m);
        var random = new Random(seed);
        AccountDayInput shuffled = input with
        {
            BankLines = input.BankLines.OrderBy(_ => random.Next()).ToList(),
            LedgerEntries = input.LedgerEntries.OrderBy(_ => random.Next()).ToList(),
        };

        AccountDayResult expected = AccountReconciler.Reconcile(input);
        AccountDayResult actual = AccountReconciler.Reconcile(shuffled);

        expected.Matches.Select(m => (m.BankSerial, m.Rule)).Should().Equal(
            ("S1", MatchRule.SPLIT), ("S2", MatchRule.PARTIAL), ("S3", MatchRule.PARTIAL), ("S7", MatchRule.PARTIAL), ("S8", MatchRule.PARTIAL));
        expected.Of(Category.AMBIGUOUS).Select(d => d.BankSerial).Should().Equal("S4", "S5");
        expected.InTransit.Select(i => (i.ItemId, i.Note)).Should().Equal(
            ("L:L6", "partially received 40.00 of 100.00 (S6); 60.00 remaining"),
            ("B:S6", "an instalment of L6 100.00: 40.00 received, 60.00 remaining"));
        actual.Should().BeEquivalentTo(expected, o => o.WithStrictOrdering());
    }
}
