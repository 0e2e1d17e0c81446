using System.Globalization;
using Reconcile.Core.Model;
using Reconcile.Samples.Model;
using Reconcile.Samples.Output;
using Reconcile.Samples.Random;
using Reconcile.Samples.Writers;

namespace Reconcile.Samples.Planting;

/// <summary>
/// One escrow account through the days: its contracts and their book balances, the bank's running balance, the
/// numbering of serials and ids, and the planted actions. Each day it streams bulk traffic (pairs that match on
/// the bank serial or the payment serial) merged in time order with the planted rows into the account's
/// statement file and its part of ledger.csv, and records the day's figures in <see cref="Truth"/>. Everything
/// random comes from the account's own generator, so accounts can run on any thread in any order.
/// </summary>
internal sealed class AccountSimulator
{
    /// <summary>Bulk rows are spread over 00:10:00–23:50:00.</summary>
    private const int DayStart = 600;
    private const int DaySpan = 85200;

    private readonly Pcg32 _rng;
    private readonly List<PlantedAction> _actions = [];
    private readonly Dictionary<int, long> _openingShifts = [];
    private readonly HashSet<int> _missingDays = [];
    private Contract[] _pool = [];

    private int _day;
    private long _serialSeq;
    private long _entrySeq;
    private long _payRefSeq;
    private long _batchSeq;
    private long _pendingShift;
    private StatementWriter? _statement;
    private RowBuffer? _ledger;
    private DayFigures? _figures;

    public AccountSimulator(SampleAccount account, DayTexts days, int dayCount, long seed)
    {
        Account = account;
        Days = days;
        DayCount = dayCount;
        _rng = new Pcg32(seed, account.Index + 1);
        Truth = new AccountTruth(dayCount);
        BulkPerDay = new int[dayCount];
        Gl = new Contract("", "GL" + account.AccountNo, "", null, null, 500_000_00, planted: true);
        Contracts.Add(Gl);
    }

    public SampleAccount Account { get; }

    public DayTexts Days { get; }

    public int DayCount { get; }

    public AccountTruth Truth { get; }

    /// <summary>Bulk pairs per day.</summary>
    public int[] BulkPerDay { get; }

    /// <summary>Every sub-account in subaccounts.csv order: the general ledger, the pool, the planted contracts.</summary>
    public List<Contract> Contracts { get; } = [];

    /// <summary>The account's general-ledger sub-account: bank fees and interest.</summary>
    public Contract Gl { get; }

    /// <summary>The bank's running (printed) balance.</summary>
    public long BankFen { get; private set; }

    /// <summary>Σ sub-account balances (the book balance).</summary>
    public long BookFen { get; private set; }

    public int Day => _day;

    public bool IsMissing(int day) => _missingDays.Contains(day);

    // ---- Set-up (single-threaded, before day 1) ----

    /// <summary>Creates the bulk contracts (sized to the traffic) and opens the bank balance at the book balance.</summary>
    public void CreatePool(int size)
    {
        _pool = new Contract[size];
        for (int i = 0; i < size; i++)
        {
            Party buyer = Party.NewPerson(_rng, Account.City);
            Party payee = Account.SecondHand ? Party.NewPerson(_rng, Account.City) : Party.NewCompany(_rng, Account.City);
            long balance = _rng.Chance(15) ? 0
                : Account.SecondHand ? _rng.Between(100L, 30_000L) * 100_00 : _rng.Between(1_000_00L, 300_000_00L);
            _pool[i] = NewContract(i + 1, buyer, payee, balance, planted: false, signedDaysAgo: _rng.Between(1, 365));
            Contracts.Add(_pool[i]);
        }
    }

    /// <summary>A contract reserved for a planted situation (numbered from 9001 on).</summary>
    public Contract PlantContract(Pcg32 plan, long balanceFen)
    {
        int seq = 9001 + Contracts.Count(c => c.Planted && c != Gl);
        Party buyer = Party.NewPerson(plan, Account.City);
        Party payee = Account.SecondHand ? Party.NewPerson(plan, Account.City) : Party.NewCompany(plan, Account.City);
        Contract c = NewContract(seq, buyer, payee, balanceFen, planted: true, signedDaysAgo: plan.Between(1, 120));
        Contracts.Add(c);
        return c;
    }

    /// <summary>Opens the bank at the book balance (no open items before day 1). Call after every contract exists.</summary>
    public void Open()
    {
        BookFen = Contracts.Sum(c => c.BalanceFen);
        BankFen = BookFen;
    }

    public void At(int day, int seconds, Action<AccountSimulator> action)
    {
        if (day < DayCount)
        {
            _actions.Add(new PlantedAction(day, seconds, _actions.Count, action));
        }
    }

    /// <summary>The statement of <paramref name="day"/> opens <paramref name="shiftFen"/> away from yesterday's closing.</summary>
    public void ShiftOpening(int day, long shiftFen) => _openingShifts[day] = shiftFen;

    /// <summary>No statement is delivered for <paramref name="day"/> (and the bank moves nothing that day).</summary>
    public void MissStatement(int day) => _missingDays.Add(day);

    public void Describe(string name, int day, string description)
    {
        if (day < DayCount)
        {
            Truth.Scenarios.Add(new ScenarioFact(name, day, description));
        }
    }

    // ---- One day ----

    /// <summary>
    /// Generates <paramref name="day"/>: the statement into <paramref name="statementPath"/> (null when missing)
    /// and the ledger rows into <paramref name="ledgerPipe"/> (completed when done, also on failure).
    /// </summary>
    public void RunDay(int day, string? statementPath, ChunkPipe ledgerPipe)
    {
        _day = day;
        _serialSeq = 0;
        _entrySeq = 0;
        _payRefSeq = 0;
        _batchSeq = 0;
        _figures = Truth.Days[day];
        using var ledger = new ChunkRowBuffer(ledgerPipe);
        _ledger = ledger;
        _statement = null;
        try
        {
            int n = 0;
            if (statementPath is not null)
            {
                BankFen = checked(BankFen + _openingShifts.GetValueOrDefault(day));
                _statement = StatementWriter.Create(statementPath, Account, Days, day);
                _statement.Begin(BankFen);
                _figures.HasStatement = true;
                _figures.OpeningFen = BankFen;
                n = BulkPerDay[day];
            }
            var today = _actions.Where(a => a.Day == day).OrderBy(a => a.Seconds).ThenBy(a => a.Order).ToList();
            int next = 0;
            int feeAt = n >= 5 ? _rng.Next(n) : -1;
            for (int i = 0; i < n; i++)
            {
                int t = DayStart + (int)(((long)i * DaySpan + _rng.Next(DaySpan)) / n);
                while (next < today.Count && today[next].Seconds <= t)
                {
                    today[next++].Run(this);
                }
                BulkPair(t, utc: i == 0 || _rng.Chance(25));
                if (i == feeAt)
                {
                    FeeOrInterestPair(t);
                }
                if (_rng.Next(100) == 0)
                {
                    UnsettledEntry(t);
                }
            }
            while (next < today.Count)
            {
                today[next++].Run(this);
            }
            if (_statement is not null)
            {
                BankFen = checked(BankFen + _pendingShift);
                _pendingShift = 0;
                _statement.End(BankFen);
                _figures.CreditsFen = _statement.Credits;
                _figures.DebitsFen = _statement.Debits;
                _figures.ClosingFen = BankFen;
                _figures.BankLines = _statement.Count;
            }
            _figures.LedgerBalanceFen = BookFen;
        }
        finally
        {
            _statement?.Dispose();
            _statement = null;
            _ledger = null;
        }
    }

    // ---- What planted actions (and bulk) use ----

    /// <summary>Writes a statement row (a new serial unless the row carries one) and returns its serial.</summary>
    public Ref Bank(BankRow row)
    {
        if (_statement is null)
        {
            throw new InvalidOperationException($"account {Account.AccountNo} has no statement on day {_day}: a planted row cannot go there");
        }
        if (row.Serial.IsNone)
        {
            row.Serial = NewSerial();
        }
        BankFen = checked(BankFen + _pendingShift + row.Signed);
        _pendingShift = 0;
        _statement.Row(row, BankFen);
        return row.Serial;
    }

    /// <summary>Writes a ledger row (a new entry id) and books it when SUCCESS; returns its entry id.</summary>
    public Ref Entry(LedgerRow row)
    {
        row.Entry = new Ref(_day, ++_entrySeq);
        if (row.Order.IsNone)
        {
            row.Order = row.Entry;
        }
        LedgerWriter.Row(_ledger!, row, Account, Days);
        _figures!.LedgerEntries++;
        if (row.Status == LedgerStatus.SUCCESS)
        {
            row.Contract.BalanceFen = checked(row.Contract.BalanceFen + row.Signed);
            BookFen = checked(BookFen + row.Signed);
        }
        return row.Entry;
    }

    /// <summary>The next row's printed balance (and every one after it) is off by <paramref name="shiftFen"/>.</summary>
    public void BreakRunningBalance(long shiftFen) => _pendingShift = checked(_pendingShift + shiftFen);

    public Ref NewSerial() => new(_day, ++_serialSeq);

    public Ref NewPayRef() => new(_day, ++_payRefSeq);

    public Ref NewBatch() => new(_day, ++_batchSeq);

    public string SerialText(Ref serial) => Ids.Serial(Account.Bank, Account.Index, Days, serial);

    public string EntryText(Ref entry) => Ids.Entry(Account.Index, Days, entry);

    /// <summary>A deposit from the contract's buyer, in the bank's words, naming the contract (and its sub-account at CITIC/PAB).</summary>
    public BankRow DepositRow(Contract c, long amountFen, int seconds, Text memo) => new()
    {
        Seconds = seconds,
        Direction = Direction.IN,
        AmountFen = amountFen,
        Party = c.Buyer,
        Contract = c,
        ContractInMemo = true,
        SubAccount = Account.Bank == Core.Model.Bank.CEB ? null : c.SubAccountBytes,
        MemberCode = Account.Bank == Core.Model.Bank.PAB ? c.MemberCode : null,
        Summary = Account.Bank switch
        {
            Core.Model.Bank.CEB => _rng.Next(3) switch { 0 => Vocabulary.CebIn1, 1 => Vocabulary.CebIn2, _ => Vocabulary.CebIn3 },
            Core.Model.Bank.CITIC => Vocabulary.CiticIn,
            _ => _rng.Chance(80) ? Vocabulary.PabIn1 : Vocabulary.PabIn2,
        },
        Memo = memo,
    };

    /// <summary>A payout we initiated, echoing our payment serial (CEB: in 用途; CITIC 客户流水号; PAB 业务流水号).</summary>
    public BankRow PayoutRow(Contract c, long amountFen, int seconds, Ref payRef, bool refund) => new()
    {
        Seconds = seconds,
        Direction = Direction.OUT,
        AmountFen = amountFen,
        Party = refund ? c.Buyer : c.Payee,
        Contract = c,
        ContractInMemo = Account.Bank != Core.Model.Bank.CEB,
        SubAccount = Account.Bank == Core.Model.Bank.CEB ? null : c.SubAccountBytes,
        MemberCode = Account.Bank == Core.Model.Bank.PAB ? c.MemberCode : null,
        PayRef = payRef,
        Summary = Account.Bank switch
        {
            Core.Model.Bank.CEB => _rng.Chance(60) ? Vocabulary.CebOut1 : Vocabulary.CebOut2,
            Core.Model.Bank.CITIC => Vocabulary.CiticOut,
            _ => _rng.Chance(70) ? Vocabulary.PabOut1 : Vocabulary.PabOut2,
        },
        Memo = refund ? Vocabulary.MemoRefund : Account.SecondHand ? Vocabulary.MemoRelease : Vocabulary.MemoStage,
        Voucher = Account.Bank == Core.Model.Bank.CEB,
    };

    public static LedgerRow DepositEntry(Contract c, long amountFen, LedgerStatus status, int day, int createdSeconds, int settledSeconds, Text remark) => new()
    {
        Contract = c,
        Kind = LedgerKind.DEPOSIT,
        AmountFen = amountFen,
        Status = status,
        CreatedDay = day,
        CreatedSeconds = createdSeconds,
        Settled = status != LedgerStatus.SUBMITTED && status != LedgerStatus.PENDING,
        SettledDay = day,
        SettledSeconds = settledSeconds,
        Party = c.Buyer,
        Remark = remark,
    };

    public LedgerRow PayoutEntry(Contract c, long amountFen, LedgerStatus status, Ref payRef, bool refund, int day, int createdSeconds, int settledSeconds) => new()
    {
        Contract = c,
        Kind = refund ? LedgerKind.REFUND : LedgerKind.WITHDRAWAL,
        AmountFen = amountFen,
        Status = status,
        CreatedDay = day,
        CreatedSeconds = createdSeconds,
        Settled = status != LedgerStatus.SUBMITTED && status != LedgerStatus.PENDING,
        SettledDay = day,
        SettledSeconds = settledSeconds,
        PayRef = payRef,
        Party = refund ? c.Buyer : c.Payee,
        Remark = refund ? Vocabulary.MemoBuyerRefund : Account.SecondHand ? Vocabulary.MemoSellerRelease : Vocabulary.MemoStageRelease,
    };

    // ---- Bulk ----

    /// <summary>A deposit (matched on the bank serial the ledger was notified of) or a payout (on our payment serial).</summary>
    private void BulkPair(int t, bool utc)
    {
        Contract c = _pool[_rng.Next(_pool.Length)];
        bool deposit = _rng.Chance(52) || c.BalanceFen < 100_00;
        if (deposit)
        {
            (long amount, Text memo) = DepositAmount();
            BankRow row = DepositRow(c, amount, t, memo);
            Ref serial = Bank(row);
            LedgerRow entry = DepositEntry(c, amount, LedgerStatus.SUCCESS, _day, t - _rng.Between(30, 1800), t, memo);
            entry.BankSerial = serial;
            entry.Utc = utc;
            Entry(entry);
            _figures!.BankSerialPairs++;
        }
        else
        {
            long amount = PayoutAmount(c.BalanceFen);
            bool refund = _rng.Chance(15);
            Ref payRef = NewPayRef();
            Ref serial = Bank(PayoutRow(c, amount, t, payRef, refund));
            LedgerRow entry = PayoutEntry(c, amount, LedgerStatus.SUCCESS, payRef, refund, _day, t - _rng.Between(60, 3600), t + _rng.Between(1, 30));
            entry.Utc = utc;
            if (_rng.Chance(20))
            {
                // The bank's notification already told the ledger the serial: the pair is made on rung 1.
                entry.BankSerial = serial;
                _figures!.BankSerialPairs++;
            }
            else
            {
                _figures!.PaymentRefPairs++;
            }
            Entry(entry);
        }
    }

    /// <summary>A bank fee (CEB, CITIC) or interest (PAB), booked on the general ledger with the bank's serial.</summary>
    private void FeeOrInterestPair(int t)
    {
        bool interest = Account.Bank == Core.Model.Bank.PAB;
        long amount = interest ? _rng.Between(1_00L, 800_00L) : _rng.Between(2, 10) * 5_00L;
        var row = new BankRow
        {
            Seconds = t,
            Direction = interest ? Direction.IN : Direction.OUT,
            AmountFen = amount,
            Summary = interest ? Vocabulary.Interest : Vocabulary.Fee,
            Memo = interest ? Vocabulary.InterestMemo : Account.Bank == Core.Model.Bank.CEB ? Vocabulary.FeeMemo : Vocabulary.CiticFeeMemo,
        };
        Ref serial = Bank(row);
        Entry(new LedgerRow
        {
            Contract = Gl,
            Kind = interest ? LedgerKind.INTEREST : LedgerKind.FEE,
            AmountFen = amount,
            Status = LedgerStatus.SUCCESS,
            CreatedDay = _day,
            CreatedSeconds = t + 60,
            Settled = true,
            SettledDay = _day,
            SettledSeconds = t + 60,
            BankSerial = serial,
            Remark = interest ? Vocabulary.MemoInterestRemark : Vocabulary.MemoFeeRemark,
        });
        _figures!.BankSerialPairs++;
    }

    /// <summary>A payout still SUBMITTED / PENDING or FAILED: never at the bank, not on the books, dropped by the matcher.</summary>
    private void UnsettledEntry(int t)
    {
        Contract c = _pool[_rng.Next(_pool.Length)];
        LedgerStatus status = _rng.Next(3) switch { 0 => LedgerStatus.SUBMITTED, 1 => LedgerStatus.PENDING, _ => LedgerStatus.FAILED };
        long amount = PayoutAmount(Math.Max(c.BalanceFen, 1_000_00));
        LedgerRow entry = PayoutEntry(c, amount, status, NewPayRef(), refund: false, _day, t, t + 5);
        entry.Utc = _rng.Chance(25);
        Entry(entry);
    }

    private (long AmountFen, Text Memo) DepositAmount()
    {
        if (Account.SecondHand)
        {
            return _rng.Next(3) switch
            {
                0 => (_rng.Between(10L, 100L) * 1_000_00, Vocabulary.MemoEarnest),
                1 => (_rng.Between(10L, 150L) * 10_000_00, Vocabulary.MemoDownPayment),
                _ => (_rng.Between(20L, 300L) * 10_000_00, Vocabulary.MemoHousePayment),
            };
        }
        return _rng.Chance(40)
            ? (_rng.Between(200L, 2_000L) * 100_00, Vocabulary.MemoRenovationFirst)
            : (_rng.Between(5_000_00L, 150_000_00L), Vocabulary.MemoRenovation);
    }

    private long PayoutAmount(long balanceFen)
    {
        if (Account.SecondHand)
        {
            long hundreds = Math.Max(1, balanceFen / 100_00);
            return _rng.Between(1L, hundreds) * 100_00;
        }
        return _rng.Between(Math.Min(100_00L, balanceFen), balanceFen);
    }

    private Contract NewContract(int seq, Party? buyer, Party? payee, long balanceFen, bool planted, int signedDaysAgo)
    {
        string signed = Days.First.PlusDays(-signedDaysAgo).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        string index = Account.Index.ToString("D2", CultureInfo.InvariantCulture);
        string contractNo = (Account.SecondHand ? "JG" : "ZX") + signed + index + seq.ToString("D4", CultureInfo.InvariantCulture);
        string subAccount = Account.Bank switch
        {
            Core.Model.Bank.CEB => "CEB-" + contractNo,
            Core.Model.Bank.CITIC => Account.AccountNo[..12] + seq.ToString("D4", CultureInfo.InvariantCulture),
            _ => "1500001" + index + seq.ToString("D5", CultureInfo.InvariantCulture),
        };
        string memberCode = "M" + index + seq.ToString("D4", CultureInfo.InvariantCulture);
        return new Contract(contractNo, subAccount, memberCode, buyer, payee, balanceFen, planted);
    }

    private sealed record PlantedAction(int Day, int Seconds, int Order, Action<AccountSimulator> Run);
}
