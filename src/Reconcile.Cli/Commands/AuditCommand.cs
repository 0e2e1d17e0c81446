using Reconcile.Engine.Store;

namespace Reconcile.Cli.Commands;

/// <summary>
/// <c>reconcile audit verify [--store X]</c>: walks the store's hash chain as stored in the database (no actor
/// system is started, nothing is written) and names the first record that does not fit. Exit 0 when intact, 1 when
/// not, 2 for a usage error or a store that does not exist.
/// </summary>
public static class AuditCommand
{
    public const string VerifyUsage = "audit verify [--store PATH|CONNSTR]";

    public static int Verify(CommandLine cmd) => Verify(cmd, Console.Out);

    public static int Verify(CommandLine cmd, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(cmd);
        ArgumentNullException.ThrowIfNull(output);
        if (cmd.Positionals.Count > 0)
        {
            throw new UsageException($"unexpected argument '{cmd.Positionals[0]}'");
        }
        StoreLocation location = StoreLocation.Parse(cmd.Optional("store"));
        cmd.EnsureAllUsed();
        if (NoStoreException.MissingSqliteFile(location) is { } missing)
        {
            throw new NoStoreException(missing);
        }
        var db = new StoreDatabase(location);
        if (!db.Exists())
        {
            throw new UsageException($"there is no store at {location.Description} (nothing to verify)");
        }

        ChainReport report = ChainVerifier.Verify(db);
        if (report.Intact)
        {
            output.WriteLine($"store {location.Description}: hash chain intact, {report.RecordsChecked} record(s) checked");
            return ExitCodes.Ok;
        }
        output.WriteLine($"store {location.Description}: hash chain BROKEN at record {report.FirstBadRecord}");
        output.WriteLine($"  problem: {report.Problem}");
        output.WriteLine($"  {report.RecordsChecked} record(s) before it are intact");
        return ExitCodes.Findings;
    }
}
