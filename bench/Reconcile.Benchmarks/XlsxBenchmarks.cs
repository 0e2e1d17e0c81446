using BenchmarkDotNet.Attributes;
using NodaTime;
using Reconcile.Application.Export;
using Reconcile.Core.Cases;
using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;
using Reconcile.Engine.Store;

namespace Reconcile.Benchmarks;

/// <summary>
/// The case file's workbook at 100,000 cases (and their 300,000 history events): the streamed Open XML writer the
/// exports use against ClosedXML's in-memory model they used before.
/// </summary>
[MemoryDiagnoser]
public class XlsxBenchmarks
{
    private InventoryPeriod _period = null!;
    private IReadOnlyList<ExportTable> _tables = null!;

    [Params(100_000)]
    public int Cases { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var from = new LocalDate(2024, 11, 1);
        var to = new LocalDate(2024, 11, 30);
        var account = (AccountNo: "38450188000123456", Bank: Bank.CEB);
        var cases = new List<ExportedCase>(Cases);
        Instant at = Instant.FromUtc(2024, 11, 2, 1, 0);
        for (int i = 0; i < Cases; i++)
        {
            string id = $"D-{i:x16}";
            LocalDate first = from.PlusDays(i % 30);
            var summary = new CaseSummary(id, Bank.CEB, EscrowType.SECOND_HAND, account.AccountNo, Category.BANK_ONLY, Direction.IN,
                Money.FromFen(1_000_00 + i), null, $"S{i:D12}", [], first, to, 0, CaseStatus.OPEN, i % 3 == 0 ? "wang" : null,
                $"BANK_ONLY: bank {1000 + i}.00 not in the ledger");
            var discrepancy = new Discrepancy(id, Category.BANK_ONLY, Bank.CEB, EscrowType.SECOND_HAND, account.AccountNo, Direction.IN, Money.FromFen(1_000_00 + i), null,
                $"S{i:D12}", [], null, null, first, summary.Detail, ProofEffect.None, null, [], []);
            CaseEvent[] events =
            [
                new(id, CaseEventKind.RAISED, at, "system", null, null, "R-1", first),
                new(id, CaseEventKind.ASSIGNED, at.Plus(Duration.FromHours(1)), "lead", "wang", null, null, null),
                new(id, CaseEventKind.COMMENTED, at.Plus(Duration.FromHours(2)), "wang", "called the bank", null, null, null),
            ];
            CaseState state = CaseState.Fold(events)!;
            cases.Add(new ExportedCase(summary, discrepancy, state, state, events, 3));
        }
        _period = new InventoryPeriod(from, to, [], [], [], cases);
        _tables = ExportTables.CaseFileTables(_period);
    }

    /// <summary>`dotnet run -c Release -- xlsx [CASES]`: each writer three times, wall time and bytes allocated.</summary>
    public static void Compare(int cases)
    {
        var b = new XlsxBenchmarks { Cases = cases };
        b.Setup();
        Console.WriteLine($"case file of {cases:N0} cases and {b._period.HistoryEvents:N0} history events, {Environment.ProcessorCount} cores");
        foreach ((string name, Func<int> run) in new (string, Func<int>)[] { ("streamed SpreadsheetML", b.Streamed), ("ClosedXML 0.95.4", b.ClosedXml) })
        {
            run();
            var times = new List<double>();
            long allocated = 0;
            int size = 0;
            for (int i = 0; i < 3; i++)
            {
                long before = GC.GetTotalAllocatedBytes(precise: true);
                var sw = System.Diagnostics.Stopwatch.StartNew();
                size = run();
                times.Add(sw.Elapsed.TotalSeconds);
                allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            }
            times.Sort();
            Console.WriteLine($"{name,-26} median {times[1]:0.00} s (min {times[0]:0.00}, max {times[2]:0.00})  allocated {allocated / 1048576.0:N0} MiB  file {size / 1048576.0:0.0} MiB");
        }
    }

    [Benchmark(Baseline = true)]
    public int ClosedXml() => InventoryWorkbook.BuildWithClosedXml(_period, _tables).Length;

    [Benchmark]
    public int Streamed() => InventoryWorkbook.Build(_period, _tables).Length;
}
