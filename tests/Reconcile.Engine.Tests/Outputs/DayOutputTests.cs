using System.Security.Cryptography;
using System.Text.Json;
using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;
using Reconcile.Engine.Outputs;
using Reconcile.Engine.Store;
using Reconcile.Engine.Tests.Pipeline.Fakes;

namespace Reconcile.Engine.Tests.Outputs;

public sealed class DayOutputTests : IDisposable
{
    private readonly OutputFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Nothing_appears_at_the_day_folder_until_published()
    {
        using DayOutput output = DayOutput.Begin(_folder.Path, Build.Day);
        output.WriteCsvs(Build.Day, [Build.Result(Build.Account("A1"))]);

        Directory.Exists(Path.Combine(_folder.Path, "2024-11-06")).Should().BeFalse();
        output.Publish();
        Directory.GetFiles(Path.Combine(_folder.Path, "2024-11-06")).Select(Path.GetFileName)
            .Should().BeEquivalentTo("discrepancies.csv", "in_transit.csv", "matches.csv", "inventory.csv");
    }

    [Fact]
    public void Disposing_an_unpublished_output_removes_its_staging_folder_and_keeps_the_earlier_output()
    {
        using (DayOutput first = DayOutput.Begin(_folder.Path, Build.Day))
        {
            first.WriteCsvs(Build.Day, [Build.Result(Build.Account("A1"))]);
            first.Publish();
        }
        byte[] before = File.ReadAllBytes(Path.Combine(_folder.Path, "2024-11-06", "inventory.csv"));

        using (DayOutput failed = DayOutput.Begin(_folder.Path, Build.Day))
        {
            failed.WriteCsvs(Build.Day, [Build.Result(Build.Account("A2"))]);
        }

        Directory.GetDirectories(_folder.Path).Select(Path.GetFileName).Should().Equal("2024-11-06");
        File.ReadAllBytes(Path.Combine(_folder.Path, "2024-11-06", "inventory.csv")).Should().Equal(before);
    }

    [Fact]
    public void Publishing_replaces_an_earlier_output_of_the_same_day()
    {
        using (DayOutput first = DayOutput.Begin(_folder.Path, Build.Day))
        {
            first.WriteCsvs(Build.Day, [Build.Result(Build.Account("A1"))]);
            File.WriteAllText(Path.Combine(first.StagingDirectory, "stale.txt"), "from the first run");
            first.Publish();
        }
        using (DayOutput second = DayOutput.Begin(_folder.Path, Build.Day))
        {
            second.WriteCsvs(Build.Day, [Build.Result(Build.Account("A2"))]);
            second.Publish();
        }

        string day = Path.Combine(_folder.Path, "2024-11-06");
        File.Exists(Path.Combine(day, "stale.txt")).Should().BeFalse();
        OutputFolder.Lines(Path.Combine(day, "inventory.csv"))[1].Split(',')[3].Should().Be("A2");
        Directory.GetDirectories(_folder.Path).Should().HaveCount(1);
    }

    [Fact]
    public void A_new_output_removes_what_a_killed_run_of_the_same_day_left_beside_it()
    {
        Directory.CreateDirectory(Path.Combine(_folder.Path, ".2024-11-06.partial-dead"));
        Directory.CreateDirectory(Path.Combine(_folder.Path, ".2024-11-06.old-dead"));
        Directory.CreateDirectory(Path.Combine(_folder.Path, ".2024-11-05.partial-other"));

        using (DayOutput output = DayOutput.Begin(_folder.Path, Build.Day))
        {
            output.WriteCsvs(Build.Day, [Build.Result(Build.Account("A1"))]);
            output.Publish();
        }

        Directory.GetDirectories(_folder.Path).Select(Path.GetFileName).Should().BeEquivalentTo("2024-11-06", ".2024-11-05.partial-other");
    }

    [Fact]
    public void Same_results_in_any_order_give_the_same_bytes()
    {
        AccountDayResult a = Build.Result(Build.Account("A1"), [Build.Finding(Category.BANK_ONLY, "A1", "S1", bankAmount: 1m)]);
        AccountDayResult b = Build.Result(Build.Account("B1", Bank.PAB), [Build.Finding(Category.DUPLICATE, "B1", "S9", bank: Bank.PAB, bankAmount: 2m)]);
        string one = Path.Combine(_folder.Path, "one");
        string two = Path.Combine(_folder.Path, "two");
        using (DayOutput o = DayOutput.Begin(one, Build.Day))
        {
            o.WriteCsvs(Build.Day, [a, b]);
            o.Publish();
        }
        using (DayOutput o = DayOutput.Begin(two, Build.Day))
        {
            o.WriteCsvs(Build.Day, [b, a]);
            o.Publish();
        }

        foreach (string name in new[] { "discrepancies.csv", "in_transit.csv", "matches.csv", "inventory.csv" })
        {
            File.ReadAllBytes(Path.Combine(two, "2024-11-06", name)).Should().Equal(File.ReadAllBytes(Path.Combine(one, "2024-11-06", name)), name);
        }
    }

    [Fact]
    public void Manifest_lists_every_file_written_before_it_with_its_sha256()
    {
        using DayOutput output = DayOutput.Begin(_folder.Path, Build.Day);
        output.WriteCsvs(Build.Day, [Build.Result(Build.Account("A1"))]);
        output.WriteSummary(Summary());
        var manifest = new RunManifest("R-1", Build.Day, RunScope.All, 1, true, "abc", "1.0", "memory:test", [new InputFile("accounts.csv", "00", 1)], output.Written);
        output.WriteManifest(manifest);
        output.Publish();

        string day = Path.Combine(_folder.Path, "2024-11-06");
        using JsonDocument json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(day, "manifest.json")));
        var outputs = json.RootElement.GetProperty("outputs").EnumerateArray().ToList();
        outputs.Select(o => o.GetProperty("file").GetString()).Should().Equal("discrepancies.csv", "in_transit.csv", "matches.csv", "inventory.csv", "summary.json");
        foreach (JsonElement o in outputs)
        {
            o.GetProperty("sha256").GetString().Should().Be(DayOutput.Sha256Of(Path.Combine(day, o.GetProperty("file").GetString()!)));
        }
        json.RootElement.GetProperty("inputs")[0].GetProperty("rows").GetInt64().Should().Be(1);
        json.RootElement.GetProperty("run_id").GetString().Should().Be("R-1");
        json.RootElement.GetProperty("store").GetString().Should().Be("memory:test");
    }

    [Fact]
    public void Csv_hashes_are_computed_while_writing_and_equal_the_sha256_of_the_published_bytes()
    {
        // matches.csv larger than the writer's buffer, so its hash covers several flushes.
        MatchRecord[] matches = [.. Enumerable.Range(0, 40_000).Select(i => new MatchRecord("A1", $"S{i:D8}", [$"L{i}", "备注,\"x\""], MatchRule.BATCH, Build.Yuan(-i)))];
        AccountDayResult result = Build.Result(
            Build.Account("A1"),
            [Build.Finding(Category.BANK_ONLY, "A1", "S1", bankAmount: 1m, detail: "=中文, \"quoted\"")],
            matches: matches);
        using DayOutput output = DayOutput.Begin(_folder.Path, Build.Day);
        output.WriteCsvs(Build.Day, [result]);
        output.Publish();

        string day = Path.Combine(_folder.Path, "2024-11-06");
        new FileInfo(Path.Combine(day, "matches.csv")).Length.Should().BeGreaterThan(1 << 20);
        output.Written.Should().HaveCount(4);
        foreach (OutputFile f in output.Written)
        {
            f.Sha256.Should().Be(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(day, f.Name)))), f.Name);
        }
        output.Written.Select(f => f.Rows).Should().Equal(1, 0, 40_000, 1);
    }

    private static RunSummary Summary()
    {
        var results = new[] { Build.Result(Build.Account("A1")) };
        var (partitions, totals) = RunSummary.Figures([new PartitionCounts(Bank.CEB, EscrowType.SECOND_HAND, 1, 0, 0, 0)], results);
        return new RunSummary(Build.Day, "R-1", true, RunScope.All, 1, partitions, totals, 5, new PhaseTimings(1, 1, 1, 1, 1));
    }
}
