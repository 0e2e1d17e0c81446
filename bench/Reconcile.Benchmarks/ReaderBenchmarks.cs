using BenchmarkDotNet.Attributes;
using Reconcile.Core.Model;
using Reconcile.Formats;

namespace Reconcile.Benchmarks;

/// <summary>The three statement readers (the largest file of each bank) and the ledger reader, from disk (page cache warm).</summary>
public class ReaderBenchmarks
{
    private BenchInbox _inbox = null!;

    [GlobalSetup]
    public void Setup() => _inbox = BenchInbox.Instance;

    [Benchmark]
    public int CebStatement() => ReadStatement(Bank.CEB);

    [Benchmark]
    public int CiticStatement() => ReadStatement(Bank.CITIC);

    [Benchmark]
    public int PabStatement() => ReadStatement(Bank.PAB);

    [Benchmark]
    public int Ledger()
    {
        long sum = 0;
        int rows = LedgerReader.Read(_inbox.LedgerPath, _inbox.Registry, e => sum += e.EntryId.Length);
        return rows + (int)(sum & 1);
    }

    private int ReadStatement(Bank bank)
    {
        int rows = 0;
        StatementReader.Read(_inbox.StatementOf[bank], _inbox.Registry, _ => rows++);
        return rows;
    }
}
