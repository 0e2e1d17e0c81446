using System.Text.Json;
using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;
using Reconcile.Engine.Outputs;
using Reconcile.Engine.Store;
using Reconcile.Engine.Tests.Pipeline.Fakes;

namespace Reconcile.Engine.Tests.Outputs;

public sealed class SummaryTests : IDisposable
{
    private readonly OutputFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Figures_count_per_partition_and_in_total()
    {
        EscrowAccount a = Build.Account("A1");
        EscrowAccount b = Build.Account("B1", Bank.PAB);
        var unbalanced = Build.Balanced(b, 5m) with { Unexplained = Build.Yuan(1m), Status = InventoryStatus.UNBALANCED };
        AccountDayResult[] results =
        [
            Build.Result(a, [Build.Finding(Category.BANK_ONLY, "A1", "S1"), Build.Finding(Category.BANK_ONLY, "A1", "S2")],
                inTransit: [OpenItem.Of(Build.Line("A1", "S3", Direction.IN, 1m), Build.Day)],
                matches: [new MatchRecord("A1", "S4", ["L1"], MatchRule.BANK_SERIAL, Build.Yuan(1m))]),
            Build.Result(b, [Build.Finding(Category.BALANCE_BREAK, "B1", "P1", bank: Bank.PAB, direction: null)], inventory: unbalanced),
        ];
        PartitionCounts[] counts =
        [
            new(Bank.PAB, EscrowType.SECOND_HAND, 1, 0, 2, 0),
            new(Bank.CEB, EscrowType.SECOND_HAND, 1, 4, 3, 1),
        ];

        var (partitions, totals) = RunSummary.Figures(counts, results);

        partitions.Select(p => p.Bank).Should().Equal(Bank.CEB, Bank.PAB);
        PartitionSummary ceb = partitions[0];
        ceb.Discrepancies[Category.BANK_ONLY].Should().Be(2);
        ceb.InTransit.Should().Be(1);
        ceb.Pairs.Should().Be(1);
        ceb.AutoMatchRate.Should().Be(0.25);
        ceb.HasFindings.Should().BeFalse();
        partitions[1].AutoMatchRate.Should().BeNull();
        partitions[1].UnbalancedAccounts.Should().Be(1);
        partitions[1].BalanceBreaks.Should().Be(1);
        totals.Accounts.Should().Be(2);
        totals.DiscrepancyTotal.Should().Be(3);
        totals.LedgerEntries.Should().Be(5);
        totals.HasFindings.Should().BeTrue();
    }

    [Fact]
    public void Summary_json_has_partitions_totals_elapsed_and_phase_times()
    {
        AccountDayResult[] results = [Build.Result(Build.Account("A1"), [Build.Finding(Category.DUPLICATE, "A1", "S1")])];
        var (partitions, totals) = RunSummary.Figures([new PartitionCounts(Bank.CEB, EscrowType.SECOND_HAND, 1, 3, 3, 2)], results);
        var summary = new RunSummary(Build.Day, "R-20241106-abc", true, new RunScope(Bank.CEB, null), 1, partitions, totals, 1234, new PhaseTimings(10, 20, 30, 40, 50));
        string path = _folder.File("summary.json");
        SummaryJson.Write(path, summary);

        using JsonDocument json = JsonDocument.Parse(File.ReadAllBytes(path));
        JsonElement root = json.RootElement;
        root.GetProperty("business_date").GetString().Should().Be("2024-11-06");
        root.GetProperty("scope").GetProperty("bank").GetString().Should().Be("CEB");
        root.GetProperty("scope").GetProperty("escrow_type").ValueKind.Should().Be(JsonValueKind.Null);
        root.GetProperty("exit_code").GetInt32().Should().Be(0);
        root.GetProperty("elapsed_ms").GetInt64().Should().Be(1234);
        root.GetProperty("phases_ms").EnumerateObject().Select(p => (p.Name, p.Value.GetInt64()))
            .Should().Equal(("read", 10L), ("match", 20L), ("proof", 30L), ("store", 40L), ("write", 50L));
        JsonElement p = root.GetProperty("partitions")[0];
        p.GetProperty("bank").GetString().Should().Be("CEB");
        p.GetProperty("auto_match_rate").GetDouble().Should().Be(0.6667);
        p.GetProperty("discrepancies").GetProperty("DUPLICATE").GetInt32().Should().Be(1);
        p.GetProperty("discrepancies").EnumerateObject().Should().HaveCount(Enum.GetValues<Category>().Length);
        root.GetProperty("totals").GetProperty("discrepancies_total").GetInt32().Should().Be(1);
    }
}
