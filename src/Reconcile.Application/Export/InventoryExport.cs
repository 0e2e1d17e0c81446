using NodaTime;
using NodaTime.Text;
using Reconcile.Engine.Store;

namespace Reconcile.Application.Export;

/// <summary>What an export wrote.</summary>
public sealed record ExportResult(string Path, string ManifestPath, int Rows, int Runs, int OpenCases, IReadOnlyList<LocalDate> DaysWithoutRun);

/// <summary>
/// <c>export inventory</c> for the CLI and the workbench: the balance proof of every account and day of a period
/// from the store, with a manifest of checksums, each file written beside its final name and moved into place.
/// </summary>
public static class InventoryExport
{
    public static readonly IReadOnlyList<string> Formats = ["csv", "xlsx"];

    public static string FileName(LocalDate from, LocalDate to, string format) =>
        $"inventory_{LocalDatePattern.Iso.Format(from)}_{LocalDatePattern.Iso.Format(to)}.{format}";

    public static async Task<ExportResult> WriteAsync(IReconcileStore store, LocalDate from, LocalDate to, string format, string outDir, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (!Formats.Contains(format))
        {
            throw new ArgumentOutOfRangeException(nameof(format), format, "csv or xlsx");
        }
        if (to < from)
        {
            throw new RefusedException($"the period ends ({LocalDatePattern.Iso.Format(to)}) before it starts ({LocalDatePattern.Iso.Format(from)})");
        }
        InventoryHistory history = await store.InventoryAsync(from, to, ct).ConfigureAwait(false);
        IReadOnlyList<OpenCase> open = format == "xlsx" ? await OpenAtEndAsync(store, from, to, ct).ConfigureAwait(false) : [];

        string dir = System.IO.Path.GetFullPath(outDir);
        Directory.CreateDirectory(dir);
        string path = System.IO.Path.Combine(dir, FileName(from, to, format));
        int rows;
        if (format == "csv")
        {
            rows = WriteAtomically(path, p => InventoryCsvExport.Write(p, history.Rows));
        }
        else
        {
            var period = new InventoryPeriod(from, to, history.Rows, history.Runs, history.DaysWithoutRun, open);
            byte[] bytes = InventoryWorkbook.Build(period);
            rows = WriteAtomically(path, p =>
            {
                File.WriteAllBytes(p, bytes);
                return history.Rows.Count;
            });
        }
        IReadOnlyList<ExportedFile> files = [ExportedFile.Of(path, rows)];
        string manifest = System.IO.Path.Combine(dir, ExportManifest.FileName);
        WriteAtomically(manifest, p =>
        {
            ExportManifest.Write(p, from, to, format, store.Description, files, history.Runs, history.DaysWithoutRun, open.Count);
            return 0;
        });
        return new ExportResult(path, manifest, rows, history.Runs.Count, open.Count, history.DaysWithoutRun.Order().ToList());
    }

    private static async Task<IReadOnlyList<OpenCase>> OpenAtEndAsync(IReconcileStore store, LocalDate from, LocalDate to, CancellationToken ct)
    {
        IReadOnlyList<CaseSummary> all = await store.ListCasesAsync(new CaseQuery(CaseStatusFilter.All), ct).ConfigureAwait(false);
        // Fetched a few at a time (each is its own read); the selection sorts them, so the order fetched does not matter.
        var details = new System.Collections.Concurrent.ConcurrentBag<CaseDetail>();
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Min(8, Environment.ProcessorCount), CancellationToken = ct };
        await Parallel.ForEachAsync(all.Where(s => OpenCasesAtEnd.MayBeOpen(s, from, to)), options, async (s, token) =>
        {
            if (await store.GetCaseAsync(s.CaseId, token).ConfigureAwait(false) is { } detail)
            {
                details.Add(detail);
            }
        }).ConfigureAwait(false);
        return OpenCasesAtEnd.Select(details, to, CaseDisplay.Beijing);
    }

    /// <summary>Writes to a temporary file beside <paramref name="path"/> and moves it into place.</summary>
    private static int WriteAtomically(string path, Func<string, int> write)
    {
        string temp = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(path)!, $".{System.IO.Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            int rows = write(temp);
            File.Move(temp, path, overwrite: true);
            return rows;
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
