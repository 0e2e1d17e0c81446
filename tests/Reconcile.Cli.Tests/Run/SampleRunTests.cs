using System.Runtime.CompilerServices;
using System.Text.Json;
using NodaTime;
using Reconcile.Samples;

namespace Reconcile.Cli.Tests.Run;

/// <summary>
/// The samples of the repository (samples/**/expected.json) and a freshly generated 3-day sample, run day by day
/// through the program against an empty store: every day's exit code, discrepancies, in-transit items, inventory and
/// pairs must be what the sample's ground truth says.
/// </summary>
public sealed class SampleRunTests : IDisposable
{
    private readonly RunWorkspace _ws = new();

    public void Dispose() => _ws.Dispose();

    /// <summary>Every committed sample (folders holding an expected.json under samples/) and "generated".</summary>
    public static TheoryData<string> Samples()
    {
        var data = new TheoryData<string> { "generated" };
        string samples = Path.Combine(RepositoryRoot(), "samples");
        if (Directory.Exists(samples))
        {
            foreach (string expected in Directory.EnumerateFiles(samples, ExpectedJson.FileName, SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetRelativePath(samples, Path.GetDirectoryName(expected)!));
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Every_day_of_the_sample_gives_its_ground_truth(string sample)
    {
        string inbox = Inbox(sample);
        ExpectedInbox expected = ExpectedJson.Read(Path.Combine(inbox, ExpectedJson.FileName));
        expected.BusinessDays.Should().NotBeEmpty();

        foreach (ExpectedDay day in expected.BusinessDays)
        {
            Run(inbox, day.BusinessDate).Should().Be(day.ExitCode, $"the exit code of {day.BusinessDate}");
            ExpectedComparison.DayMatches(_ws, day);
        }
    }

    [Fact]
    public void Rerunning_each_day_after_the_last_gives_the_same_bytes_and_commits_nothing()
    {
        string inbox = Inbox("generated");
        ExpectedInbox expected = ExpectedJson.Read(Path.Combine(inbox, ExpectedJson.FileName));
        var first = new Dictionary<string, Dictionary<string, byte[]>>();
        foreach (ExpectedDay day in expected.BusinessDays)
        {
            Run(inbox, day.BusinessDate);
            first[day.BusinessDate] = _ws.Csvs(day.BusinessDate);
        }

        foreach (ExpectedDay day in expected.BusinessDays)
        {
            Run(inbox, day.BusinessDate).Should().Be(day.ExitCode);
            foreach (var (name, bytes) in first[day.BusinessDate])
            {
                _ws.Csvs(day.BusinessDate)[name].Should().Equal(bytes, $"{day.BusinessDate}/{name}");
            }
            using JsonDocument summary = _ws.Json(day.BusinessDate, "summary.json");
            summary.RootElement.GetProperty("committed").GetBoolean().Should().BeFalse();
        }
    }

    [Theory]
    [InlineData("CITIC", null)]
    [InlineData(null, "RENOVATION")]
    [InlineData("PAB", "SECOND_HAND")]
    public void A_subset_run_gives_the_ground_truth_of_its_accounts(string? bank, string? type)
    {
        string inbox = Inbox("generated");
        ExpectedInbox expected = ExpectedJson.Read(Path.Combine(inbox, ExpectedJson.FileName));
        var accounts = File.ReadLines(Path.Combine(inbox, "accounts.csv")).Skip(1)
            .Select(l => l.Split(','))
            .Where(c => (bank is null || c[1] == bank) && (type is null || c[2] == type))
            .Select(c => c[0])
            .ToHashSet(StringComparer.Ordinal);
        accounts.Should().NotBeEmpty();
        string[] scope = [.. bank is null ? [] : new[] { "--bank", bank }, .. type is null ? [] : new[] { "--type", type }];

        foreach (ExpectedDay day in expected.BusinessDays)
        {
            bool balanced = day.Inventory.Where(i => accounts.Contains(i.EscrowAccountNo)).All(i => i.Status == "BALANCED")
                && !day.Discrepancies.Any(d => accounts.Contains(d.EscrowAccountNo) && d.Category == "BALANCE_BREAK");
            Run(inbox, day.BusinessDate, scope).Should().Be(balanced ? ExitCodes.Ok : ExitCodes.Findings);
            ExpectedComparison.DayMatches(_ws, day, accounts.Contains);
        }
    }

    [Fact]
    public void The_same_inbox_run_from_two_folders_gives_byte_identical_outputs_naming_inputs_relative_to_the_inbox()
    {
        using var other = new RunWorkspace();
        string here = Path.Combine(_ws.Root, "inbox-a");
        string there = Path.Combine(other.Root, "elsewhere", "deeper", "inbox-b");
        CopyFolder(Path.Combine(RepositoryRoot(), "samples", "inbox"), here);
        CopyFolder(Path.Combine(RepositoryRoot(), "samples", "inbox"), there);
        ExpectedInbox expected = ExpectedJson.Read(Path.Combine(here, ExpectedJson.FileName));

        foreach (ExpectedDay day in expected.BusinessDays)
        {
            string d = day.BusinessDate;
            Run(here, d).Should().Be(day.ExitCode);
            Program.Main(["run", "--inbox", there, "--date", d, "--out", other.Out, "--store", other.Store, "--plain"]).Should().Be(day.ExitCode);

            var mine = _ws.Csvs(d);
            var theirs = other.Csvs(d);
            theirs.Keys.Should().BeEquivalentTo(mine.Keys);
            foreach (var (name, bytes) in mine)
            {
                theirs[name].Should().Equal(bytes, $"{d}/{name} does not depend on where the inbox is");
                string text = System.Text.Encoding.UTF8.GetString(bytes);
                text.Should().NotContain(_ws.Root, $"{d}/{name} names inputs relative to the inbox");
            }
        }
        string details = string.Concat(expected.BusinessDays.Select(day => System.Text.Encoding.UTF8.GetString(_ws.Csvs(day.BusinessDate)["discrepancies.csv"])));
        details.Should().MatchRegex(@"\(2024-11-0[678]/statements/[^/():]+\.csv:[0-9]+\)", "a detail cell names the statement line it found");
    }

    private static void CopyFolder(string source, string target)
    {
        foreach (string file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            string dest = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
            File.Copy(file, dest);
        }
    }

    private int Run(string inbox, string day, params string[] extra) =>
        Program.Main(["run", "--inbox", inbox, "--date", day, "--out", _ws.Out, "--store", _ws.Store, "--plain", .. extra]);

    /// <summary>The inbox of a committed sample, or a 3-day sample generated into the workspace (seed 1, default size).</summary>
    private string Inbox(string sample)
    {
        if (sample != "generated")
        {
            return Path.Combine(RepositoryRoot(), "samples", sample);
        }
        string inbox = Path.Combine(_ws.Root, "generated");
        SampleGenerator.Generate(new SampleOptions(inbox, new LocalDate(2024, 11, 6), Days: 3, Seed: 1));
        return inbox;
    }

    private static string RepositoryRoot([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", ".."));
}
