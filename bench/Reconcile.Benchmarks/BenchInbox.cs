using NodaTime;
using Reconcile.Core.Model;
using Reconcile.Formats;
using Reconcile.Samples;

namespace Reconcile.Benchmarks;

/// <summary>
/// A one-day inbox made once by the sample generator (seed 1) and kept under the temp directory, so each
/// benchmark process reuses it; the statement file of each bank with the most rows stands for that bank.
/// </summary>
public sealed class BenchInbox
{
    public const int Lines = 100_000;

    public static readonly LocalDate Date = new(2024, 11, 6);

    private static readonly Lazy<BenchInbox> s_instance = new(Load);

    private BenchInbox(string dayDir, AccountRegistry registry, IReadOnlyDictionary<Bank, string> statementOf)
    {
        DayDir = dayDir;
        Registry = registry;
        StatementOf = statementOf;
    }

    public static BenchInbox Instance => s_instance.Value;

    public string DayDir { get; }

    public string LedgerPath => Path.Combine(DayDir, "ledger.csv");

    public string SubAccountsPath => Path.Combine(DayDir, "subaccounts.csv");

    public AccountRegistry Registry { get; }

    /// <summary>The largest statement file of each bank.</summary>
    public IReadOnlyDictionary<Bank, string> StatementOf { get; }

    public IEnumerable<string> Statements => Directory.EnumerateFiles(Path.Combine(DayDir, "statements"), "*.csv")
        .Order(StringComparer.Ordinal);

    private static BenchInbox Load()
    {
        string root = Path.Combine(Path.GetTempPath(), "reconcile-bench", $"{Lines}-seed1");
        if (!File.Exists(Path.Combine(root, "accounts.csv")))
        {
            string staging = $"{root}.{Environment.ProcessId}";
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
            SampleGenerator.Generate(new SampleOptions(staging, Date, Days: 1, Lines: Lines, Seed: 1));
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
            Directory.CreateDirectory(Path.GetDirectoryName(root)!);
            Directory.Move(staging, root);
        }
        AccountRegistry registry = AccountsReader.Read(Path.Combine(root, "accounts.csv"));
        string dayDir = Path.Combine(root, Date.ToString("yyyy-MM-dd", null));
        var largest = new Dictionary<Bank, (string Path, int Rows)>();
        foreach (string file in Directory.EnumerateFiles(Path.Combine(dayDir, "statements"), "*.csv").Order(StringComparer.Ordinal))
        {
            int rows = 0;
            StatementSummary summary = StatementReader.Read(file, registry, _ => rows++);
            if (!largest.TryGetValue(summary.Bank, out var best) || rows > best.Rows)
            {
                largest[summary.Bank] = (file, rows);
            }
        }
        return new BenchInbox(dayDir, registry, largest.ToDictionary(p => p.Key, p => p.Value.Path));
    }
}
