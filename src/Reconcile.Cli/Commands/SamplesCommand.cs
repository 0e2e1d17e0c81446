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
    public const string Usage = "samples generate --out DIR --date yyyy-MM-dd [--days N] [--lines N] [--seed N]";

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
