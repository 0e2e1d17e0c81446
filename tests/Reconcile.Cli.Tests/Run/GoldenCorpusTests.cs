using System.Security.Cryptography;
using System.Text;
using FluentAssertions;
using NodaTime;
using Reconcile.Samples;
using Xunit;

namespace Reconcile.Cli.Tests.Run;

/// <summary>
/// The engine's answer on generated corpora, pinned as SHA-256 of every output file: several seeds and sizes, days
/// in a row so the carry-forward is in play. Any change to the matching, the proof or the writers that moves a byte
/// fails here. A deliberate change regenerates the pins with RECONCILE_GOLDEN_UPDATE=1 (the file beside this one is
/// rewritten in the source tree) and the diff is reviewed like code.
/// </summary>
public sealed class GoldenCorpusTests
{
    private static readonly string[] Outputs = ["discrepancies.csv", "matches.csv", "inventory.csv", "in_transit.csv"];

    public static TheoryData<long, int, int> Corpora => new()
    {
        { 7, 400, 4 },
        { 1, 3_000, 3 },
        { 13, 12_000, 2 },
    };

    [Theory]
    [MemberData(nameof(Corpora))]
    public void Outputs_of_a_generated_corpus_keep_their_pinned_hashes(long seed, int lines, int days)
    {
        using var workspace = new RunWorkspace();
        var first = new LocalDate(2024, 11, 6);
        Directory.Delete(workspace.Inbox);
        SampleGenerator.Generate(new SampleOptions(workspace.Inbox, first, Days: days, Lines: lines, Seed: seed));

        var actual = new List<string>();
        for (int d = 0; d < days; d++)
        {
            string day = first.PlusDays(d).ToString("yyyy-MM-dd", null);
            int exit = workspace.Run(day);
            actual.Add($"s{seed}-{lines}x{days} {day} exit {exit}");
            foreach (string name in Outputs)
            {
                string path = Path.Combine(workspace.OutDay(day), name);
                string hash = File.Exists(path) ? Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))) : "absent";
                actual.Add($"s{seed}-{lines}x{days} {day} {name} {hash}");
            }
        }

        string prefix = $"s{seed}-{lines}x{days} ";
        string pins = PinsPath();
        var pinned = File.ReadAllLines(pins).Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        if (Environment.GetEnvironmentVariable("RECONCILE_GOLDEN_UPDATE") == "1")
        {
            lock (Outputs)
            {
                var kept = File.ReadAllLines(pins).Where(l => !l.StartsWith(prefix, StringComparison.Ordinal));
                File.WriteAllLines(pins, kept.Concat(actual).Order(StringComparer.Ordinal), new UTF8Encoding(false));
            }
            return;
        }
        actual.Order(StringComparer.Ordinal).Should().Equal(pinned, $"the outputs of corpus {prefix.Trim()} must stay byte-identical (RECONCILE_GOLDEN_UPDATE=1 re-pins a deliberate change)");
    }

    private static string PinsPath([System.Runtime.CompilerServices.CallerFilePath] string source = "") =>
        Path.Combine(Path.GetDirectoryName(source)!, "golden-outputs.txt");
}
