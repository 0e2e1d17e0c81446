using NodaTime;
using NodaTime.Text;
using Reconcile.Core.Model;
using Reconcile.Formats;

namespace Reconcile.Samples.Tests;

/// <summary>expected.json against the inbox read back with the product's readers.</summary>
[Collection(GeneratedInboxCollection.Name)]
public sealed class ExpectedAgreesWithInboxTests(GeneratedInbox inbox)
{
    [Fact]
    public void Every_file_reads_back_and_the_counts_agree()
    {
        for (int d = 0; d < inbox.Days.Count; d++)
        {
            ReadDay day = inbox.Days[d];
            ExpectedDay expected = inbox.Expected.BusinessDays[d];
            expected.BusinessDate.Should().Be(GeneratedInbox.Iso(day.Date));
            foreach (ExpectedInventory row in expected.Inventory)
            {
                StatementSummary? statement = day.Statements.SingleOrDefault(s => s.AccountNo == row.EscrowAccountNo);
                (statement?.LineCount).Should().Be(row.BankLines, $"{row.EscrowAccountNo} on {day.Date}");
                day.Entries.Count(e => e.EscrowAccountNo == row.EscrowAccountNo).Should().Be(row.LedgerEntries);
            }
        }
        inbox.Days.Sum(d => d.Lines.Count).Should().Be((int)inbox.Result.BankLines);
        inbox.Days.Sum(d => d.Entries.Count).Should().Be((int)inbox.Result.LedgerEntries);
    }

    [Fact]
    public void Statement_balances_follow_from_their_rows_and_breaks()
    {
        foreach (StatementSummary s in inbox.Days.SelectMany(d => d.Statements))
        {
            Money jumps = s.Breaks.Aggregate(Money.Zero, (sum, b) => sum + (b.Printed - b.Expected));
            (s.Opening + s.Credits - s.Debits + jumps).Should().Be(s.Closing, s.File);
        }
        inbox.Days.SelectMany(d => d.Statements).Count(s => s.Breaks.Count > 0).Should().Be(1, "one running-balance break is planted");
    }

    [Fact]
    public void Each_opening_is_the_last_closing_except_the_planted_opening_break()
    {
        var openingBreaks = inbox.Expected.BusinessDays
            .SelectMany(d => d.Discrepancies.Where(x => x.Category == "BALANCE_BREAK" && x.BankSerial is null && x.AgeDays == 0)
                .Select(x => (x.EscrowAccountNo, x.FirstSeen, Gap: x.BankAmount)))
            .ToList();
        openingBreaks.Should().ContainSingle();
        var lastClosing = new Dictionary<string, Money>(StringComparer.Ordinal);
        int checkedOpenings = 0;
        foreach (ReadDay day in inbox.Days)
        {
            foreach (StatementSummary s in day.Statements)
            {
                if (lastClosing.TryGetValue(s.AccountNo, out Money closing))
                {
                    bool planted = openingBreaks.Contains((s.AccountNo, GeneratedInbox.Iso(day.Date), (s.Opening - closing).Abs().ToString()));
                    if (planted)
                    {
                        s.Opening.Should().NotBe(closing);
                    }
                    else
                    {
                        s.Opening.Should().Be(closing, $"{s.File} opens at the last closing of {s.AccountNo}");
                        checkedOpenings++;
                    }
                }
                lastClosing[s.AccountNo] = s.Closing;
            }
        }
        checkedOpenings.Should().BeGreaterThan(20);
    }

    [Fact]
    public void Running_balance_breaks_are_exactly_the_planted_ones()
    {
        var found = inbox.Days.SelectMany(d => d.Statements.SelectMany(s => s.Breaks.Select(b => (s.AccountNo, b.Serial, Gap: (b.Printed - b.Expected).Abs().ToString()))))
            .OrderBy(x => x.Serial, StringComparer.Ordinal).ToList();
        var planted = inbox.Expected.BusinessDays
            .SelectMany(d => d.Discrepancies.Where(x => x.Category == "BALANCE_BREAK" && x.BankSerial is not null && x.AgeDays == 0))
            .Select(x => (x.EscrowAccountNo, Serial: x.BankSerial!, Gap: x.BankAmount!))
            .OrderBy(x => x.Serial, StringComparer.Ordinal).ToList();

        planted.Should().NotBeEmpty();
        found.Should().Equal(planted);
    }

    [Fact]
    public void Inventory_bank_figures_are_the_statements()
    {
        for (int d = 0; d < inbox.Days.Count; d++)
        {
            foreach (ExpectedInventory row in inbox.Expected.BusinessDays[d].Inventory)
            {
                StatementSummary? s = inbox.Days[d].Statements.SingleOrDefault(x => x.AccountNo == row.EscrowAccountNo);
                if (s is null)
                {
                    row.Status.Should().Be("MISSING_STATEMENT");
                    row.BankClosingBalance.Should().BeNull();
                    row.UnexplainedDifference.Should().BeNull();
                    continue;
                }
                row.BankOpeningBalance.Should().Be(s.Opening.ToString());
                row.BankCredits.Should().Be(s.Credits.ToString());
                row.BankDebits.Should().Be(s.Debits.ToString());
                row.BankClosingBalance.Should().Be(s.Closing.ToString());
            }
        }
    }

    [Fact]
    public void Ledger_balance_is_the_sum_of_the_sub_accounts()
    {
        for (int d = 0; d < inbox.Days.Count; d++)
        {
            foreach (ExpectedInventory row in inbox.Expected.BusinessDays[d].Inventory)
            {
                Money sum = Sum(inbox.Days[d].SubAccounts.Where(x => x.EscrowAccountNo == row.EscrowAccountNo).Select(x => x.Balance));
                row.LedgerBalance.Should().Be(sum.ToString(), $"{row.EscrowAccountNo} on day {d + 1}");
            }
        }
    }

    [Fact]
    public void Sub_accounts_move_by_exactly_the_SUCCESS_entries()
    {
        for (int d = 1; d < inbox.Days.Count; d++)
        {
            var before = inbox.Days[d - 1].SubAccounts.ToDictionary(x => x.SubAccountNo, x => x.Balance, StringComparer.Ordinal);
            var booked = inbox.Days[d].Entries.Where(e => e.IsBooked).GroupBy(e => e.SubAccountNo, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => Sum(g.Select(e => e.Signed)), StringComparer.Ordinal);
            foreach (SubAccountBalance after in inbox.Days[d].SubAccounts)
            {
                (after.Balance - before[after.SubAccountNo]).Should().Be(booked.GetValueOrDefault(after.SubAccountNo), after.SubAccountNo);
            }
        }
    }

    [Fact]
    public void Day_one_opens_with_the_bank_equal_to_the_books()
    {
        ReadDay first = inbox.Days[0];
        foreach (StatementSummary s in first.Statements)
        {
            Money books = Sum(first.SubAccounts.Where(x => x.EscrowAccountNo == s.AccountNo).Select(x => x.Balance));
            Money bookedToday = Sum(first.Entries.Where(e => e.EscrowAccountNo == s.AccountNo && e.IsBooked).Select(e => e.Signed));
            s.Opening.Should().Be(books - bookedToday, $"no open items exist before day 1 ({s.AccountNo})");
        }
    }

    [Fact]
    public void Every_serial_and_entry_id_in_expected_exists_in_the_inbox()
    {
        for (int d = 0; d < inbox.Days.Count; d++)
        {
            ExpectedDay day = inbox.Expected.BusinessDays[d];
            var serials = inbox.Days.Take(d + 1).SelectMany(x => x.Lines).Select(l => (l.AccountNo, l.Serial)).ToHashSet();
            var entries = inbox.Days.Take(d + 1).SelectMany(x => x.Entries).Select(e => (e.EscrowAccountNo, e.EntryId)).ToHashSet();
            foreach (ExpectedDiscrepancy x in day.Discrepancies)
            {
                if (x.BankSerial is not null)
                {
                    serials.Should().Contain((x.EscrowAccountNo, x.BankSerial), x.Category);
                }
                x.LedgerEntryIds.Where(id => !entries.Contains((x.EscrowAccountNo, id))).Should().BeEmpty(x.Category);
                x.LedgerEntryIds.Should().BeInAscendingOrder(StringComparer.Ordinal);
            }
            foreach (ExpectedInTransit t in day.InTransit)
            {
                (t.BankSerial is null ? entries.Contains((t.EscrowAccountNo, t.LedgerEntryId!)) : serials.Contains((t.EscrowAccountNo, t.BankSerial)))
                    .Should().BeTrue($"{t.BankSerial ?? t.LedgerEntryId} is in the inbox");
            }
            foreach (ExpectedMatch m in day.PlantedMatches)
            {
                serials.Should().Contain((m.EscrowAccountNo, m.BankSerial));
                m.LedgerEntryIds.Where(id => !entries.Contains((m.EscrowAccountNo, id))).Should().BeEmpty();
            }
        }
    }

    [Fact]
    public void Every_category_of_DOMAIN_appears_over_the_three_days()
    {
        var categories = inbox.Expected.BusinessDays.SelectMany(d => d.Discrepancies).Select(x => x.Category).ToHashSet();

        categories.Should().BeEquivalentTo(Enum.GetNames<Category>());
    }

    [Fact]
    public void Every_rule_of_the_ladder_makes_pairs()
    {
        var rules = inbox.Expected.BusinessDays.SelectMany(d => d.MatchCounts).Select(c => c.Rule).ToHashSet();

        rules.Should().BeEquivalentTo(Enum.GetNames<MatchRule>().Where(r => r != nameof(MatchRule.MANUAL)), "MANUAL is a person's pairing, not a rung");
    }

    [Fact]
    public void An_item_in_transit_on_day_one_clears_on_day_two_and_another_becomes_overdue()
    {
        ExpectedDay day1 = inbox.Expected.BusinessDays[0], day2 = inbox.Expected.BusinessDays[1];
        var carriedOnDay2 = day2.PlantedMatches.Where(m => m.Rule == "CARRIED").SelectMany(m => m.LedgerEntryIds).ToHashSet();
        var overdueOnDay2 = day2.Discrepancies.Where(x => x.Category == "LEDGER_ONLY").SelectMany(x => x.LedgerEntryIds).ToHashSet();

        day1.InTransit.Should().Contain(t => t.LedgerEntryId != null && carriedOnDay2.Contains(t.LedgerEntryId));
        day1.InTransit.Should().Contain(t => t.LedgerEntryId != null && overdueOnDay2.Contains(t.LedgerEntryId));
        day2.InTransit.Should().NotContain(t => t.FirstSeen == day1.BusinessDate);
    }

    [Fact]
    public void The_late_evening_PAB_deposit_is_in_the_next_days_file()
    {
        ReadDay day2 = inbox.Days[1];
        BankLine late = day2.Lines.Single(l => l.Bank == Bank.PAB && l.TransactionTime?.Date == inbox.Days[0].Date);

        late.BookingDate.Should().Be(day2.Date);
        late.Direction.Should().Be(Direction.IN);
        late.TransactionTime!.Value.TimeOfDay.Should().BeGreaterThan(new LocalTime(23, 0));
        inbox.Expected.BusinessDays[1].PlantedMatches.Should().Contain(m => m.BankSerial == late.Serial && m.Rule == "CARRIED");
    }

    [Fact]
    public void The_CITIC_reversal_names_a_row_of_the_opposite_direction_and_same_amount()
    {
        var all = inbox.Days.SelectMany(d => d.Lines).ToList();
        BankLine reversal = all.Single(l => l.Summary == "冲正");
        BankLine original = all.Single(l => l.AccountNo == reversal.AccountNo && l.Serial == reversal.ReversalOf);

        reversal.Bank.Should().Be(Bank.CITIC);
        original.Direction.Should().NotBe(reversal.Direction);
        original.Amount.Should().Be(reversal.Amount);
    }

    [Fact]
    public void Only_accounts_with_a_planted_break_or_missing_statement_are_not_balanced()
    {
        foreach (ExpectedDay day in inbox.Expected.BusinessDays)
        {
            var broken = day.Discrepancies.Where(x => x.Category == "BALANCE_BREAK").Select(x => x.EscrowAccountNo).ToHashSet();
            foreach (ExpectedInventory row in day.Inventory.Where(r => r.Status != "BALANCED"))
            {
                (row.Status == "MISSING_STATEMENT" || broken.Contains(row.EscrowAccountNo)).Should().BeTrue($"{row.EscrowAccountNo} on {day.BusinessDate}");
            }
            day.Inventory.Should().HaveCount(inbox.Registry.Accounts.Count);
        }
    }

    [Fact]
    public void Exit_codes_follow_the_inventory_and_breaks()
    {
        inbox.Expected.BusinessDays.Select(d => d.ExitCode).Should().Equal(0, 1, 1);
        foreach (ExpectedDay day in inbox.Expected.BusinessDays)
        {
            bool findings = day.Inventory.Any(r => r.Status != "BALANCED") || day.Discrepancies.Any(x => x.Category == "BALANCE_BREAK");
            day.ExitCode.Should().Be(findings ? 1 : 0);
        }
    }

    [Fact]
    public void Expected_json_round_trips_byte_for_byte()
    {
        string path = Path.Combine(inbox.Path, ExpectedJson.FileName);
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.Path);

        ExpectedJson.Write(dir.Sub("again.json"), ExpectedJson.Read(path));

        File.ReadAllBytes(dir.Sub("again.json")).Should().Equal(File.ReadAllBytes(path));
    }

    [Fact]
    public void Expected_lists_are_sorted_as_the_outputs()
    {
        foreach (ExpectedDay day in inbox.Expected.BusinessDays)
        {
            var keys = day.Discrepancies.Select(x => string.Join('|', x.Bank, x.EscrowType, x.EscrowAccountNo, x.Category, x.BankSerial ?? "",
                string.Join(';', x.LedgerEntryIds))).ToList();
            keys.Should().BeInAscendingOrder(StringComparer.Ordinal);
            day.Inventory.Select(x => string.Join('|', x.Bank, x.EscrowType, x.EscrowAccountNo)).Should().BeInAscendingOrder(StringComparer.Ordinal);
        }
    }

    private static Money Sum(IEnumerable<Money> values) => values.Aggregate(Money.Zero, (a, b) => a + b);
}
