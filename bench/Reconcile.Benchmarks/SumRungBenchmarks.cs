using BenchmarkDotNet.Attributes;
using NodaTime;
using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;

namespace Reconcile.Benchmarks;

/// <summary>
/// The worst case of rungs 6 (SPLIT) and 7 (PARTIAL): every bank line of the day is left open by rungs 1–5 and has a
/// key with the most that is still searched (12 open SUCCESS entries and 12 lines per sub-account), and no set adds up,
/// so every line (Split) or every entry (Partial) tries all 781 sets of 2–4. The time per line must not grow with the
/// day: compare <see cref="Lines"/> = 12 000 with 120 000. docs/BENCHMARKS.md has the figures.
/// </summary>
public class SumRungBenchmarks
{
    private const int PerKey = 12;
    private static readonly LocalDate Date = new(2024, 11, 6);
    private static readonly EscrowAccount Account = new(
        "8110701234500000", Bank.CITIC, EscrowType.RENOVATION, "上海", "基准装修资金存管户", new LocalDate(2022, 7, 15), new SourceRef("accounts.csv", 2));

    private AccountDayInput _split = null!;
    private AccountDayInput _partial = null!;

    [Params(12_000, 120_000)]
    public int Lines { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // Split: lines far larger than any four entries of their key. Partial: entries far larger than any four lines.
        _split = Day(lineYuan: k => 1_000_000m + k, entryYuan: k => 1_000m + (k * 37.01m));
        _partial = Day(lineYuan: k => 1_000m + (k * 37.01m), entryYuan: k => 1_000_000m + k);
        Console.WriteLine($"// {Lines} bank lines and {Lines} ledger entries in {Lines / PerKey} sub-accounts of {PerKey} each");
    }

    [Benchmark]
    public int Split() => AccountReconciler.Reconcile(_split).Matches.Count;

    /// <summary>
    /// <c>dotnet run -c Release --project bench/Reconcile.Benchmarks -- sums [RUNS]</c>: the minimum and median of RUNS
    /// timed calls per case, for a machine too busy for BenchmarkDotNet's short job (the minimum is what load did not
    /// add to). Builds of the engine before rungs 6–7 run the same days: compare the two.
    /// </summary>
    public static void Measure(int runs)
    {
        Console.WriteLine("| case | lines | wall min ms | wall median ms | CPU min ms | µs per line (wall min) | allocated MB |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (int lines in new[] { 12_000, 120_000 })
        {
            var bench = new SumRungBenchmarks { Lines = lines };
            bench.Setup();
            foreach ((string name, Func<int> run) in new (string, Func<int>)[] { ("Split", bench.Split), ("Partial", bench.Partial) })
            {
                run();
                var times = new List<double>(runs);
                long allocated = 0;
                var cpu = new List<double>(runs);
                using var process = System.Diagnostics.Process.GetCurrentProcess();
                for (int i = 0; i < runs; i++)
                {
                    GC.Collect();
                    GC.WaitForPendingFinalizers();
                    long before = GC.GetTotalAllocatedBytes(precise: true);
                    process.Refresh();
                    TimeSpan cpuBefore = process.TotalProcessorTime;
                    var clock = System.Diagnostics.Stopwatch.StartNew();
                    run();
                    times.Add(clock.Elapsed.TotalMilliseconds);
                    process.Refresh();
                    cpu.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
                    allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
                }
                times.Sort();
                cpu.Sort();
                Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"| {name} | {lines} | {times[0]:F1} | {times[runs / 2]:F1} | {cpu[0]:F1} | {times[0] * 1000 / lines:F2} | {allocated / 1048576.0:F1} |"));
            }
        }
    }

    [Benchmark]
    public int Partial() => AccountReconciler.Reconcile(_partial).Matches.Count;

    private AccountDayInput Day(Func<int, decimal> lineYuan, Func<int, decimal> entryYuan)
    {
        var lines = new List<BankLine>(Lines);
        var entries = new List<LedgerEntry>(Lines);
        Money balance = Money.Zero;
        Money credits = Money.Zero;
        for (int i = 0; i < Lines; i++)
        {
            string sub = "SA" + (i / PerKey).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
            string n = i.ToString("D7", System.Globalization.CultureInfo.InvariantCulture);
            Money lineAmount = Money.FromYuan(lineYuan(i % PerKey));
            balance += lineAmount;
            credits += lineAmount;
            lines.Add(new BankLine(Bank.CITIC, Account.AccountNo, Date, null, "S" + n, Direction.IN, lineAmount, balance, sub, null, null, null, null, null,
                null, "转入", "", null, i, new SourceRef("statement.csv", i + 2)));
            entries.Add(new LedgerEntry("L" + n, "O" + n, "ZX" + n, sub, Bank.CITIC, Account.AccountNo, EscrowType.RENOVATION, LedgerKind.DEPOSIT,
                Money.FromYuan(entryYuan(i % PerKey)), LedgerStatus.SUCCESS, Instant.FromUtc(2024, 11, 6, 1, 0), null, Date, null, null, null, null, null, "",
                new SourceRef("ledger.csv", i + 2)));
        }
        var statement = new StatementSummary("statement.csv", Bank.CITIC, Account.AccountNo, Date, Money.Zero, balance, credits, Money.Zero, lines.Count, []);
        return new AccountDayInput(Account, Date, statement, lines, entries, [], AccountState.Empty(Account.AccountNo), ReconcileOptions.Default);
    }
}
