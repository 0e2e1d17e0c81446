using System.Collections.Concurrent;
using Akka.Actor;
using NodaTime;
using NodaTime.Text;
using Reconcile.Core.Model;
using Reconcile.Formats;

namespace Reconcile.Engine.Pipeline;

/// <summary>What the readers found: every statement's summary (by file name) and the row counts of the other files.</summary>
public sealed record FeedReport(IReadOnlyList<StatementSummary> Statements, int AccountRows, int LedgerRows, int SubAccountRows);

/// <summary>
/// Streams the day's statements, ledger and sub-account balances into the partitions: one reader thread per file (up
/// to <see cref="MaxStatementReaders"/> statement files at a time, plus the ledger and the sub-accounts), each posting
/// bounded, acknowledged batches (<see cref="BatchSink{T}"/>). Rows of accounts outside the run's scope are read (and
/// validated) but not sent. Checks the day's rules on the way: every statement and row books on the run's day, every
/// ledger entry's accounting_date is the run's day, one statement per account. The first input error cancels the other
/// readers and is what the returned task throws.
/// </summary>
public static class InputFeeder
{
    public static readonly int MaxStatementReaders = Math.Clamp(Environment.ProcessorCount, 1, 8);

    public static async Task<FeedReport> FeedAsync(
        JobPlan plan,
        IReadOnlyDictionary<PartitionKey, IActorRef> partitions,
        CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var statements = new ConcurrentBag<StatementSummary>();
        var statementOf = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var queue = new ConcurrentQueue<string>(plan.Inbox.StatementFiles);
        int ledgerRows = 0;
        int subAccountRows = 0;

        var tasks = new List<Task>();
        int readers = Math.Min(MaxStatementReaders, plan.Inbox.StatementFiles.Count);
        for (int i = 0; i < readers; i++)
        {
            tasks.Add(OnThread(cts, () =>
            {
                while (queue.TryDequeue(out string? file))
                {
                    cts.Token.ThrowIfCancellationRequested();
                    statements.Add(ReadStatement(plan, file, partitions, statementOf, cts.Token));
                }
            }));
        }
        tasks.Add(OnThread(cts, () => ledgerRows = ReadLedger(plan, partitions, cts.Token)));
        tasks.Add(OnThread(cts, () => subAccountRows = ReadSubAccounts(plan, partitions, cts.Token)));

        try
        {
            await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        catch (Exception) when (tasks.Any(t => t.IsFaulted))
        {
            // The first input error wins over the cancellations it caused in the other readers.
            var errors = tasks.Where(t => t.IsFaulted).Select(t => t.Exception!.GetBaseException()).ToList();
            Exception chosen = errors.FirstOrDefault(e => e is InputException)
                ?? errors.FirstOrDefault(e => e is not OperationCanceledException)
                ?? errors[0];
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(chosen);
        }
        var ordered = statements.OrderBy(s => s.File, StringComparer.Ordinal).ToList();
        return new FeedReport(ordered, plan.Registry.Accounts.Count, ledgerRows, subAccountRows);
    }

    private static Task OnThread(CancellationTokenSource cts, Action body) => Task.Factory.StartNew(
        () =>
        {
            try
            {
                body();
            }
            catch
            {
                cts.Cancel();
                throw;
            }
        },
        cts.Token,
        TaskCreationOptions.LongRunning,
        TaskScheduler.Default);

    private static StatementSummary ReadStatement(
        JobPlan plan,
        string file,
        IReadOnlyDictionary<PartitionKey, IActorRef> partitions,
        ConcurrentDictionary<string, string> statementOf,
        CancellationToken ct)
    {
        LocalDate day = plan.BusinessDate;
        var sink = new BatchSink<BankLine>(partitions, (p, lines) => new BankLineBatch(p, lines), plan.BatchSize, ct);
        StatementSummary summary = StatementReader.Read(file, plan.Registry, line =>
        {
            ct.ThrowIfCancellationRequested();
            if (line.BookingDate != day)
            {
                throw new InputException(
                    line.Source.File,
                    line.Source.Line,
                    line.Bank == Bank.PAB ? "记账日期" : "交易日期",
                    $"the row books on {Iso(line.BookingDate)}, but the statements of the {Iso(day)} folder must book on {Iso(day)}");
            }
            EscrowAccount account = Account(plan, line.AccountNo, line.Source, "账号");
            if (plan.InScope(account))
            {
                sink.Add(PartitionKey.Of(account), line);
            }
        });
        if (summary.BookingDate != day)
        {
            throw new InputException(
                file,
                0,
                null,
                $"the statement is for {Iso(summary.BookingDate)}, but it is in the folder of {Iso(day)}");
        }
        EscrowAccount owner = Account(plan, summary.AccountNo, new SourceRef(file, 0), null);
        string first = statementOf.GetOrAdd(summary.AccountNo, file);
        if (!string.Equals(first, file, StringComparison.Ordinal))
        {
            string[] both = [first, file];
            Array.Sort(both, StringComparer.Ordinal);
            throw new InputException(
                both[1],
                0,
                null,
                $"a second statement of account {summary.AccountNo} for {Iso(day)} (the other is {both[0]}): drop one of them");
        }
        if (plan.InScope(owner))
        {
            sink.Flush();
            sink.Send(PartitionKey.Of(owner), new StatementRead(PartitionKey.Of(owner), summary));
        }
        sink.Flush();
        return summary;
    }

    private static int ReadLedger(JobPlan plan, IReadOnlyDictionary<PartitionKey, IActorRef> partitions, CancellationToken ct)
    {
        LocalDate day = plan.BusinessDate;
        var sink = new BatchSink<LedgerEntry>(partitions, (p, entries) => new LedgerEntryBatch(p, entries), plan.BatchSize, ct);
        int rows = LedgerReader.Read(plan.Inbox.LedgerFile, plan.Registry, entry =>
        {
            ct.ThrowIfCancellationRequested();
            if (entry.AccountingDate != day)
            {
                throw new InputException(
                    entry.Source.File,
                    entry.Source.Line,
                    "accounting_date",
                    $"{Iso(entry.AccountingDate)}: the ledger export of the {Iso(day)} folder must hold the entries of {Iso(day)}");
            }
            EscrowAccount account = Account(plan, entry.EscrowAccountNo, entry.Source, "escrow_account_no");
            if (plan.InScope(account))
            {
                sink.Add(PartitionKey.Of(account), entry);
            }
        });
        sink.Flush();
        return rows;
    }

    private static int ReadSubAccounts(JobPlan plan, IReadOnlyDictionary<PartitionKey, IActorRef> partitions, CancellationToken ct)
    {
        var sink = new BatchSink<SubAccountBalance>(partitions, (p, rows) => new SubAccountBatch(p, rows), plan.BatchSize, ct);
        int rows = SubAccountsReader.Read(plan.Inbox.SubAccountsFile, plan.Registry, row =>
        {
            ct.ThrowIfCancellationRequested();
            EscrowAccount account = Account(plan, row.EscrowAccountNo, row.Source, "escrow_account_no");
            if (plan.InScope(account))
            {
                sink.Add(PartitionKey.Of(account), row);
            }
        });
        sink.Flush();
        return rows;
    }

    private static EscrowAccount Account(JobPlan plan, string accountNo, SourceRef source, string? column) =>
        plan.Registry.TryGet(accountNo, out EscrowAccount account)
            ? account
            : throw new InputException(source.File, source.Line, column, $"account {accountNo} is not in accounts.csv");

    private static string Iso(LocalDate date) => LocalDatePattern.Iso.Format(date);
}
