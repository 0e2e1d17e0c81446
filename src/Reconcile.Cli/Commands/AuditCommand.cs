using Reconcile.Engine.Store;

namespace Reconcile.Cli.Commands;

/// <summary>
/// <c>reconcile audit verify [--store X]</c>: walks the store's hash chain as stored in the database (no actor
/// system is started, nothing is written) and names the first record that does not fit. Exit 0 when intact, 1 when
/// not, 2 for a usage error or a store that does not exist.
/// </summary>
public static class AuditCommand
{
    public const string VerifyUsage = "audit verify [--store PATH|CONNSTR] [--anchors DIR[,DIR...]]";

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
        if (report.Intact)
        {
            output.WriteLine($"store {location.Description}: hash chain intact, {report.RecordsChecked} record(s) checked");
            if (anchorDirs.Length == 0)
            {
                return ExitCodes.Ok;
            }
            return CheckAnchors(anchorDirs, hashes, output);
        }
        output.WriteLine($"store {location.Description}: hash chain BROKEN at record {report.FirstBadRecord}");
        output.WriteLine($"  problem: {report.Problem}");
        output.WriteLine($"  {report.RecordsChecked} record(s) before it are intact");
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
