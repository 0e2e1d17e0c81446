using NodaTime;
using NodaTime.Text;
using Reconcile.Application.Export;
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

    public static string FileName(LocalDate from, LocalDate to, string format) => InventoryExport.FileName(from, to, format);

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

        ExportResult result;
        await using (IStoreSession session = await _ctx.OpenExistingStoreAsync(storeOption, ct).ConfigureAwait(false))
        {
            result = await InventoryExport.WriteAsync(session.Store, from, to, format, outDir, ct).ConfigureAwait(false);
        }
        string path = result.Path;
        string manifest = result.ManifestPath;
        int rows = result.Rows;

        _ctx.Out.WriteLine($"exported {rows} inventory row(s) of {LocalDatePattern.Iso.Format(from)} – {LocalDatePattern.Iso.Format(to)} from {result.Runs} run(s) to {path}");
        if (format == "xlsx")
        {
            _ctx.Out.WriteLine($"{result.OpenCases} discrepancy case(s) open at the end of the period");
        }
        _ctx.Out.WriteLine($"manifest: {manifest}");
        if (result.DaysWithoutRun.Count > 0)
        {
            _ctx.Error.WriteLine($"gaps: no run for {string.Join(", ", result.DaysWithoutRun.Select(d => LocalDatePattern.Iso.Format(d)))} (named in the manifest{(format == "xlsx" ? " and the summary sheet" : "")})");
        }
        return ExitCodes.Ok;
    }
}
