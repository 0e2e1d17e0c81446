using System.CommandLine;
using Reconcile.Engine.Store;

namespace Reconcile.Cli.Commands;

/// <summary>
/// <c>reconcile audit verify [--store X] [--anchors DIR…]</c>: walks the store's hash chain as stored in the database
/// (no actor system is started, nothing is written to the store) and names the first record that does not fit; when
/// the chain holds, re-derives the whole read model from it and names every row that differs; with anchors, checks
/// the chain heads filed manifests published. Exit 0 when all hold, 1 when not, 2 for a usage error or a store
/// that does not exist.
/// </summary>
public static class AuditCommand
{
    public static Command Build()
    {
        var verify = new Command("verify", "Walk the store's hash chain and name the first record that does not fit, re-derive the read model and name every row that differs, " +
            "and check the chain heads published manifests filed (--anchors). Exit 0: all hold; 1: not.\n\nExample:\n  reconcile audit verify --store reconcile.db --anchors ./audit/2024-11,./audit/2024-12")
        {
            CliOptions.Store(),
            CliOptions.Text("--anchors", "Folders of exported manifests whose chain heads are checked, comma-separated.", "DIR[,DIR...]"),
        };
        verify.SetHandler((parse, cmd) => Verify(cmd, parse.InvocationConfiguration.Output));
        return new Command("audit", "Check the store.\n\nExample:\n  reconcile audit verify") { verify };
    }

    public static int Verify(CommandLine cmd, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(cmd);
        ArgumentNullException.ThrowIfNull(output);
        if (cmd.Positionals.Count > 0)
        {
            throw new UsageException($"unexpected argument '{cmd.Positionals[0]}'");
        }
        StoreLocation location = StoreLocation.Parse(cmd.Optional("store"));
        string[] anchorDirs = (cmd.Optional("anchors") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        cmd.EnsureAllUsed();
        foreach (string dir in anchorDirs)
        {
            if (!Directory.Exists(dir))
            {
                throw new UsageException($"--anchors {dir}: no such folder");
            }
        }
        if (NoStoreException.MissingSqliteFile(location) is { } missing)
        {
            throw new NoStoreException(missing);
        }
        var db = new StoreDatabase(location);
        if (!db.Exists())
        {
            throw new UsageException($"there is no store at {location.Description} (nothing to verify)");
        }

        var hashes = new Dictionary<long, string>();
        ChainReport report = ChainVerifier.Verify(db, default, anchorDirs.Length == 0 ? null : (seq, hash) => hashes[seq] = hash);
        if (!report.Intact)
        {
            output.WriteLine($"store {location.Description}: hash chain BROKEN at record {report.FirstBadRecord}");
            output.WriteLine($"  problem: {report.Problem}");
            output.WriteLine($"  {report.RecordsChecked} record(s) before it are intact");
            output.WriteLine("  read model not compared: the journal it is derived from does not hold");
            return ExitCodes.Findings;
        }
        output.WriteLine($"store {location.Description}: hash chain intact, {report.RecordsChecked} record(s) checked");
        int exit = CheckReadModel(db, output);
        if (anchorDirs.Length > 0 && CheckAnchors(anchorDirs, hashes, output) != ExitCodes.Ok)
        {
            exit = ExitCodes.Findings;
        }
        return exit;
    }

    /// <summary>
    /// Re-derives every read-model table from the journal and compares it row by row with the store's
    /// (<see cref="ProjectionVerifier"/>): what `list`, `show`, the workbench and the exports read must be what the
    /// chained records say.
    /// </summary>
    private static int CheckReadModel(StoreDatabase db, TextWriter output)
    {
        ProjectionReport report;
        try
        {
            report = ProjectionVerifier.Verify(db);
        }
        catch (Exception e) when (e is InvalidOperationException or System.Text.Json.JsonException or FormatException)
        {
            // The journal's records could not be projected again, or the store's tables not read in key order.
            output.WriteLine($"read model NOT VERIFIED: {e.Message}");
            return ExitCodes.Findings;
        }
        string tables = string.Join(", ", report.Tables.Select(t => $"{t.Table} {t.DerivedRows}"));
        if (report.Consistent)
        {
            output.WriteLine($"read model matches the journal: every table re-derived from the {report.RecordsProjected} record(s) and compared row by row ({tables} row(s))");
            return ExitCodes.Ok;
        }
        output.WriteLine($"read model DIFFERS from the journal: {report.Differences.Count} difference(s) between the store's tables and what its {report.RecordsProjected} record(s) make");
        foreach (TableComparison t in report.Tables.Where(t => t.Differences > 0))
        {
            output.WriteLine($"  {t.Table}: {t.Differences} difference(s) ({t.StoredRows} row(s) stored, {t.DerivedRows} made by the journal)");
        }
        foreach (ProjectionDifference d in report.Differences)
        {
            output.WriteLine($"  {d}");
        }
        if (report.Differences.Any(d => d.Table == "rc_projection" && d.Column == "last_seq"))
        {
            output.WriteLine("  (rc_projection.last_seq differs: if the store's is lower, its read model has not caught up with the journal — a process stopped"
                + " between writing a record and projecting it — and the next start of the store catches up; run `audit verify` again after it)");
        }
        output.WriteLine("  list, show, the workbench and the exports read these tables: what they show for the rows named is not what the hash-chained journal records");
        return ExitCodes.Findings;
    }

    /// <summary>
    /// Every manifest.json under the folders that publishes an <c>audit_chain_head</c> must find that record, with that
    /// hash, in the chain: a store truncated or rewritten after the manifest was filed no longer has it.
    /// </summary>
    private static int CheckAnchors(string[] dirs, Dictionary<long, string> hashes, TextWriter output)
    {
        int checkedCount = 0;
        var broken = new List<string>();
        foreach (string manifest in dirs.SelectMany(d => Directory.EnumerateFiles(d, "manifest.json", SearchOption.AllDirectories)).Order(StringComparer.Ordinal))
        {
            ChainHead? head;
            try
            {
                using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(manifest));
                head = doc.RootElement.TryGetProperty("audit_chain_head", out var h)
                    ? new ChainHead(h.GetProperty("sequence_nr").GetInt64(), h.GetProperty("hash").GetString() ?? "")
                    : null;
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                broken.Add($"{manifest}: cannot be read as a manifest ({e.Message})");
                continue;
            }
            if (head is null)
            {
                continue;
            }
            checkedCount++;
            if (!hashes.TryGetValue(head.SequenceNr, out string? hash))
            {
                broken.Add($"{manifest}: publishes record #{head.SequenceNr}, which the store no longer has (records were deleted)");
            }
            else if (!string.Equals(hash, head.Hash, StringComparison.OrdinalIgnoreCase))
            {
                broken.Add($"{manifest}: publishes record #{head.SequenceNr} with hash {head.Hash}, the store's has {hash} (records were rewritten)");
            }
        }
        foreach (string problem in broken)
        {
            output.WriteLine($"  ANCHOR BROKEN {problem}");
        }
        output.WriteLine(broken.Count == 0
            ? $"{checkedCount} published chain head(s) found in the store"
            : $"{broken.Count} of {checkedCount} published chain head(s) no longer match the store");
        return broken.Count == 0 ? ExitCodes.Ok : ExitCodes.Findings;
    }
}
