using BenchmarkDotNet.Attributes;
using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;
using Reconcile.Formats;

namespace Reconcile.Benchmarks;

/// <summary>
/// <see cref="AccountReconciler.Reconcile"/> on a fixed in-memory day: the account of the generated inbox with the
/// most bank lines, its statement, ledger entries and sub-accounts, and no previous state.
/// </summary>
public class ReconcilerBenchmarks
{
    private AccountDayInput _input = null!;

    /// <summary>The account-day reconciled (set up by <see cref="Setup"/>).</summary>
    public AccountDayInput Input => _input;

    [GlobalSetup]
    public void Setup()
    {
        BenchInbox inbox = BenchInbox.Instance;
        var lines = new List<BankLine>();
        var statements = new List<StatementSummary>();
        foreach (string file in inbox.Statements)
        {
            statements.Add(StatementReader.Read(file, inbox.Registry, lines.Add));
        }
        string accountNo = lines.GroupBy(l => l.AccountNo, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .First().Key;
        var entries = new List<LedgerEntry>();
        LedgerReader.Read(inbox.LedgerPath, inbox.Registry, e =>
        {
            if (e.EscrowAccountNo == accountNo)
            {
                entries.Add(e);
            }
        });
        var subAccounts = new List<SubAccountBalance>();
        SubAccountsReader.Read(inbox.SubAccountsPath, inbox.Registry, s =>
        {
            if (s.EscrowAccountNo == accountNo)
            {
                subAccounts.Add(s);
            }
        });
        inbox.Registry.TryGet(accountNo, out EscrowAccount account);
        _input = new AccountDayInput(
            account,
            BenchInbox.Date,
            statements.First(s => s.AccountNo == accountNo),
            lines.Where(l => l.AccountNo == accountNo).ToList(),
            entries,
            subAccounts,
            AccountState.Empty(accountNo),
            ReconcileOptions.Default);
        Console.WriteLine($"// account {accountNo}: {_input.BankLines.Count} bank lines, {entries.Count} ledger entries, {subAccounts.Count} sub-accounts");
    }

    [Benchmark]
    public int ReconcileOneAccountDay() => AccountReconciler.Reconcile(_input).Matches.Count;
}
