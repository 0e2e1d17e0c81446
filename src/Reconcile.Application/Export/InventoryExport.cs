using NodaTime;
using NodaTime.Text;
using Reconcile.Engine.Store;

namespace Reconcile.Application.Export;

/// <summary>What an export wrote.</summary>
/// <param name="Files">The files written (one per table for CSV, one workbook for XLSX), with their data rows.</param>
public sealed record ExportResult(IReadOnlyList<(string Path, int Rows)> Files, string ManifestPath, InventoryPeriod Period)
{
    /// <summary>The main file: the inventory (accounts) CSV or the workbook.</summary>
    public string Path => Files[0].Path;

    public int Rows => Period.Rows.Count;

    public int Runs => Period.Runs.Count;

    public int OpenCases => Period.OpenAtEnd;

    public IReadOnlyList<LocalDate> DaysWithoutRun => Period.Gaps.Order().ToList();
}

/// <summary>Which export: the whole inventory, or the case file alone.</summary>
public enum ExportKind
{
    Inventory,
    Cases,
}

/// <summary>
/// <c>export inventory</c> and <c>export cases</c> for the CLI and the workbench: the same tables
/// (<see cref="ExportTables"/>) as CSV files or one XLSX workbook, with a manifest of checksums and counts, each file
/// written beside its final name and moved into place.
/// </summary>
public static class InventoryExport
{
    public static readonly IReadOnlyList<string> Formats = ["csv", "xlsx"];

    public static string FileName(LocalDate from, LocalDate to, string format, ExportKind kind = ExportKind.Inventory) =>
        $"{(kind == ExportKind.Cases ? "cases" : "inventory")}_{LocalDatePattern.Iso.Format(from)}_{LocalDatePattern.Iso.Format(to)}.{format}";

    /// <summary>The period's content from the store: inventory rows, runs, gaps and the case file.</summary>
    public static async Task<InventoryPeriod> LoadAsync(IReconcileStore store, LocalDate from, LocalDate to, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (to < from)
        {
            throw new RefusedException($"the period ends ({LocalDatePattern.Iso.Format(to)}) before it starts ({LocalDatePattern.Iso.Format(from)})");
        }
        InventoryHistory history = await store.InventoryAsync(from, to, ct).ConfigureAwait(false);
        IReadOnlyList<CaseSummary> all = await store.ListCasesAsync(new CaseQuery(CaseStatusFilter.All), ct).ConfigureAwait(false);
        // Fetched a few at a time (each is its own read); the selection sorts them, so the order fetched does not matter.
        var details = new System.Collections.Concurrent.ConcurrentBag<CaseDetail>();
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Min(8, Environment.ProcessorCount), CancellationToken = ct };
        await Parallel.ForEachAsync(all.Where(s => CaseFile.Listed(s, from, to)), options, async (s, token) =>
        {
            if (await store.GetCaseAsync(s.CaseId, token).ConfigureAwait(false) is { } detail)
            {
                details.Add(detail);
            }
        }).ConfigureAwait(false);
        return new InventoryPeriod(from, to, history.Rows, history.Runs, history.DaysWithoutRun, CaseFile.Select(details, from, to, CaseDisplay.Beijing));
    }

    public static async Task<ExportResult> WriteAsync(IReconcileStore store, LocalDate from, LocalDate to, string format, string outDir, CancellationToken ct = default) =>
        await WriteAsync(store, from, to, format, outDir, ExportKind.Inventory, ct).ConfigureAwait(false);

    public static async Task<ExportResult> WriteAsync(IReconcileStore store, LocalDate from, LocalDate to, string format, string outDir, ExportKind kind, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (!Formats.Contains(format))
        {
            throw new ArgumentOutOfRangeException(nameof(format), format, "csv or xlsx");
        }
        InventoryPeriod period = await LoadAsync(store, from, to, ct).ConfigureAwait(false);
        IReadOnlyList<ExportTable> tables = kind == ExportKind.Cases ? ExportTables.CaseFileTables(period) : ExportTables.Inventory(period);

        string dir = System.IO.Path.GetFullPath(outDir);
        Directory.CreateDirectory(dir);
        var written = new List<(string Path, int Rows)>();
        if (format == "csv")
        {
            // The main table first: the accounts (inventory.csv's dialect) for the inventory, the cases for the case file.
            IEnumerable<ExportTable> ordered = kind == ExportKind.Cases ? tables : tables.OrderBy(t => t.Key == "inventory" ? 0 : 1);
            foreach (ExportTable table in ordered)
            {
                string path = System.IO.Path.Combine(dir, table.FileName(from, to));
                written.Add((path, WriteAtomically(path, p => CsvTable.Write(p, table))));
            }
        }
        else
        {
            string path = System.IO.Path.Combine(dir, FileName(from, to, format, kind));
            byte[] bytes = InventoryWorkbook.Build(period, tables);
            written.Add((path, WriteAtomically(path, p =>
            {
                File.WriteAllBytes(p, bytes);
                return tables[kind == ExportKind.Cases ? 0 : 1].Rows.Count;
            })));
        }
        IReadOnlyList<ExportedFile> files = written.Select(f => ExportedFile.Of(f.Path, f.Rows)).ToList();
        ChainHead? head = await store.ChainHeadAsync(ct).ConfigureAwait(false);
        string manifest = System.IO.Path.Combine(dir, ExportManifest.FileName);
        WriteAtomically(manifest, p =>
        {
            ExportManifest.Write(p, kind == ExportKind.Cases ? "cases" : "inventory", format, store.Description, files, period, head);
            return 0;
        });
        return new ExportResult(written, manifest, period);
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
