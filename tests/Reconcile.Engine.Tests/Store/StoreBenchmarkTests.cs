using System.Diagnostics;
using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;
using Reconcile.Engine.Hosting;
using Reconcile.Engine.Store;
using Xunit.Abstractions;

namespace Reconcile.Engine.Tests.Store;

/// <summary>Runs only with RECONCILE_STORE_BENCH=N (accounts per run): commit and reload time of one large run.</summary>
public sealed class StoreBenchmarkFactAttribute : FactAttribute
{
    public const string Variable = "RECONCILE_STORE_BENCH";

    public StoreBenchmarkFactAttribute()
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable(Variable), out _))
        {
            Skip = $"a measurement, not a test: set {Variable}=50000 (accounts per run) to run it";
        }
    }
}

public sealed class StoreBenchmarkTests(ITestOutputHelper output)
{
    [StoreBenchmarkFact]
    public async Task Commit_and_reload_of_a_large_run()
    {
        int n = int.Parse(Environment.GetEnvironmentVariable(StoreBenchmarkFactAttribute.Variable)!, System.Globalization.CultureInfo.InvariantCulture);
        string? pg = Environment.GetEnvironmentVariable("RECONCILE_STORE_BENCH_PG");
        using var tmp = new TempStore();
        StoreLocation location = pg is null ? tmp.Location : StoreLocation.PostgreSql(pg);
        var results = new List<AccountDayResult>(n);
        for (int i = 0; i < n; i++)
        {
            EscrowAccount a = S.Account("62" + i.ToString("D8", System.Globalization.CultureInfo.InvariantCulture), (Bank)(i % 3));
            OpenItem[] open = [S.BankItem(a.AccountNo, "S" + i + "a", 100 + i, S.D1, a.Bank), S.BankItem(a.AccountNo, "S" + i + "b", 200 + i, S.D1, a.Bank)];
            Discrepancy[] found = i % 10 == 0 ? [S.BankOnly(a, "S" + i + "a", 100 + i, S.D1)] : [];
            results.Add(S.Result(a, S.D1, 1_000_000 + i, found, open: open) with
            {
                Matches = [new MatchRecord(a.AccountNo, "M" + i, ["E" + i], MatchRule.BANK_SERIAL, Money.FromFen(5000))],
            });
        }
        var commit = new RunCommit(S.Run("R1", S.D1, "h", results), results);

        var sw = Stopwatch.StartNew();
        await using (ReconcileHost host = await ReconcileHost.StartAsync(location, tmp.Clock))
        {
            output.WriteLine($"start empty: {sw.ElapsedMilliseconds} ms");
            sw.Restart();
            await host.Store.CommitRunAsync(commit);
            output.WriteLine($"commit {n} results: {sw.ElapsedMilliseconds} ms");
        }
        byte[] record = JournalReader.Read(new StoreDatabase(location)).Last().Message;
        output.WriteLine($"journal record: {record.Length / 1024} KiB");

        sw.Restart();
        await using (ReconcileHost host = await ReconcileHost.StartAsync(location, tmp.Clock))
        {
            output.WriteLine($"start with history: {sw.ElapsedMilliseconds} ms");
            sw.Restart();
            var states = await host.Store.StatesBeforeAsync(results.Select(r => r.Account.AccountNo).ToList(), S.D2);
            output.WriteLine($"states before (all {states.Count}): {sw.ElapsedMilliseconds} ms");
            sw.Restart();
            var cases = await host.Store.ListCasesAsync(new CaseQuery());
            output.WriteLine($"list {cases.Count} open cases: {sw.ElapsedMilliseconds} ms");
            sw.Restart();
            var report = await host.Store.VerifyChainAsync();
            output.WriteLine($"verify chain: {sw.ElapsedMilliseconds} ms intact={report.Intact}");
            states.Should().HaveCount(n);
            cases.Should().HaveCount((n + 9) / 10);
        }
    }
}
