using System.CommandLine;
using System.Globalization;
using NodaTime;
using Reconcile.Samples;

namespace Reconcile.Cli.Commands;

/// <summary>
/// <c>reconcile samples generate</c>: writes a complete sample inbox (accounts.csv, per day statements, ledger.csv,
/// subaccounts.csv) with every situation of DOMAIN.md planted, and its ground truth expected.json beside it.
/// The same options give byte-identical files.
/// </summary>
public static class SamplesCommand
{
    public static Command Build()
    {
        var generate = new Command("generate", "Write a sample inbox with every situation planted, and its ground truth expected.json; the same options give byte-identical files.\n\nExample:\n  reconcile samples generate --out ./sample --date 2024-11-06 --days 3 --lines 10000")
        {
            CliOptions.Text("--out", "A new or empty folder.", "DIR", required: true),
            CliOptions.Date("--date", "The first business day.", required: true),
            CliOptions.WholeNumber("--days", $"Business days (default: {SampleOptions.DefaultDays}).", min: 1),
            CliOptions.WholeNumber("--lines", $"Bank lines a day (default: {SampleOptions.DefaultLines})."),
            CliOptions.WholeNumber("--seed", "The random seed (default: 1)."),
        };
        generate.SetHandler(Run);
        return new Command("samples", "Sample inboxes.\n\nExample:\n  reconcile samples generate --help") { generate };
    }

    public static int Run(CommandLine cmd)
    {
        ArgumentNullException.ThrowIfNull(cmd);
        string outDir = Path.GetFullPath(cmd.Required("out"));
        LocalDate date = cmd.Date("date");
        int days = cmd.Int("days", SampleOptions.DefaultDays, min: 1);
        int lines = cmd.Int("lines", SampleOptions.DefaultLines, min: 0);
        int seed = cmd.Int("seed", 1, min: 0);
        cmd.EnsureAllUsed();
        if (File.Exists(outDir))
        {
            throw new UsageException($"option --out: {outDir} is a file; expected a new or empty directory");
        }
        if (Directory.Exists(outDir) && Directory.EnumerateFileSystemEntries(outDir).Any())
        {
            throw new UsageException($"option --out: {outDir} is not empty; samples are generated into a new or empty directory only");
        }

        SampleResult r = SampleGenerator.Generate(new SampleOptions(outDir, date, days, lines, seed));
        Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"wrote {r.Accounts} accounts, {r.StatementFiles} statements, {r.BankLines} bank lines, {r.LedgerEntries} ledger entries ({r.Bytes / (1024.0 * 1024.0):F1} MiB) to {r.OutDir} in {r.Elapsed.TotalSeconds:F1} s"));
        Console.Out.WriteLine($"ground truth: {Path.Combine(r.OutDir, ExpectedJson.FileName)}");
        return ExitCodes.Ok;
    }
}
