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

    public const string CasesUsage = "export cases --from yyyy-MM-dd --to yyyy-MM-dd --out DIR [--format csv|xlsx] [--store X]";

    public static int Cases(CommandLine cmd) =>
        new ExportCommand(StoreCommandContext.ForProcess()).CasesAsync(cmd).GetAwaiter().GetResult();

    public Task<int> InventoryAsync(CommandLine cmd, CancellationToken ct = default) => ExportAsync(cmd, ExportKind.Inventory, ct);

    /// <summary><c>export cases</c>: the case file alone (every case listed in the period and its full history).</summary>
    public Task<int> CasesAsync(CommandLine cmd, CancellationToken ct = default) => ExportAsync(cmd, ExportKind.Cases, ct);

    private async Task<int> ExportAsync(CommandLine cmd, ExportKind kind, CancellationToken ct)
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
            result = await InventoryExport.WriteAsync(session.Store, from, to, format, outDir, kind, ct).ConfigureAwait(false);
        }
        string period = $"{LocalDatePattern.Iso.Format(from)} – {LocalDatePattern.Iso.Format(to)}";
        _ctx.Out.WriteLine(kind == ExportKind.Cases
            ? $"exported {result.Period.Cases.Count} case(s) listed in {period} with {result.Period.HistoryEvents} history event(s) to {result.Path}"
            : $"exported {result.Rows} inventory row(s) of {period} from {result.Runs} run(s) to {result.Path}");
        foreach ((string other, int rows) in result.Files.Skip(1))
        {
            _ctx.Out.WriteLine($"  and {rows} row(s) to {other}");
        }
        _ctx.Out.WriteLine($"{result.Period.Cases.Count} case(s) listed in the period, {result.OpenCases} open at its end, {result.Period.HistoryEvents} history event(s)");
        _ctx.Out.WriteLine($"manifest: {result.ManifestPath}");
        if (result.DaysWithoutRun.Count > 0)
        {
            _ctx.Error.WriteLine($"gaps: no run for {string.Join(", ", result.DaysWithoutRun.Select(d => LocalDatePattern.Iso.Format(d)))} (named in the manifest and the summary)");
        }
        return ExitCodes.Ok;
    }
}
