using NodaTime;
using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;
using Reconcile.Engine.Outputs;
using Reconcile.Engine.Store;
using Reconcile.Engine.Tests.Pipeline.Fakes;

namespace Reconcile.Engine.Tests.Outputs;

/// <summary>
/// A subset re-run writes the day's files with every partition: its own rows, and the other partitions' rows as the
/// day's published folder has them, verified against that folder's manifest.json.
/// </summary>
public sealed class EarlierDayFolderTests : IDisposable
{
    private static readonly string[] Csvs = [DayOutput.Discrepancies, DayOutput.InTransit, DayOutput.Matches, DayOutput.Inventory];
    private static readonly RunScope CebOnly = new(Bank.CEB, null);
    private readonly OutputFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Day => Path.Combine(_folder.Path, "2024-11-06");

    [Fact]
    public void A_subset_rewrite_with_the_same_results_gives_the_bytes_of_the_full_write()
    {
        Publish(Results(cebDetail: "first"), RunScope.All, null, "R-full");
        var full = Bytes();

        EarlierDayFolder earlier = EarlierDayFolder.Open(Day, Build.Day, 1, CebOnly)!;
        Publish(Results(cebDetail: "first").Where(r => r.Account.Bank == Bank.CEB).ToList(), CebOnly, earlier, "R-ceb");

        foreach (string name in Csvs)
        {
            File.ReadAllBytes(Path.Combine(Day, name)).Should().Equal(full[name], name);
        }
        earlier.Kept.Select(k => (k.Bank, k.Type, k.RunId)).Should().Equal(
            (Bank.CITIC, EscrowType.RENOVATION, "R-full"),
            (Bank.PAB, EscrowType.SECOND_HAND, "R-full"));
    }

    [Fact]
    public void A_subset_rewrite_replaces_the_rows_of_its_partitions_and_keeps_the_others_in_order()
    {
        Publish(Results(cebDetail: "first"), RunScope.All, null, "R-full");
        string[] before = OutputFolder.Lines(Path.Combine(Day, DayOutput.Discrepancies));

        EarlierDayFolder earlier = EarlierDayFolder.Open(Day, Build.Day, 1, CebOnly)!;
        Publish(Results(cebDetail: "corrected").Where(r => r.Account.Bank == Bank.CEB).ToList(), CebOnly, earlier, "R-ceb");

        string[] after = OutputFolder.Lines(Path.Combine(Day, DayOutput.Discrepancies));
        after.Should().HaveSameCount(before);
        after.Where(l => l.Contains(",CEB,", StringComparison.Ordinal)).Should().ContainSingle().Which.Should().EndWith(",corrected");
        after.Where(l => !l.Contains(",CEB,", StringComparison.Ordinal)).Should().Equal(before.Where(l => !l.Contains(",CEB,", StringComparison.Ordinal)));
        string text = string.Join("\n", after);
        text.IndexOf(",CEB,", StringComparison.Ordinal).Should().BeLessThan(text.IndexOf(",CITIC,", StringComparison.Ordinal));
        text.IndexOf(",CITIC,", StringComparison.Ordinal).Should().BeLessThan(text.IndexOf(",PAB,", StringComparison.Ordinal));
        OutputFolder.Lines(Path.Combine(Day, DayOutput.Matches)).Skip(1).Select(l => l.Split(',')[0])
            .Should().Equal("\"'-7\"", "38450188000123456", "8110701234500000");
    }

    [Fact]
    public void The_partitions_kept_remember_the_run_that_wrote_them_across_several_subset_reruns()
    {
        Publish(Results(cebDetail: "first"), RunScope.All, null, "R-full");
        Publish(Results(cebDetail: "second").Where(r => r.Account.Bank == Bank.CEB).ToList(), CebOnly, EarlierDayFolder.Open(Day, Build.Day, 1, CebOnly), "R-ceb");
        var pab = new RunScope(Bank.PAB, EscrowType.SECOND_HAND);

        EarlierDayFolder earlier = EarlierDayFolder.Open(Day, Build.Day, 1, pab)!;

        earlier.Kept.Select(k => (k.Bank, k.RunId)).Should().Equal((Bank.CEB, "R-ceb"), (Bank.CITIC, "R-full"));
        earlier.KeptSummaries.Select(p => p.Bank).Should().Equal(Bank.CEB, Bank.CITIC);
    }

    [Fact]
    public void A_kept_file_changed_after_it_was_written_is_refused_naming_it_and_the_folder_stays_as_it_was()
    {
        Publish(Results(cebDetail: "first"), RunScope.All, null, "R-full");
        string path = Path.Combine(Day, DayOutput.InTransit);
        File.WriteAllBytes(path, [.. File.ReadAllBytes(path), .. "x,2024-11-06,PAB,SECOND_HAND\r\n"u8.ToArray()]);
        byte[] edited = File.ReadAllBytes(path);
        EarlierDayFolder earlier = EarlierDayFolder.Open(Day, Build.Day, 1, CebOnly)!;

        using DayOutput output = DayOutput.Begin(_folder.Path, Build.Day);
        Action write = () => output.WriteCsvs(Build.Day, Results(cebDetail: "x").Where(r => r.Account.Bank == Bank.CEB).ToList(), earlier);

        InputException error = write.Should().Throw<InputException>().Which;
        error.File.Should().Be(path);
        error.Message.Should().Contain("manifest.json says").And.Contain("run the whole day");
        output.Dispose();
        File.ReadAllBytes(path).Should().Equal(edited);
        Directory.GetDirectories(_folder.Path).Select(Path.GetFileName).Should().Equal("2024-11-06");
    }

    [Fact]
    public void A_changed_summary_or_a_missing_manifest_is_refused_before_anything_is_run()
    {
        Publish(Results(cebDetail: "first"), RunScope.All, null, "R-full");
        File.AppendAllText(Path.Combine(Day, DayOutput.Summary), " ");

        Action open = () => EarlierDayFolder.Open(Day, Build.Day, 1, CebOnly);

        open.Should().Throw<InputException>().Which.File.Should().EndWith(DayOutput.Summary);
        File.Delete(Path.Combine(Day, DayOutput.Manifest));
        open.Should().Throw<InputException>().Which.Message.Should().Contain("no manifest.json");
    }

    [Fact]
    public void A_folder_written_with_another_timing_window_is_refused()
    {
        Publish(Results(cebDetail: "first"), RunScope.All, null, "R-full");

        Action open = () => EarlierDayFolder.Open(Day, Build.Day, 2, CebOnly);

        open.Should().Throw<InputException>().Which.Message.Should().Contain("--window 1").And.Contain("--window 2");
    }

    [Fact]
    public void Nothing_is_kept_without_a_folder_or_for_a_run_of_every_partition()
    {
        EarlierDayFolder.Open(Day, Build.Day, 1, CebOnly).Should().BeNull();
        Publish(Results(cebDetail: "first"), RunScope.All, null, "R-full");
        File.Delete(Path.Combine(Day, DayOutput.Manifest));

        EarlierDayFolder.Open(Day, Build.Day, 1, RunScope.All).Should().BeNull("a full run reads nothing back");
    }

    [Fact]
    public void Kept_cells_are_read_back_as_written_quoted_doubled_and_guarded()
    {
        byte[] record = "a,\"b,\"\"c\"\"\r\nd\",\"'=x\",\"'q\",e\r\n"u8.ToArray();

        new[] { 0, 1, 2, 3, 4 }.Select(i => KeptCsv.Cell(record, i)).Should().Equal("a", "b,\"c\"\r\nd", "=x", "'q", "e");
    }

    /// <summary>Three partitions; the PAB account's detail needs quoting over two lines and its number a formula guard.</summary>
    private static List<AccountDayResult> Results(string cebDetail)
    {
        EscrowAccount ceb = Build.Account("38450188000123456", Bank.CEB, EscrowType.SECOND_HAND);
        EscrowAccount citic = Build.Account("8110701234500000", Bank.CITIC, EscrowType.RENOVATION);
        EscrowAccount pab = Build.Account("-7", Bank.PAB, EscrowType.SECOND_HAND);
        return
        [
            Build.Result(
                ceb,
                discrepancies: [Build.Finding(Category.BANK_ONLY, ceb.AccountNo, "C1", bank: Bank.CEB, bankAmount: 5m, detail: cebDetail)],
                matches: [new MatchRecord(ceb.AccountNo, "C2", ["L1"], MatchRule.BANK_SERIAL, Build.Yuan(9m))]),
            Build.Result(
                citic,
                discrepancies: [Build.Finding(Category.AMBIGUOUS, citic.AccountNo, "S1", ["L7", "L8"], Bank.CITIC, EscrowType.RENOVATION, bankAmount: 1m, detail: "choose one")],
                inTransit: [OpenItem.Of(Build.Line(citic.AccountNo, "S9", Direction.IN, 3m, Bank.CITIC), Build.Day)],
                matches: [new MatchRecord(citic.AccountNo, "S2", [], MatchRule.REVERSAL, Build.Yuan(2m))]),
            Build.Result(
                pab,
                discrepancies: [Build.Finding(Category.DUPLICATE, pab.AccountNo, "P1", bank: Bank.PAB, bankAmount: 4m, detail: "memo \"x\", then\r\n=SUM(A1)")],
                inTransit: [OpenItem.Of(Build.Line(pab.AccountNo, "P9", Direction.OUT, 6m, Bank.PAB), Build.Day)],
                matches: [new MatchRecord(pab.AccountNo, "P2", ["L3", "L4"], MatchRule.BATCH, Build.Yuan(1m))]),
        ];
    }

    private void Publish(IReadOnlyList<AccountDayResult> results, RunScope scope, EarlierDayFolder? earlier, string runId)
    {
        using DayOutput output = DayOutput.Begin(_folder.Path, Build.Day);
        output.WriteCsvs(Build.Day, results, earlier);
        var counts = results.GroupBy(r => (r.Account.Bank, r.Account.Type))
            .Select(g => new PartitionCounts(g.Key.Bank, g.Key.Type, g.Count(), 10, 10, 5))
            .ToList();
        var (partitions, totals) = RunSummary.Figures(counts, results);
        if (earlier is not null)
        {
            (partitions, totals) = RunSummary.Merge(partitions, earlier.KeptSummaries);
        }
        output.WriteSummary(new RunSummary(Build.Day, runId, true, scope, 1, partitions, totals, 1, new PhaseTimings(0, 0, 0, 0, 0)));
        output.WriteManifest(new RunManifest(
            runId, Build.Day, scope, 1, true, "h-" + runId, "test", "sqlite:test", [], output.Written, Kept: earlier?.Kept ?? []));
        output.Publish();
    }

    private Dictionary<string, byte[]> Bytes() => Csvs.ToDictionary(n => n, n => File.ReadAllBytes(Path.Combine(Day, n)));
}
