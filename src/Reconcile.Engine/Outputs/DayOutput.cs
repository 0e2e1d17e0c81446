using System.Security.Cryptography;
using NodaTime;
using NodaTime.Text;
using Reconcile.Core.Reconciliation;

namespace Reconcile.Engine.Outputs;

/// <summary>
/// The output folder <c>&lt;out&gt;/&lt;yyyy-MM-dd&gt;/</c> of one run, written in a staging folder beside it
/// (<c>&lt;out&gt;/.&lt;yyyy-MM-dd&gt;.partial-…</c>) and renamed into place by <see cref="Publish"/>, replacing an earlier
/// output of the same day. Until then nothing at the final path changes; disposing an unpublished output deletes the
/// staging folder, so a failed run leaves no half-written folder behind.
/// </summary>
public sealed class DayOutput : IDisposable
{
    public const string Discrepancies = "discrepancies.csv";
    public const string InTransit = "in_transit.csv";
    public const string Matches = "matches.csv";
    public const string Inventory = "inventory.csv";
    public const string Summary = "summary.json";
    public const string Manifest = "manifest.json";

    private readonly List<OutputFile> _written = [];
    private bool _published;

    private DayOutput(string finalDirectory, string stagingDirectory)
    {
        FinalDirectory = finalDirectory;
        StagingDirectory = stagingDirectory;
    }

    /// <summary>The folder the outputs end up in.</summary>
    public string FinalDirectory { get; }

    /// <summary>The folder the outputs are written to until <see cref="Publish"/>.</summary>
    public string StagingDirectory { get; }

    /// <summary>The files written so far, in the order written, with their SHA-256.</summary>
    public IReadOnlyList<OutputFile> Written => _written;

    /// <summary>Creates the staging folder for <paramref name="businessDate"/> under <paramref name="outRoot"/>.</summary>
    public static DayOutput Begin(string outRoot, LocalDate businessDate)
    {
        string root = Path.GetFullPath(outRoot);
        Directory.CreateDirectory(root);
        string day = LocalDatePattern.Iso.Format(businessDate);
        RemoveLeftovers(root, day);
        string staging = Path.Combine(root, $".{day}.partial-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        return new DayOutput(Path.Combine(root, day), staging);
    }

    /// <summary>
    /// Writes discrepancies.csv, in_transit.csv, matches.csv and inventory.csv from the accounts' results. Each file's
    /// SHA-256 is computed while it is written (<see cref="OutputCsvWriter"/>), not by reading it back.
    /// </summary>
    public void WriteCsvs(LocalDate businessDate, IReadOnlyList<AccountDayResult> results)
    {
        // The four files are independent: write them at once, then record them in a fixed order.
        Task<OutputFile>[] writes =
        [
            Task.Run(() => WriteCsv(Discrepancies, w => FindingsCsv.Write(
                w,
                results.SelectMany(r => r.Discrepancies).Select(d => FindingRow.Of(d, businessDate))))),
            Task.Run(() => WriteCsv(InTransit, w => FindingsCsv.Write(
                w,
                results.SelectMany(r => r.InTransit.Select(i => FindingRow.InTransit(i, r.Account, businessDate)))))),
            Task.Run(() => WriteCsv(Matches, w => MatchesCsv.Write(w, results.SelectMany(r => r.Matches)))),
            Task.Run(() => WriteCsv(Inventory, w => InventoryCsv.Write(w, results.Select(r => r.Inventory)))),
        ];
        Task.WhenAll(writes).GetAwaiter().GetResult();
        foreach (Task<OutputFile> write in writes)
        {
            _written.Add(write.Result);
        }
    }

    public void WriteSummary(RunSummary summary)
    {
        SummaryJson.Write(Staged(Summary), summary);
        Add(Summary);
    }

    /// <summary>Writes manifest.json; <paramref name="manifest"/> lists the files written before it.</summary>
    public void WriteManifest(RunManifest manifest)
    {
        ManifestJson.Write(Staged(Manifest), manifest);
        Add(Manifest);
    }

    /// <summary>
    /// Moves the staging folder to <see cref="FinalDirectory"/>. An earlier output of the day is first moved aside and
    /// deleted once the new one is in place.
    /// </summary>
    public void Publish()
    {
        ObjectDisposedException.ThrowIf(_published, this);
        string? aside = null;
        if (Directory.Exists(FinalDirectory))
        {
            aside = StagingDirectory.Replace(".partial-", ".old-", StringComparison.Ordinal);
            Directory.Move(FinalDirectory, aside);
        }
        Directory.Move(StagingDirectory, FinalDirectory);
        _published = true;
        if (aside is not null)
        {
            Directory.Delete(aside, recursive: true);
        }
    }

    public void Dispose()
    {
        if (!_published && Directory.Exists(StagingDirectory))
        {
            Directory.Delete(StagingDirectory, recursive: true);
        }
        _published = true;
    }

    public static string Sha256Of(string path)
    {
        using FileStream stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant();
    }

    /// <summary>
    /// Deletes what a run of the same day that was killed may have left beside the output: its staging folder, or an
    /// earlier output it had moved aside. (Two runs of the same day at once are not supported.)
    /// </summary>
    private static void RemoveLeftovers(string root, string day)
    {
        foreach (string pattern in new[] { $".{day}.partial-*", $".{day}.old-*" })
        {
            foreach (string leftover in Directory.EnumerateDirectories(root, pattern))
            {
                Directory.Delete(leftover, recursive: true);
            }
        }
    }

    private string Staged(string name) => Path.Combine(StagingDirectory, name);

    private OutputFile WriteCsv(string name, Func<OutputCsvWriter, int> write)
    {
        (int rows, string sha256) = OutputCsvWriter.WriteFile(Staged(name), write);
        return new OutputFile(name, sha256, rows);
    }

    private void Add(string name) => _written.Add(new OutputFile(name, Sha256Of(Staged(name)), null));
}
