using System.Security.Cryptography;
using NodaTime;
using NodaTime.Text;
using Reconcile.Core.Model;
using Reconcile.Engine.Store;

namespace Reconcile.Engine.Outputs;

/// <summary>
/// The day's published folder as the last run of the day left it, read back by a subset re-run
/// (<c>run --bank B --type T</c>) so that the folder it publishes still holds every partition: the re-run's own rows
/// for the partitions in its scope, and for every other partition the rows already there. The other partitions' rows
/// are taken from the folder's files, byte for byte, after each file's SHA-256 is checked against the folder's
/// manifest.json; a folder that does not verify (a file edited, missing, or written for another day or another
/// timing window) is refused with an <see cref="InputException"/> before anything is stored or written.
/// </summary>
/// <remarks>
/// Why the folder and not the store: the store keeps each account's day result, but not its pairs (matches.csv is
/// most of a busy day's bytes; RULES.md), and re-deriving the other partitions would reconcile them again — from
/// state that resolutions and later days may have changed since — which is not "as the last run left them".
/// </remarks>
public sealed class EarlierDayFolder
{
    private readonly string _folder;
    private readonly RunScope _scope;
    private readonly IReadOnlyDictionary<string, string> _hashes;
    private readonly Dictionary<string, (Bank Bank, EscrowType Type)> _accounts;

    private EarlierDayFolder(
        string folder,
        RunScope scope,
        RunManifest manifest,
        IReadOnlyDictionary<string, string> hashes,
        IReadOnlyList<PartitionSummary> kept,
        Dictionary<string, (Bank, EscrowType)> accounts)
    {
        _folder = folder;
        _scope = scope;
        Manifest = manifest;
        _hashes = hashes;
        KeptSummaries = kept;
        _accounts = accounts;
        Kept = kept
            .Select(p => manifest.Kept?.FirstOrDefault(k => k.Bank == p.Bank && k.Type == p.Type)
                ?? new KeptPartition(p.Bank!.Value, p.Type!.Value, manifest.RunId, manifest.InputsHash))
            .ToList();
    }

    /// <summary>The folder's manifest.json.</summary>
    public RunManifest Manifest { get; }

    /// <summary>The figures (summary.json) of the partitions outside the re-run's scope, as the folder has them.</summary>
    public IReadOnlyList<PartitionSummary> KeptSummaries { get; }

    /// <summary>The partitions kept, with the run that wrote each (for the new manifest.json).</summary>
    public IReadOnlyList<KeptPartition> Kept { get; }

    /// <summary>
    /// Reads the published folder of <paramref name="businessDate"/> at <paramref name="folder"/> for a re-run of
    /// <paramref name="scope"/>: null when there is none (the first run of the day) or when the scope is every
    /// partition (nothing to keep).
    /// </summary>
    public static EarlierDayFolder? Open(
        string folder, LocalDate businessDate, int timingWindowDays, RunScope scope, int retentionDays = Core.Reconciliation.ReconcileOptions.DefaultRetentionDays)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if ((scope.Bank is null && scope.Type is null) || !Directory.Exists(folder))
        {
            return null;
        }
        string manifestPath = Path.Combine(folder, DayOutput.Manifest);
        if (!File.Exists(manifestPath))
        {
            throw Refused(manifestPath, 0, "the day's folder has no manifest.json, so its files cannot be verified");
        }
        RunManifest manifest;
        try
        {
            manifest = ManifestJson.Read(manifestPath);
        }
        catch (FormatException e)
        {
            throw Refused(manifestPath, 0, $"not a manifest this engine wrote ({e.Message})");
        }
        string day = LocalDatePattern.Iso.Format(businessDate);
        if (manifest.BusinessDate != businessDate)
        {
            throw Refused(manifestPath, 0, $"business_date is {LocalDatePattern.Iso.Format(manifest.BusinessDate)}, not {day}");
        }
        if (manifest.TimingWindowDays != timingWindowDays)
        {
            throw Refused(
                manifestPath,
                0,
                $"the day was run with --window {manifest.TimingWindowDays}, this re-run has --window {timingWindowDays}: the other partitions' rows would not be comparable");
        }
        if (manifest.RetentionDays != retentionDays)
        {
            throw Refused(
                manifestPath,
                0,
                $"the day was run with --retention-days {manifest.RetentionDays}, this re-run has --retention-days {retentionDays}: the other partitions' rows would not be comparable");
        }
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (OutputFile f in manifest.Outputs)
        {
            hashes[f.Name] = f.Sha256;
        }
        foreach (string name in new[] { DayOutput.Discrepancies, DayOutput.InTransit, DayOutput.Matches, DayOutput.Inventory, DayOutput.Summary })
        {
            if (!hashes.ContainsKey(name))
            {
                throw Refused(manifestPath, 0, $"lists no {name}");
            }
            if (!File.Exists(Path.Combine(folder, name)))
            {
                throw Refused(Path.Combine(folder, name), 0, "missing from the day's folder");
            }
        }

        string summaryPath = Path.Combine(folder, DayOutput.Summary);
        byte[] summaryBytes = File.ReadAllBytes(summaryPath);
        string summarySha = Convert.ToHexStringLower(SHA256.HashData(summaryBytes));
        if (!string.Equals(summarySha, hashes[DayOutput.Summary], StringComparison.OrdinalIgnoreCase))
        {
            throw Refused(summaryPath, 0, $"its SHA-256 is {summarySha}, manifest.json says {hashes[DayOutput.Summary]}: the file was changed after the run wrote it");
        }
        IReadOnlyList<PartitionSummary> partitions;
        try
        {
            partitions = SummaryJson.ReadPartitions(summaryBytes);
        }
        catch (FormatException e)
        {
            throw Refused(summaryPath, 0, $"not a summary this engine wrote ({e.Message})");
        }
        var kept = partitions.Where(p => !Covers(scope, p.Bank!.Value, p.Type!.Value)).ToList();

        // Which partition each account's matches.csv rows belong to: inventory.csv has a row for every account with a result.
        var accounts = new Dictionary<string, (Bank, EscrowType)>(StringComparer.Ordinal);
        string inventoryPath = Path.Combine(folder, DayOutput.Inventory);
        using (var inventory = KeptCsv.Open(inventoryPath, hashes[DayOutput.Inventory], InventoryCsv.Header, record =>
        {
            accounts[KeptCsv.Cell(record, 3)] = Partition(KeptCsv.Cell(record, 1), KeptCsv.Cell(record, 2));
            return null;
        }))
        {
            inventory.Finish();
        }
        return new EarlierDayFolder(folder, scope, manifest, hashes, kept, accounts);
    }

    /// <summary>Whether the re-run's scope covers the partition (its rows are the re-run's, not kept).</summary>
    public static bool Covers(RunScope scope, Bank bank, EscrowType type)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return (scope.Bank is null || scope.Bank == bank) && (scope.Type is null || scope.Type == type);
    }

    /// <summary>A refusal naming the folder's file: the CLI prints it and exits 2.</summary>
    internal static InputException Refused(string path, int line, string problem) =>
        new(path, line, null, problem + "; run the whole day (without --bank/--type) to write the folder again");

    /// <summary>The kept rows of discrepancies.csv or in_transit.csv (cells 2 and 3: bank, escrow_type).</summary>
    internal KeptCsv Findings(string name) => Open(name, FindingRow.Header, 2, 3);

    /// <summary>The kept rows of inventory.csv (cells 1 and 2: bank, escrow_type).</summary>
    internal KeptCsv Inventory() => Open(DayOutput.Inventory, InventoryCsv.Header, 1, 2);

    /// <summary>The kept rows of matches.csv, by account (cell 0), whose partition inventory.csv gives.</summary>
    internal KeptCsv Matches()
    {
        string path = Path.Combine(_folder, DayOutput.Matches);
        string? lastAccount = null;
        string? lastKey = null;
        return KeptCsv.Open(path, _hashes[DayOutput.Matches], MatchesCsv.Header, record =>
        {
            string account = KeptCsv.Cell(record, 0);
            if (string.Equals(account, lastAccount, StringComparison.Ordinal))
            {
                return lastKey;
            }
            if (!_accounts.TryGetValue(account, out (Bank Bank, EscrowType Type) p))
            {
                throw new FormatException($"account {account} has pairs but no row in inventory.csv");
            }
            lastAccount = account;
            lastKey = Covers(_scope, p.Bank, p.Type) ? null : account;
            return lastKey;
        });
    }

    private static (Bank, EscrowType) Partition(string bank, string type) =>
        Enum.TryParse(bank, out Bank b) && Enum.TryParse(type, out EscrowType t) && Enum.IsDefined(b) && Enum.IsDefined(t)
            ? (b, t)
            : throw new FormatException($"'{bank}' / '{type}' is not a bank and escrow type");

    private KeptCsv Open(string name, IReadOnlyList<string> header, int bankCell, int typeCell)
    {
        string path = Path.Combine(_folder, name);
        return KeptCsv.Open(path, _hashes[name], header, record =>
        {
            string bank = KeptCsv.Cell(record, bankCell);
            string type = KeptCsv.Cell(record, typeCell);
            (Bank b, EscrowType t) = Partition(bank, type);
            return Covers(_scope, b, t) ? null : KeptCsv.PartitionOrderKey(bank, type);
        });
    }
}
