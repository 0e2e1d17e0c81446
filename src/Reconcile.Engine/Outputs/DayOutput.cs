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

    /// <summary>The published folder of <paramref name="businessDate"/> under <paramref name="outRoot"/>.</summary>
    public static string FolderOf(string outRoot, LocalDate businessDate) =>
        Path.Combine(Path.GetFullPath(outRoot), LocalDatePattern.Iso.Format(businessDate));

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
    /// SHA-256 is computed while it is written (<see cref="OutputCsvWriter"/>), not by reading it back. With
    /// <paramref name="earlier"/> (a subset re-run), each file also gets the rows of the partitions outside the run's
    /// scope from the day's published folder, in their place in the file's order; a file there that does not verify
    /// against its manifest.json fails the write with an <see cref="Core.Model.InputException"/>.
    /// </summary>
    public void WriteCsvs(LocalDate businessDate, IReadOnlyList<AccountDayResult> results, EarlierDayFolder? earlier = null)
    {
        // The four files are independent: write them at once, then record them in a fixed order.
        Task<OutputFile>[] writes =
        [
            Task.Run(() => WriteCsv(Discrepancies, earlier?.Findings(Discrepancies), (w, kept) => FindingsCsv.Write(
                w,
                results.SelectMany(r => r.Discrepancies).Select(d => FindingRow.Of(d, businessDate)),
                kept))),
            Task.Run(() => WriteCsv(InTransit, earlier?.Findings(InTransit), (w, kept) => FindingsCsv.Write(
                w,
                results.SelectMany(r => r.InTransit.Select(i => FindingRow.InTransit(i, r.Account, businessDate))),
                kept))),
            Task.Run(() => WriteCsv(Matches, earlier?.Matches(), (w, kept) => kept is null
                ? MatchesCsv.Write(w, results.SelectMany(r => r.Matches))
                : MatchesCsv.Write(w, results.SelectMany(r => r.Matches), kept))),
            Task.Run(() => WriteCsv(Inventory, earlier?.Inventory(), (w, kept) => InventoryCsv.Write(w, results.Select(r => r.Inventory), kept))),
        ];
        try
        {
            Task.WaitAll(writes);
        }
        catch (AggregateException e)
        {
            // An earlier folder that does not verify is the user's to fix: report that before any other failure.
            Exception first = e.InnerExceptions.FirstOrDefault(x => x is Core.Model.InputException) ?? e.InnerExceptions[0];
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first);
        }
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

    private OutputFile WriteCsv(string name, KeptCsv? kept, Func<OutputCsvWriter, KeptCsv?, int> write)
    {
        using (kept)
        {
            (int rows, string sha256) = OutputCsvWriter.WriteFile(Staged(name), w => write(w, kept));
            kept?.Finish();
            return new OutputFile(name, sha256, rows);
        }
    }

    private void Add(string name) => _written.Add(new OutputFile(name, Sha256Of(Staged(name)), null));
}
