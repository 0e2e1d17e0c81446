using System.Text.Json;

namespace Reconcile.Cli.Tests.Run;

/// <summary>
/// `run --bank B --type T` re-runs those partitions and rewrites the day's folder with every partition in it: the
/// others as the last run of the day left them, so the folder always shows the whole day.
/// </summary>
public sealed class SubsetRerunTests : IDisposable
{
    private const string Day = ExampleInbox.Day;
    private readonly RunWorkspace _ws = new();

    public SubsetRerunTests() => ExampleInbox.Write(_ws.Inbox);

    public void Dispose() => _ws.Dispose();

    [Theory]
    [InlineData("--bank", "CITIC")]
    [InlineData("--type", "SECOND_HAND")]
    public void A_subset_rerun_with_unchanged_inputs_writes_the_bytes_of_the_full_run(string option, string value)
    {
        _ws.Run(Day).Should().Be(ExitCodes.Ok);
        var full = _ws.Csvs(Day);
        using JsonDocument fullSummary = _ws.Json(Day, "summary.json");
        string fullRun = fullSummary.RootElement.GetProperty("run_id").GetString()!;
        Dictionary<string, string> fullHashes;
        using (JsonDocument fullManifest = _ws.Json(Day, "manifest.json"))
        {
            fullHashes = HashesOf(fullManifest);
        }

        _ws.Run(Day, option, value).Should().Be(ExitCodes.Ok);

        _ws.Csvs(Day).Keys.Should().BeEquivalentTo(full.Keys);
        foreach (var (name, bytes) in full)
        {
            _ws.Csvs(Day)[name].Should().Equal(bytes, name);
        }
        using JsonDocument summary = _ws.Json(Day, "summary.json");
        foreach (string key in new[] { "partitions", "totals", "status", "exit_code" })
        {
            summary.RootElement.GetProperty(key).GetRawText().Should().Be(fullSummary.RootElement.GetProperty(key).GetRawText(), key);
        }
        using JsonDocument manifest = _ws.Json(Day, "manifest.json");
        manifest.RootElement.GetProperty("kept_partitions").EnumerateArray()
            .Should().OnlyContain(k => k.GetProperty("run_id").GetString() == fullRun)
            .And.NotContain(k => k.GetProperty(option == "--bank" ? "bank" : "escrow_type").GetString() == value);
        HashesOf(manifest).Should().BeEquivalentTo(fullHashes);
    }

    [Fact]
    public void On_a_generated_sample_each_days_subset_reruns_after_the_last_day_give_the_full_runs_bytes()
    {
        string inbox = Path.Combine(_ws.Root, "generated");
        Reconcile.Samples.SampleGenerator.Generate(new Reconcile.Samples.SampleOptions(inbox, new NodaTime.LocalDate(2024, 11, 6), Days: 3, Seed: 3));
        string[] days = ["2024-11-06", "2024-11-07", "2024-11-08"];
        var full = new Dictionary<string, Dictionary<string, byte[]>>();
        var exits = new Dictionary<string, int>();
        foreach (string day in days)
        {
            exits[day] = Run(inbox, day);
            full[day] = _ws.Csvs(day);
        }

        foreach (string day in days)
        {
            foreach (string[] scope in new[] { new[] { "--bank", "CITIC" }, ["--type", "RENOVATION"], ["--bank", "PAB", "--type", "SECOND_HAND"] })
            {
                Run(inbox, day, scope).Should().Be(exits[day], $"{day} {string.Join(' ', scope)}: the exit code of the whole day");
                foreach (var (name, bytes) in full[day])
                {
                    _ws.Csvs(day)[name].Should().Equal(bytes, $"{day}/{name} after {string.Join(' ', scope)}");
                }
            }
        }
    }

    [Fact]
    public void A_subset_rerun_with_a_corrected_ledger_changes_its_rows_and_keeps_the_other_partitions_byte_for_byte()
    {
        // The first ledger export lacks the CEB deposit: its bank line is in transit and CEB does not balance.
        string ledger = _ws.InboxFile($"{Day}/ledger.csv");
        string corrected = File.ReadAllText(ledger);
        File.WriteAllLines(ledger, File.ReadAllLines(ledger).Where(l => !l.StartsWith("L000001,", StringComparison.Ordinal)));
        _ws.Run(Day).Should().Be(ExitCodes.Findings);
        var before = _ws.Csvs(Day);
        _ws.Rows(Day, "in_transit.csv").Should().Contain(r => r[9] == "C241106000112");
        string[][] otherInventory = _ws.Rows(Day, "inventory.csv").Where(r => r[1] != "CEB").ToArray();
        string firstRun = RunId();

        File.WriteAllText(ledger, corrected);
        int exit = _ws.Run(Day, "--bank", "CEB");

        exit.Should().Be(ExitCodes.Ok, "every account of the day now balances");
        _ws.Rows(Day, "inventory.csv").Select(r => r[1]).Should().Equal("CEB", "CITIC", "PAB");
        _ws.Rows(Day, "inventory.csv").Single(r => r[1] == "CEB")[16].Should().Be("BALANCED");
        _ws.Rows(Day, "inventory.csv").Where(r => r[1] != "CEB").Should().BeEquivalentTo(otherInventory, o => o.WithStrictOrdering());
        _ws.Rows(Day, "in_transit.csv").Should().NotContain(r => r[9] == "C241106000112");
        _ws.Rows(Day, "matches.csv").Should().Contain(r => r[1] == "C241106000112" && r[2] == "L000001");
        foreach (string name in new[] { "in_transit.csv", "matches.csv", "discrepancies.csv" })
        {
            if (name != "discrepancies.csv")
            {
                _ws.Csvs(Day)[name].Should().NotEqual(before[name], $"{name} has the corrected CEB rows");
            }
            OtherRows(_ws.Rows(Day, name), name).Should().BeEquivalentTo(OtherRows(Rows(before[name]), name), o => o.WithStrictOrdering(), name);
        }

        using var clean = new RunWorkspace();
        ExampleInbox.Write(clean.Inbox);
        clean.Run(Day).Should().Be(ExitCodes.Ok);
        foreach (var (name, bytes) in clean.Csvs(Day))
        {
            _ws.Csvs(Day)[name].Should().Equal(bytes, $"{name} is what a full run of the corrected day writes");
        }
        using JsonDocument manifest = _ws.Json(Day, "manifest.json");
        manifest.RootElement.GetProperty("kept_partitions").EnumerateArray()
            .Select(k => (k.GetProperty("bank").GetString(), k.GetProperty("run_id").GetString()))
            .Should().Equal(("CITIC", firstRun), ("PAB", firstRun));
    }

    [Fact]
    public void A_folder_edited_by_hand_is_refused_with_exit_2_and_nothing_stored_or_rewritten()
    {
        _ws.Run(Day).Should().Be(ExitCodes.Ok);
        string path = Path.Combine(_ws.OutDay(Day), "matches.csv");
        File.AppendAllText(path, "15000000000001,PA1,L9,MANUAL,1.00\r\n");
        byte[] edited = File.ReadAllBytes(path);
        byte[] store = File.ReadAllBytes(_ws.Store);
        File.AppendAllText(_ws.InboxFile($"{Day}/ledger.csv"), "\n");

        var (exit, _, error) = _ws.RunProcess(Day, "--bank", "CEB", "--plain");

        exit.Should().Be(ExitCodes.Rejected);
        error.Should().Contain("matches.csv").And.Contain("manifest.json says").And.Contain("without --bank/--type");
        File.ReadAllBytes(path).Should().Equal(edited);
        File.ReadAllBytes(_ws.Store).Should().Equal(store, "the refused re-run stored nothing");
    }

    [Fact]
    public void The_summary_table_names_the_partitions_kept_from_the_earlier_run()
    {
        _ws.Run(Day).Should().Be(ExitCodes.Ok);

        var (exit, output, _) = _ws.RunProcess(Day, "--bank", "PAB", "--plain");

        exit.Should().Be(ExitCodes.Ok);
        output.Should().Contain("kept as the day's folder had them: CEB/SECOND_HAND (run R-20241106-").And.Contain("CITIC/RENOVATION");
        output.Split('\n').Should().Contain(l => l.StartsWith("CEB ", StringComparison.Ordinal));
    }

    private int Run(string inbox, string day, params string[] extra) =>
        Program.Main(["run", "--inbox", inbox, "--date", day, "--out", _ws.Out, "--store", _ws.Store, "--plain", .. extra]);

    private string RunId()
    {
        using JsonDocument summary = _ws.Json(Day, "summary.json");
        return summary.RootElement.GetProperty("run_id").GetString()!;
    }

    /// <summary>The rows of partitions other than CEB (discrepancies and in-transit name the bank; matches the account).</summary>
    private static string[][] OtherRows(string[][] rows, string name) =>
        rows.Where(r => name == "matches.csv" ? r[0] != ExampleInbox.Ceb : r[2] != "CEB").ToArray();

    private static string[][] Rows(byte[] csv) =>
        System.Text.Encoding.UTF8.GetString(csv.AsSpan(3)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(RunWorkspace.SplitCsv).ToArray();

    private static Dictionary<string, string> HashesOf(JsonDocument manifest) =>
        manifest.RootElement.GetProperty("outputs").EnumerateArray()
            .Where(o => o.GetProperty("file").GetString()!.EndsWith(".csv", StringComparison.Ordinal))
            .ToDictionary(o => o.GetProperty("file").GetString()!, o => o.GetProperty("sha256").GetString()!);
}
