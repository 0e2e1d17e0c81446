using NodaTime;
using NodaTime.Text;
using Reconcile.Cli.Export;
using Reconcile.Engine.Store;

namespace Reconcile.Cli.Commands;

/// <summary>
/// <c>reconcile export inventory --from D --to D --out DIR [--format csv|xlsx] [--store X]</c>: the balance proof of
/// every account and day of a period from the store, with a manifest of checksums. Days without a run are named
/// (console, manifest, summary sheet), never skipped silently.
/// </summary>
public sealed class ExportCommand
{
    private readonly StoreCommandContext _ctx;

    public ExportCommand(StoreCommandContext context)
    {
        _ctx = context ?? throw new ArgumentNullException(nameof(context));
    }

    public const string Usage = "export inventory --from yyyy-MM-dd --to yyyy-MM-dd --out DIR [--format csv|xlsx] [--store X]";

    /// <summary>Program's entry point: runs against the process's store, clock and console.</summary>
    public static int Inventory(CommandLine cmd) =>
        new ExportCommand(StoreCommandContext.ForProcess()).InventoryAsync(cmd).GetAwaiter().GetResult();

    public static string FileName(LocalDate from, LocalDate to, string format) =>
        $"inventory_{LocalDatePattern.Iso.Format(from)}_{LocalDatePattern.Iso.Format(to)}.{format}";

    public async Task<int> InventoryAsync(CommandLine cmd, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(cmd);
        if (cmd.Positionals.Count > 0)
        {
            throw new UsageException($"unexpected argument '{cmd.Positionals[0]}'");
        }
        LocalDate from = cmd.Date("from");
        LocalDate to = cmd.Date("to");
        string outDir = cmd.Required("out");
        string format = (cmd.Optional("format") ?? "csv").ToLowerInvariant();
        string? storeOption = cmd.Optional("store");
        cmd.EnsureAllUsed();
        if (format is not ("csv" or "xlsx"))
        {
            throw new UsageException($"option --format: '{format}' is not one of csv, xlsx");
        }
        if (to < from)
        {
            throw new UsageException($"--to {LocalDatePattern.Iso.Format(to)} is before --from {LocalDatePattern.Iso.Format(from)}");
        }

        InventoryHistory history;
        IReadOnlyList<OpenCase> open = [];
        string storeDescription;
        await using (IStoreSession session = await _ctx.OpenStore(storeOption, _ctx.Clock, ct).ConfigureAwait(false))
        {
            storeDescription = session.Store.Description;
            history = await session.Store.InventoryAsync(from, to, ct).ConfigureAwait(false);
            if (format == "xlsx")
            {
                open = await OpenAtEndAsync(session.Store, from, to, ct).ConfigureAwait(false);
            }
        }

        string dir = Path.GetFullPath(outDir);
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, FileName(from, to, format));
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
        string manifest = Path.Combine(dir, ExportManifest.FileName);
        WriteAtomically(manifest, p =>
        {
            ExportManifest.Write(p, from, to, format, storeDescription, files, history.Runs, history.DaysWithoutRun, open.Count);
            return 0;
        });

        _ctx.Out.WriteLine($"exported {rows} inventory row(s) of {LocalDatePattern.Iso.Format(from)} – {LocalDatePattern.Iso.Format(to)} from {history.Runs.Count} run(s) to {path}");
        if (format == "xlsx")
        {
            _ctx.Out.WriteLine($"{open.Count} discrepancy case(s) open at the end of the period");
        }
        _ctx.Out.WriteLine($"manifest: {manifest}");
        if (history.DaysWithoutRun.Count > 0)
        {
            _ctx.Error.WriteLine($"gaps: no run for {string.Join(", ", history.DaysWithoutRun.Order().Select(d => LocalDatePattern.Iso.Format(d)))} (named in the manifest{(format == "xlsx" ? " and the summary sheet" : "")})");
        }
        return ExitCodes.Ok;
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
        return OpenCasesAtEnd.Select(details, to, DiscrepanciesCommand.Beijing);
    }

    /// <summary>Writes to a temporary file beside <paramref name="path"/> and moves it into place.</summary>
    private static int WriteAtomically(string path, Func<string, int> write)
    {
        string temp = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
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
