using Akka.Actor;
using NodaTime;
using NodaTime.Text;
using Reconcile.Core.Model;
using Reconcile.Formats;

namespace Reconcile.Engine.Pipeline;

/// <summary>
/// What the readers found: every statement's summary (by file name), the row counts of the other files, and the SHA-256
/// of every input (inbox-relative path → lower-case hex).
/// </summary>
public sealed record FeedReport(
    IReadOnlyList<StatementSummary> Statements,
    int AccountRows,
    int LedgerRows,
    int SubAccountRows,
    IReadOnlyDictionary<string, string> Hashes);

/// <summary>
/// Reads the day's statements, ledger and sub-account balances for the partitions, on every core: each statement
/// file, each range of ledger.csv (<see cref="LedgerReader.Split"/>), sub_accounts.csv and each file's SHA-256 is one
/// item for the <see cref="FeedScheduler"/>. Reading needs neither the actors nor the store, so a run starts it before
/// its host is up (<see cref="InputRead"/>); the partitions get the batches once they exist: one message per
/// statement file and per ledger range and partition (the ranges in file order, so each account's entries arrive in
/// file order), then each statement's summary, each acknowledged. Rows of accounts outside the run's scope are read
/// (and validated) but not kept. Checks the day's rules on the way: every statement and row books on the run's day,
/// every ledger entry's accounting_date is the run's day, one statement per account. With several input errors, the
/// one reported is the first in file order (accounts.csv, statements by name, ledger.csv, sub_accounts.csv), then line.
/// </summary>
public static class InputFeeder
{
    /// <summary>Reads every input of <paramref name="plan"/>; an input error is returned in the result, not thrown.</summary>
    internal static async Task<FeedResult> ReadAsync(JobPlan plan, IRunObserver observer, CancellationToken ct)
    {
        var feed = new Feed(plan, observer);
        List<FeedItem> items = feed.Items();
        FeedError? error = await FeedScheduler.RunAsync(items, ct).ConfigureAwait(false);
        error = Earliest(Earliest(error, feed.LedgerHeaderError), feed.SecondStatement());
        if (error is not null)
        {
            return new FeedResult(error.Error, [], null);
        }
        feed.AddStatements();
        return new FeedResult(null, feed.Outbox, feed.Report());
    }

    /// <summary>Sends what <see cref="ReadAsync"/> read to the partitions, in order, and waits for every acknowledgement.</summary>
    /// <exception cref="InputException">The input error the reading found.</exception>
    internal static async Task<FeedReport> DeliverAsync(FeedResult read, IReadOnlyDictionary<PartitionKey, IActorRef> partitions, CancellationToken ct)
    {
        if (read.Error is not null)
        {
            throw read.Error;
        }
        var acks = new List<Task<BatchAccepted>>(read.Outbox.Count);
        foreach (var (key, message) in read.Outbox)
        {
            acks.Add(partitions[key].Ask<BatchAccepted>(message, ct));
        }
        await Task.WhenAll(acks).ConfigureAwait(false);
        return read.Report!;
    }

    /// <summary>What the reading found: an input error, or the messages for the partitions in sending order and the report.</summary>
    internal sealed record FeedResult(InputException? Error, List<(PartitionKey Key, IPartitionMessage Message)> Outbox, FeedReport? Report);

    private static FeedError? Earliest(FeedError? a, FeedError? b) => a is null ? b : b is null ? a : a.CompareTo(b) <= 0 ? a : b;

    /// <summary>One run's reading: the items, what they found, and the sending to the partitions.</summary>
    private sealed class Feed
    {
        private readonly JobPlan _plan;
        private readonly IRunObserver _observer;
        private readonly string[] _files;
        private readonly StatementSummary?[] _statements;
        private readonly string?[] _hashes;
        private readonly Lock _sending = new();
        // One pool for every file of the day: a contract or sub-account number in a statement and the ledger is one string.
        private readonly TextPool _text = new();
        private LedgerParts? _ledger;
        private Dictionary<PartitionKey, List<LedgerEntry>>?[] _ledgerParts = [];
        private int _nextLedgerPart;
        private int _ledgerRows;
        private int _subAccountRows;

        /// <summary>The messages for the partitions, in sending order (appended under the sending lock).</summary>
        public List<(PartitionKey Key, IPartitionMessage Message)> Outbox { get; } = [];

        /// <summary>ledger.csv's header could not be read: the file is not cut into parts, and this competes in file order.</summary>
        public FeedError? LedgerHeaderError { get; private set; }

        public Feed(JobPlan plan, IRunObserver observer)
        {
            _plan = plan;
            _observer = observer;
            _files = plan.Inbox.AllFiles.ToArray();
            _statements = new StatementSummary?[_files.Length];
            _hashes = new string?[_files.Length];
        }

        private InboxLayout Inbox => _plan.Inbox;

        private LocalDate Day => _plan.BusinessDate;

        public List<FeedItem> Items()
        {
            var items = new List<FeedItem>();
            for (int f = 0; f < _files.Length; f++)
            {
                int file = f;
                long bytes = new FileInfo(_files[file]).Length;
                // Hashing runs at about five times the speed of parsing; the hash of a file with an error is never used.
                items.Add(new FeedItem(file, int.MaxValue, bytes / 5, _ => _hashes[file] = Outputs.DayOutput.Sha256Of(_files[file])));
                if (string.Equals(_files[file], Inbox.LedgerFile, StringComparison.Ordinal))
                {
                    items.AddRange(LedgerItems(file));
                }
                else if (string.Equals(_files[file], Inbox.SubAccountsFile, StringComparison.Ordinal))
                {
                    items.Add(new FeedItem(file, 0, bytes, ReadSubAccounts));
                }
                else if (file > 0)
                {
                    items.Add(new FeedItem(file, 0, bytes, c => ReadStatement(file, c)));
                }
            }
            return items;
        }

        private IEnumerable<FeedItem> LedgerItems(int file)
        {
            try
            {
                // Parts of at least a few MiB, a few per core, so that the last part to finish is short.
                _ledger = LedgerReader.Split(Inbox.LedgerFile, FeedScheduler.Workers * 4, Inbox.Relative(Inbox.LedgerFile));
            }
            catch (InputException e)
            {
                LedgerHeaderError = new FeedError(file, 0, e);
                return [];
            }
            return LedgerPartItems(file, _ledger);
        }

        private IEnumerable<FeedItem> LedgerPartItems(int file, LedgerParts ledger)
        {
            _ledgerParts = new Dictionary<PartitionKey, List<LedgerEntry>>?[ledger.Count];
            long bytes = new FileInfo(Inbox.LedgerFile).Length;
            var items = new List<FeedItem>(ledger.Count);
            for (int p = 0; p < ledger.Count; p++)
            {
                int part = p;
                items.Add(new FeedItem(file, part, bytes / ledger.Count, c => ReadLedgerPart(part, c)));
            }
            return items;
        }

        private void ReadStatement(int file, CancellationToken ct)
        {
            string path = _files[file];
            var routes = new Routes<BankLine>(_plan, path);
            StatementSummary summary = StatementReader.Read(path, _plan.Registry, line =>
            {
                ct.ThrowIfCancellationRequested();
                if (line.BookingDate != Day)
                {
                    throw new InputException(
                        path,
                        line.Source.Line,
                        line.Bank == Bank.PAB ? "记账日期" : "交易日期",
                        $"the row books on {Iso(line.BookingDate)}, but the statements of the {Iso(Day)} folder must book on {Iso(Day)}");
                }
                routes.Add(line.AccountNo, line.Source, "账号", line);
            }, _text, Inbox.Relative(path));
            if (summary.BookingDate != Day)
            {
                throw new InputException(path, 0, null, $"the statement is for {Iso(summary.BookingDate)}, but it is in the folder of {Iso(Day)}");
            }
            Account(_plan, summary.AccountNo, path, 0, null);
            _statements[file] = summary;
            lock (_sending)
            {
                foreach (var (key, lines) in routes.ByPartition)
                {
                    Send(key, new BankLineBatch(key, lines));
                    _observer.Read(key, lines.Count, 0);
                }
            }
        }

        private void ReadLedgerPart(int part, CancellationToken ct)
        {
            var routes = new Routes<LedgerEntry>(_plan, Inbox.LedgerFile);
            int rows = LedgerReader.ReadPart(_ledger!, part, _plan.Registry, entry =>
            {
                ct.ThrowIfCancellationRequested();
                if (entry.AccountingDate != Day)
                {
                    throw new InputException(
                        Inbox.LedgerFile,
                        entry.Source.Line,
                        "accounting_date",
                        $"{Iso(entry.AccountingDate)}: the ledger export of the {Iso(Day)} folder must hold the entries of {Iso(Day)}");
                }
                routes.Add(entry.EscrowAccountNo, entry.Source, "escrow_account_no", entry);
            }, _text);
            Interlocked.Add(ref _ledgerRows, rows);
            lock (_sending)
            {
                // Parts go out in file order: this one and any finished parts after it, once those before it are out.
                _ledgerParts[part] = routes.ByPartition;
                while (_nextLedgerPart < _ledgerParts.Length && _ledgerParts[_nextLedgerPart] is { } ready)
                {
                    foreach (var (key, entries) in ready)
                    {
                        Send(key, new LedgerEntryBatch(key, entries));
                        _observer.Read(key, 0, entries.Count);
                    }
                    _ledgerParts[_nextLedgerPart++] = null;
                }
            }
        }

        private void ReadSubAccounts(CancellationToken ct)
        {
            var routes = new Routes<SubAccountBalance>(_plan, Inbox.SubAccountsFile);
            _subAccountRows = SubAccountsReader.Read(Inbox.SubAccountsFile, _plan.Registry, row =>
            {
                ct.ThrowIfCancellationRequested();
                routes.Add(row.EscrowAccountNo, row.Source, "escrow_account_no", row);
            }, Inbox.Relative(Inbox.SubAccountsFile));
            lock (_sending)
            {
                foreach (var (key, rows) in routes.ByPartition)
                {
                    Send(key, new SubAccountBatch(key, rows));
                }
            }
        }

        /// <summary>A second statement of an account, reported on the later file by name.</summary>
        public FeedError? SecondStatement()
        {
            var first = new Dictionary<string, string>(StringComparer.Ordinal);
            for (int file = 0; file < _files.Length; file++)
            {
                if (_statements[file] is not { } s)
                {
                    continue;
                }
                if (first.TryGetValue(s.AccountNo, out string? other))
                {
                    return new FeedError(file, 0, new InputException(
                        _files[file],
                        0,
                        null,
                        $"a second statement of account {s.AccountNo} for {Iso(Day)} (the other is {other}): drop one of them"));
                }
                first.Add(s.AccountNo, _files[file]);
            }
            return null;
        }

        /// <summary>Queues each statement's summary for its partition, after every batch of lines.</summary>
        public void AddStatements()
        {
            foreach (StatementSummary s in Statements())
            {
                EscrowAccount owner = Account(_plan, s.AccountNo, s.File, 0, null);
                if (_plan.InScope(owner))
                {
                    PartitionKey key = PartitionKey.Of(owner);
                    Send(key, new StatementRead(key, s));
                }
            }
        }

        public FeedReport Report()
        {
            var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
            for (int file = 0; file < _files.Length; file++)
            {
                hashes[Inbox.Relative(_files[file])] = _hashes[file]
                    ?? throw new InvalidOperationException($"{_files[file]} was not hashed");
            }
            return new FeedReport(Statements(), _plan.Registry.Accounts.Count, _ledgerRows, _subAccountRows, hashes);
        }

        private List<StatementSummary> Statements() =>
            _statements.OfType<StatementSummary>().OrderBy(s => s.File, StringComparer.Ordinal).ToList();

        /// <summary>Queues a message for a partition (while the readers run, under the sending lock).</summary>
        private void Send(PartitionKey key, IPartitionMessage message) => Outbox.Add((key, message));
    }

    /// <summary>
    /// One reader's rows of the accounts in scope, by partition; remembers the last account it looked up. An unknown
    /// account is reported on <paramref name="file"/> (the path, as messages name it) at the row's line.
    /// </summary>
    private sealed class Routes<T>(JobPlan plan, string file)
    {
        private string? _lastAccountNo;
        private List<T>? _last;
        private bool _lastInScope;

        public Dictionary<PartitionKey, List<T>> ByPartition { get; } = [];

        public void Add(string accountNo, SourceRef source, string column, T row)
        {
            if (!ReferenceEquals(accountNo, _lastAccountNo) && !string.Equals(accountNo, _lastAccountNo, StringComparison.Ordinal))
            {
                EscrowAccount account = Account(plan, accountNo, file, source.Line, column);
                _lastAccountNo = accountNo;
                _lastInScope = plan.InScope(account);
                PartitionKey key = PartitionKey.Of(account);
                if (_lastInScope && !ByPartition.TryGetValue(key, out _last))
                {
                    _last = [];
                    ByPartition.Add(key, _last);
                }
            }
            if (_lastInScope)
            {
                _last!.Add(row);
            }
        }
    }

    private static EscrowAccount Account(JobPlan plan, string accountNo, string file, int line, string? column) =>
        plan.Registry.TryGet(accountNo, out EscrowAccount account)
            ? account
            : throw new InputException(file, line, column, $"account {accountNo} is not in accounts.csv");

    private static string Iso(LocalDate date) => LocalDatePattern.Iso.Format(date);
}
