using System.CommandLine;
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

    public static Command Build(CliServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return new Command("export", "Export a period from the store, with a manifest of checksums.\n\nExample:\n  reconcile export inventory --from 2024-11-01 --to 2024-11-30 --out ./audit --format xlsx")
        {
            Verb(services, "inventory", "The balance proof of every account and day of the period, and the case file; days without a run are named, never skipped.",
                "reconcile export inventory --from 2024-11-01 --to 2024-11-30 --out ./audit --format xlsx", (c, cmd) => c.InventoryAsync(cmd)),
            Verb(services, "cases", "The case file alone: every case listed in the period and its full history.",
                "reconcile export cases --from 2024-11-01 --to 2024-11-30 --out ./audit", (c, cmd) => c.CasesAsync(cmd)),
        };
    }

    private static Command Verb(CliServices services, string name, string description, string example, Func<ExportCommand, CommandLine, Task<int>> run)
    {
        var command = new Command(name, description + "\n\nExample:\n  " + example)
        {
            CliOptions.Date("--from", "The first day of the period.", required: true),
            CliOptions.Date("--to", "The last day of the period.", required: true),
            CliOptions.Text("--out", "The folder the export is written to.", "DIR", required: true),
            CliOptions.Choice("--format", "The file format (default: csv).", "csv", "xlsx"),
            CliOptions.Store(),
        };
        command.SetHandler(cmd => run(new ExportCommand(services.Context()), cmd).GetAwaiter().GetResult());
        return command;
    }

    public static string FileName(LocalDate from, LocalDate to, string format) => InventoryExport.FileName(from, to, format);

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
