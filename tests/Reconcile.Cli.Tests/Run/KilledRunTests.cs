using System.Diagnostics;
using System.Text.Json;
using NodaTime;
using Reconcile.Samples;

namespace Reconcile.Cli.Tests.Run;

/// <summary>The program killed in the middle of a run (a real process, SIGKILL): the store and the output stay as they were.</summary>
public sealed class KilledRunTests : IDisposable
{
    private const string Day = "2024-11-06";
    private readonly RunWorkspace _ws = new();

    public void Dispose() => _ws.Dispose();

    [Fact]
    public void Killed_while_writing_its_outputs_the_run_stores_nothing_publishes_nothing_and_a_rerun_gives_the_ground_truth()
    {
        string inbox = Path.Combine(_ws.Root, "generated");
        SampleGenerator.Generate(new SampleOptions(inbox, new LocalDate(2024, 11, 6), Days: 1, Lines: 200_000, Seed: 3));
        ExpectedDay expected = ExpectedJson.Read(Path.Combine(inbox, ExpectedJson.FileName)).BusinessDays.Single();

        using (Process process = RunWorkspace.Start(["run", "--inbox", inbox, "--date", Day, "--out", _ws.Out, "--store", _ws.Store]))
        {
            // Every partition has finished once the staging folder appears; the commit comes after the CSVs.
            var clock = Stopwatch.StartNew();
            while (!Staging().Any())
            {
                process.HasExited.Should().BeFalse("the run must still be writing when it is killed");
                clock.Elapsed.Should().BeLessThan(TimeSpan.FromMinutes(3));
                Thread.Sleep(2);
            }
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        Directory.Exists(_ws.OutDay(Day)).Should().BeFalse("nothing is published before the end");
        Program.Main(["run", "--inbox", inbox, "--date", Day, "--out", _ws.Out, "--store", _ws.Store, "--plain"])
            .Should().Be(expected.ExitCode);
        using (JsonDocument summary = _ws.Json(Day, "summary.json"))
        {
            summary.RootElement.GetProperty("committed").GetBoolean().Should().BeTrue("the killed run committed nothing");
        }
        Staging().Should().BeEmpty("the rerun removes what the killed run left");
        ExpectedComparison.DayMatches(_ws, expected);
    }

    private IEnumerable<string> Staging() =>
        Directory.Exists(_ws.Out) ? Directory.EnumerateDirectories(_ws.Out, $".{Day}.partial-*") : [];
}
