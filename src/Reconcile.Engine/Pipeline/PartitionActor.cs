using System.Diagnostics;
using Akka.Actor;
using NodaTime;
using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;
using Reconcile.Engine.Outputs;

namespace Reconcile.Engine.Pipeline;

/// <summary>
/// Holds one partition's (bank × escrow type) input of a run, grouped by escrow account, as the coordinator delivers what
/// was read (one acknowledged batch per statement file and per range of ledger.csv), then reconciles its accounts
/// with <see cref="AccountReconciler"/> — in parallel, each result in its account's slot, so the order of the results
/// does not depend on the threads.
/// </summary>
public sealed class PartitionActor : ReceiveActor
{
    private readonly PartitionKey _key;
    private readonly IRunObserver _observer;
    private readonly Func<AccountDayInput, AccountDayResult> _reconcile;
    private readonly Dictionary<string, AccountInput> _inputs = new(StringComparer.Ordinal);
    private long _bankLines;
    private long _ledgerEntries;

    /// <param name="reconcile">The pure reconciliation of one account and day; <see cref="AccountReconciler.Reconcile"/>
    /// unless a test supplies another.</param>
    public PartitionActor(PartitionKey key, IRunObserver observer, Func<AccountDayInput, AccountDayResult>? reconcile = null)
    {
        _key = key;
        _observer = observer;
        _reconcile = reconcile ?? AccountReconciler.Reconcile;
        Receive<BankLineBatch>(OnBankLines);
        Receive<LedgerEntryBatch>(OnLedgerEntries);
        Receive<SubAccountBatch>(OnSubAccounts);
        Receive<StatementRead>(OnStatement);
        Receive<ReconcilePartition>(OnReconcile);
    }

    public static Props Props(PartitionKey key, IRunObserver observer, Func<AccountDayInput, AccountDayResult>? reconcile = null) =>
        Akka.Actor.Props.Create(() => new PartitionActor(key, observer, reconcile));

    private void OnBankLines(BankLineBatch batch)
    {
        foreach (BankLine line in batch.Lines)
        {
            Input(line.AccountNo).Lines.Add(line);
        }
        _bankLines += batch.Lines.Count;
        Sender.Tell(new BatchAccepted(_key, batch.Lines.Count));
    }

    private void OnLedgerEntries(LedgerEntryBatch batch)
    {
        foreach (LedgerEntry entry in batch.Entries)
        {
            Input(entry.EscrowAccountNo).Entries.Add(entry);
        }
        _ledgerEntries += batch.Entries.Count;
        Sender.Tell(new BatchAccepted(_key, batch.Entries.Count));
    }

    private void OnSubAccounts(SubAccountBatch batch)
    {
        foreach (SubAccountBalance row in batch.Rows)
        {
            Input(row.EscrowAccountNo).SubAccounts.Add(row);
        }
        Sender.Tell(new BatchAccepted(_key, batch.Rows.Count));
    }

    private void OnStatement(StatementRead message)
    {
        AccountInput input = Input(message.Statement.AccountNo);
        if (input.Statement is { } first)
        {
            // The feeder rejects a second statement of an account before it gets here; never merge two.
            throw new InvalidOperationException($"two statements for account {message.Statement.AccountNo}: {first.File} and {message.Statement.File}");
        }
        input.Statement = message.Statement;
        Sender.Tell(new BatchAccepted(_key, 0));
    }

    private void OnReconcile(ReconcilePartition request)
    {
        // Snapshot the inputs on the actor's thread; the work itself runs off it and comes back as a message.
        var inputs = request.Accounts
            .Where(a => PartitionKey.Of(a) == _key)
            .Where(a => a.OpenedOn <= request.BusinessDate || _inputs.ContainsKey(a.AccountNo))
            .OrderBy(a => a.AccountNo, StringComparer.Ordinal)
            .Select(a => ToDayInput(a, request))
            .ToArray();
        _inputs.Clear();
        PartitionKey key = _key;
        long bankLines = _bankLines;
        long ledgerEntries = _ledgerEntries;
        IRunObserver observer = _observer;
        Func<AccountDayInput, AccountDayResult> reconcile = _reconcile;
        Task.Run(() => Reconcile(key, inputs, bankLines, ledgerEntries, observer, reconcile))
            .PipeTo(Sender, Self, failure: e => new PartitionFailed(key, Unwrap(e)));
    }

    private AccountDayInput ToDayInput(EscrowAccount account, ReconcilePartition request)
    {
        _inputs.TryGetValue(account.AccountNo, out AccountInput? input);
        AccountState previous = request.States.TryGetValue(account.AccountNo, out AccountState? state)
            ? state
            : AccountState.Empty(account.AccountNo);
        return new AccountDayInput(
            account,
            request.BusinessDate,
            input?.Statement,
            // Handed over, not copied: the partition takes no more rows once it is asked to reconcile.
            (IReadOnlyList<BankLine>?)input?.Lines ?? [],
            (IReadOnlyList<LedgerEntry>?)input?.Entries ?? [],
            (IReadOnlyList<SubAccountBalance>?)input?.SubAccounts ?? [],
            previous,
            request.Options,
            request.Retained is { } retained && retained.TryGetValue(account.AccountNo, out RetainedKeys? keys) ? keys : null);
    }

    private static PartitionReconciled Reconcile(
        PartitionKey key,
        AccountDayInput[] inputs,
        long bankLines,
        long ledgerEntries,
        IRunObserver observer,
        Func<AccountDayInput, AccountDayResult> reconcile)
    {
        var clock = Stopwatch.StartNew();
        var results = new AccountDayResult[inputs.Length];
        long matched = 0;
        Parallel.For(0, inputs.Length, i =>
        {
            results[i] = reconcile(inputs[i]);
            Interlocked.Add(ref matched, MatchedBankLines(inputs[i].BankLines, results[i].Matches));
            observer.Reconciled(key, 1);
        });
        var counts = new PartitionCounts(key.Bank, key.Type, inputs.Length, bankLines, ledgerEntries, matched);
        return new PartitionReconciled(key, results, counts, clock.ElapsedMilliseconds);
    }

    /// <summary>Today's lines paired today: by a match on their serial, or as either row of a reversal pair.</summary>
    internal static long MatchedBankLines(IReadOnlyList<BankLine> lines, IReadOnlyList<MatchRecord> matches)
    {
        if (lines.Count == 0 || matches.Count == 0)
        {
            return 0;
        }
        // Sized once (a day of 1M lines has ~1M pairs); reversal pairs are rare, so their set is usually empty.
        var paired = new HashSet<string>(matches.Count, StringComparer.Ordinal);
        HashSet<string>? reversed = null;
        foreach (MatchRecord m in matches)
        {
            if (m.Rule == MatchRule.REVERSAL)
            {
                (reversed ??= new HashSet<string>(StringComparer.Ordinal)).Add(m.BankSerial);
            }
            else
            {
                paired.Add(m.BankSerial);
            }
        }
        long count = 0;
        foreach (BankLine l in lines)
        {
            if (paired.Contains(l.Serial)
                || (reversed is not null && (reversed.Contains(l.Serial) || (l.ReversalOf is { } of && reversed.Contains(of)))))
            {
                count++;
            }
        }
        return count;
    }

    private static Exception Unwrap(Exception e) => e is AggregateException { InnerExceptions.Count: 1 } a ? Unwrap(a.InnerExceptions[0]) : e;

    private AccountInput Input(string accountNo)
    {
        if (!_inputs.TryGetValue(accountNo, out AccountInput? input))
        {
            input = new AccountInput();
            _inputs.Add(accountNo, input);
        }
        return input;
    }

    private sealed class AccountInput
    {
        public StatementSummary? Statement { get; set; }

        public List<BankLine> Lines { get; } = [];

        public List<LedgerEntry> Entries { get; } = [];

        public List<SubAccountBalance> SubAccounts { get; } = [];
    }
}
