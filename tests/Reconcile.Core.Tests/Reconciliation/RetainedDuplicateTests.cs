using NodaTime;
using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;

namespace Reconcile.Core.Tests.Reconciliation;

/// <summary>A serial or payment ref the account matched on an earlier day, seen again on a later day (RULES.md "Duplicates across days").</summary>
public class RetainedDuplicateTests
{
    [Fact]
    public void A_serial_matched_on_an_earlier_day_and_sent_again_is_DUPLICATE_counted_bank_side()
    {
        AccountDayResult day1 = Day.Run(Days.D1, [Lines.In("S1", 100m)], [Entries.Deposit("L1", 100m, bankSerial: "S1")], ledgerBalance: 100m);

        AccountDayResult day3 = Run(Days.D3, [Lines.In("S1", 100m, on: Days.D3)], [], day1, opening: 100m, ledgerBalance: 100m);

        Discrepancy duplicate = day3.Single(Category.DUPLICATE);
        duplicate.BankSerial.Should().Be("S1");
        duplicate.Detail.Should().StartWith("bank serial S1 was matched on 2024-11-06 and is sent again (statement.csv:2)");
        duplicate.Effect.Should().Be(ProofEffect.BankSide(Direction.IN, Day.Yuan(100m)));
        duplicate.Id.Should().Be(DiscrepancyId.For(Category.DUPLICATE, Accounts.No, "S1", [], "AGAIN:2024-11-08"));
        duplicate.FirstSeen.Should().Be(Days.D3);
        day3.InTransit.Should().BeEmpty();
        day3.Next.OpenItems.Should().BeEmpty("the duplicate left the pool");
        day3.Inventory.Status.Should().Be(InventoryStatus.BALANCED);
        day3.Inventory.BankInNotLedger.Should().Be(Day.Yuan(100m));
    }

    [Fact]
    public void A_serial_sent_again_is_DUPLICATE_even_when_an_entry_names_it_again_and_that_entry_stays_open()
    {
        AccountDayResult day1 = Day.Run(Days.D1, [Lines.In("S1", 100m)], [Entries.Deposit("L1", 100m, bankSerial: "S1")], ledgerBalance: 100m);

        AccountDayResult day3 = Run(Days.D3, [Lines.In("S1", 100m, on: Days.D3)], [Entries.Deposit("L2", 100m, bankSerial: "S1", on: Days.D3)], day1, opening: 100m, ledgerBalance: 200m);

        day3.Single(Category.DUPLICATE).BankSerial.Should().Be("S1");
        day3.Matches.Should().BeEmpty();
        day3.InTransit.Should().ContainSingle().Which.Entry!.EntryId.Should().Be("L2");
        day3.Inventory.Status.Should().Be(InventoryStatus.BALANCED);
    }

    [Fact]
    public void Lines_out_of_serial_order_are_checked_too()
    {
        AccountDayResult day1 = Day.Run(Days.D1, [Lines.In("S1", 100m)], [Entries.Deposit("L1", 100m, bankSerial: "S1")], ledgerBalance: 100m);

        AccountDayResult day3 = Run(
            Days.D3,
            [Lines.In("S5", 7m, on: Days.D3), Lines.In("S1", 100m, on: Days.D3), Lines.In("S1", 100m, on: Days.D3)],
            [Entries.Deposit("L5", 7m, bankSerial: "S5", on: Days.D3)],
            day1,
            opening: 100m,
            ledgerBalance: 107m);

        var duplicates = day3.Of(Category.DUPLICATE).ToList();
        duplicates.Should().HaveCount(2).And.OnlyContain(d => d.BankSerial == "S1");
        duplicates.Select(d => d.Id).Should().OnlyHaveUniqueItems();
        duplicates.Should().ContainSingle(d => d.Detail.Contains("matched on 2024-11-06", StringComparison.Ordinal));
        duplicates.Should().ContainSingle(d => d.Detail.Contains("appears a 2nd time", StringComparison.Ordinal));
        day3.MatchOf("S5").Rule.Should().Be(MatchRule.BANK_SERIAL);
        day3.Inventory.Status.Should().Be(InventoryStatus.BALANCED);
    }

    [Fact]
    public void A_serial_matched_before_the_retention_window_is_no_longer_a_duplicate()
    {
        AccountDayResult day1 = Day.Run(Days.D1, [Lines.In("S1", 100m)], [Entries.Deposit("L1", 100m, bankSerial: "S1")], ledgerBalance: 100m);

        AccountDayResult day3 = Run(Days.D3, [Lines.In("S1", 100m, on: Days.D3)], [], day1, opening: 100m, ledgerBalance: 100m, retentionDays: 1);

        day3.Of(Category.DUPLICATE).Should().BeEmpty();
        day3.InTransit.Should().ContainSingle().Which.BankLine!.Serial.Should().Be("S1");
    }

    [Fact]
    public void Keys_of_the_business_day_itself_or_of_later_days_are_not_earlier_days()
    {
        AccountDayResult day3 = Day.Run(Days.D3, [Lines.In("S1", 100m, on: Days.D3)], [Entries.Deposit("L1", 100m, bankSerial: "S1", on: Days.D3)], ledgerBalance: 100m);
        var retained = RetainedKeys.Of([(Days.D3, day3.Matched!), (Days.D3.PlusDays(2), day3.Matched!)]);

        AccountDayResult rerun = AccountReconciler.Reconcile(
            Day.Input(Days.D3, [Lines.In("S1", 100m, on: Days.D3)], [Entries.Deposit("L1", 100m, bankSerial: "S1", on: Days.D3)], ledgerBalance: 100m) with { Retained = retained });

        rerun.Discrepancies.Should().BeEmpty();
        rerun.MatchOf("S1").Rule.Should().Be(MatchRule.BANK_SERIAL);
    }

    [Fact]
    public void A_payment_ref_paid_on_an_earlier_day_that_no_entry_claims_again_is_a_likely_double_payment()
    {
        AccountDayResult day1 = Day.Run(Days.D1, [Lines.Out("S1", 100m, paymentRef: "PAY1")], [Entries.Withdrawal("L1", 100m, paymentRef: "PAY1")], opening: 1000m, ledgerBalance: 900m);

        AccountDayResult day3 = Run(Days.D3, [Lines.Out("S9", 100m, on: Days.D3, paymentRef: "PAY1")], [], day1, opening: 900m, ledgerBalance: 900m);

        Discrepancy duplicate = day3.Single(Category.DUPLICATE);
        duplicate.BankSerial.Should().Be("S9");
        duplicate.Detail.Should().Contain("payment ref PAY1 was paid on 2024-11-06").And.Contain("likely double payment");
        duplicate.Id.Should().Be(DiscrepancyId.For(Category.DUPLICATE, Accounts.No, "S9", [], "REF:PAY1"));
        duplicate.Effect.Should().Be(ProofEffect.BankSide(Direction.OUT, Day.Yuan(100m)));
        day3.Inventory.Status.Should().Be(InventoryStatus.BALANCED);
    }

    [Fact]
    public void A_payment_ref_an_entry_claims_again_pairs_as_an_instalment()
    {
        AccountDayResult day1 = Day.Run(Days.D1, [Lines.Out("S1", 60m, paymentRef: "PAY1")], [Entries.Withdrawal("L1", 60m, paymentRef: "PAY1")], opening: 1000m, ledgerBalance: 940m);

        AccountDayResult day3 = Run(
            Days.D3, [Lines.Out("S9", 40m, on: Days.D3, paymentRef: "PAY1")], [Entries.Withdrawal("L2", 40m, paymentRef: "PAY1", on: Days.D3)], day1, opening: 940m, ledgerBalance: 900m);

        day3.Discrepancies.Should().BeEmpty();
        day3.MatchOf("S9").Rule.Should().Be(MatchRule.PAYMENT_REF);
        day3.MatchOf("S9").LedgerEntryIds.Should().Equal("L2");
    }

    [Fact]
    public void A_line_sent_again_and_reversed_by_the_bank_the_same_day_is_no_duplicate()
    {
        AccountDayResult day1 = Day.Run(Days.D1, [Lines.In("S1", 100m)], [Entries.Deposit("L1", 100m, bankSerial: "S1")], ledgerBalance: 100m);

        AccountDayResult day3 = Run(
            Days.D3, [Lines.In("S1", 100m, on: Days.D3), Lines.Reversal("R1", Direction.OUT, 100m, "S1", on: Days.D3)], [], day1, opening: 100m, ledgerBalance: 100m);

        day3.Discrepancies.Should().BeEmpty();
        day3.MatchOf("S1").Rule.Should().Be(MatchRule.REVERSAL);
        day3.Inventory.Status.Should().Be(InventoryStatus.BALANCED);
    }

    [Fact]
    public void The_result_carries_the_hashes_of_the_serials_and_refs_matched_that_day()
    {
        AccountDayResult day1 = Day.Run(
            Days.D1,
            [Lines.Out("S1", 100m, paymentRef: "PAY1"), Lines.In("S2", 5m), Lines.In("S3", 9m)],
            [Entries.Withdrawal("L1", 100m, paymentRef: "PAY1"), Entries.Deposit("L3", 9m, bankSerial: "S3", paymentRef: "PAY3")],
            opening: 1000m,
            ledgerBalance: 909m);

        day1.Matched!.Hashes.Should().BeEquivalentTo(
            [KeyHash.Serial("S1"), KeyHash.PaymentRef("PAY1"), KeyHash.Serial("S3"), KeyHash.PaymentRef("PAY3")]);
        day1.Matched.Contains(KeyHash.Serial("S2")).Should().BeFalse("S2 is in transit, not matched");
        day1.Matched.Hashes.Should().BeInAscendingOrder();
    }

    [Fact]
    public void Key_hashes_are_stable_and_keep_serials_and_refs_apart()
    {
        // XxHash64 (seed 0) of the UTF-8 bytes of "S:C241106000112": pinned, since stores keep these values for 400 days.
        KeyHash.Serial("C241106000112").Should().Be(System.IO.Hashing.XxHash64.HashToUInt64("S:C241106000112"u8));
        KeyHash.Serial("PAY1").Should().NotBe(KeyHash.PaymentRef("PAY1"));
        KeyHash.Serial("流水号" + new string('9', 300)).Should().Be(System.IO.Hashing.XxHash64.HashToUInt64(System.Text.Encoding.UTF8.GetBytes("S:流水号" + new string('9', 300))));
    }

    [Fact]
    public void Matched_keys_read_back_from_their_bytes_and_refuse_bytes_that_are_not_sorted_hashes()
    {
        MatchedKeys keys = MatchedKeys.Of([5UL, 1UL, ulong.MaxValue, 5UL]);

        keys.Hashes.Should().Equal(1UL, 5UL, ulong.MaxValue);
        MatchedKeys.FromBytes(keys.ToBytes()).Hashes.Should().Equal(1UL, 5UL, ulong.MaxValue);
        Action unsorted = () => MatchedKeys.FromBytes(MatchedKeys.Of([1UL]).ToBytes().Concat(MatchedKeys.Of([1UL]).ToBytes()).ToArray());
        unsorted.Should().Throw<FormatException>();
        Action ragged = () => MatchedKeys.FromBytes(new byte[7]);
        ragged.Should().Throw<FormatException>();
    }

    [Fact]
    public void Retained_keys_name_the_latest_day_a_key_was_matched_on()
    {
        var retained = RetainedKeys.Of([(Days.D1, MatchedKeys.Of([1UL, 2UL])), (Days.D2, MatchedKeys.Of([2UL, 3UL]))]);

        retained.Count.Should().Be(4, "each day keeps its own keys");
        retained.TryFind(2UL, out LocalDate day).Should().BeTrue();
        day.Should().Be(Days.D2);
        retained.TryFind(1UL, out day).Should().BeTrue();
        day.Should().Be(Days.D1);
        retained.TryFind(4UL, out _).Should().BeFalse();
    }

    [Fact]
    public void Retained_keys_of_many_days_answer_each_query_with_its_latest_day_inside_the_window()
    {
        var random = new Random(7);
        var days = Enumerable.Range(0, 7)
            .Select(d => (Day: Days.D1.PlusDays(d), Keys: MatchedKeys.Of(Enumerable.Range(0, 50 + d).Select(_ => (ulong)random.Next(0, 200)).ToArray())))
            .ToList();
        var expected = days.SelectMany(d => d.Keys.Hashes.Select(h => (Hash: h, d.Day)))
            .GroupBy(x => x.Hash)
            .ToDictionary(g => g.Key, g => g.Max(x => x.Day));

        RetainedKeys retained = RetainedKeys.Of(days);
        ulong[] queries = Enumerable.Range(0, 220).Select(i => (ulong)i).ToArray();
        int[] latest = new int[queries.Length];
        retained.FindLatest(queries, Days.D1.ToDateOnly().DayNumber, Days.D1.PlusDays(5).ToDateOnly().DayNumber, latest);

        foreach (ulong hash in queries)
        {
            retained.TryFind(hash, out LocalDate day).Should().Be(expected.ContainsKey(hash));
            if (expected.TryGetValue(hash, out LocalDate last))
            {
                day.Should().Be(last);
            }
            var inWindow = days.Where(d => d.Day < Days.D1.PlusDays(5) && d.Keys.Contains(hash)).Select(d => d.Day).ToList();
            latest[(int)hash].Should().Be(inWindow.Count == 0 ? 0 : inWindow.Max().ToDateOnly().DayNumber, $"query {hash}");
        }
    }

    [Fact]
    public void Looking_up_few_queries_in_long_days_finds_exactly_the_keys_there()
    {
        var random = new Random(11);
        ulong[][] keys = Enumerable.Range(0, 3).Select(_ => Enumerable.Range(0, 20_000).Select(_ => (ulong)random.NextInt64()).ToArray()).ToArray();
        var retained = RetainedKeys.Of(keys.Select((k, d) => (Days.D1.PlusDays(d), MatchedKeys.Of([.. k]))));
        ulong[] queries = keys.SelectMany(k => k.Take(500)).Concat(Enumerable.Range(0, 1500).Select(_ => (ulong)random.NextInt64())).Distinct().Order().ToArray();
        int[] latest = new int[queries.Length];

        retained.FindLatest(queries, 0, int.MaxValue, latest);

        var inDay = keys.Select(k => k.ToHashSet()).ToArray();
        for (int q = 0; q < queries.Length; q++)
        {
            int expected = Enumerable.Range(0, 3).Reverse().Where(d => inDay[d].Contains(queries[q])).Select(d => Days.D1.PlusDays(d).ToDateOnly().DayNumber).FirstOrDefault();
            latest[q].Should().Be(expected);
        }
    }

    private static AccountDayResult Run(
        LocalDate date,
        IEnumerable<BankLine> lines,
        IEnumerable<LedgerEntry> entries,
        AccountDayResult earlier,
        decimal opening,
        decimal ledgerBalance,
        int retentionDays = ReconcileOptions.DefaultRetentionDays)
    {
        AccountDayInput input = Day.Input(date, lines, entries, earlier.Next, opening, ledgerBalance);
        return AccountReconciler.Reconcile(input with
        {
            Options = input.Options with { RetentionDays = retentionDays },
            Retained = RetainedKeys.Of([(earlier.BusinessDate, earlier.Matched!)]),
        });
    }
}
