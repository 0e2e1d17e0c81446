using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;
using Reconcile.Samples.Model;
using Reconcile.Samples.Random;
using Reconcile.Samples.Writers;

namespace Reconcile.Samples.Planting;

/// <summary>
/// The planted situations: every rung of the ladder, reversals, timing, UTC timestamps and every discrepancy
/// category of DOMAIN.md, each in its own account and days (day 1–3 of the run), each with fresh contracts,
/// counterparties and amounts of its own so that no two situations can meet on a rung. Each records what
/// docs/RULES.md makes of it (open items, standing findings, matches) as it writes its rows.
/// Accounts are addressed by partition (0 CEB/SECOND_HAND, 1 CEB/RENOVATION, 2 CITIC/SECOND_HAND,
/// 3 CITIC/RENOVATION, 4 PAB/SECOND_HAND, 5 PAB/RENOVATION) and slot.
/// </summary>
internal sealed class Scenarios(Pcg32 plan, Func<int, int, AccountSimulator> account)
{
    private const int D1 = 0, D2 = 1, D3 = 2;

    public void PlantAll()
    {
        account(0, 0).Describe("UTC_TIMESTAMPS", D1,
            "in every account, the first ledger entry of each day (Beijing 00:10–01:30) and about a quarter of the others have created_at/settled_at in UTC (Z): "
            + "for the early ones the UTC day is the day before; accounting_date stays the Beijing day");
        ContractToken(account(0, 0));
        BankOnlyDeposit(account(0, 0));
        DuplicateBankRow(account(0, 1));
        Counterparty(account(0, 1));
        MissingStatement(account(0, 2));
        Batch(account(1, 0));
        Ambiguous(account(1, 0));
        DirectionMismatch(account(1, 1));
        SubAccount(account(2, 0));
        WrongSubAccount(account(2, 0));
        LedgerOnly(account(2, 1));
        RunningBalanceBreak(account(2, 1));
        LatePayoutClears(account(2, 2));
        StatusMismatch(account(3, 0));
        BatchAmountMismatch(account(3, 0));
        Reversal(account(3, 1));
        LateEveningDeposit(account(4, 0));
        AmountMismatchByPaymentRef(account(4, 1));
        BankOnlyFee(account(4, 1));
        AmountMismatchBySubAccount(account(5, 0));
        DuplicateLedgerEntry(account(5, 0));
        OpeningBreak(account(5, 1));
    }

    /// <summary>Rung 4 CONTRACT: a CEB deposit whose 用途 names the contract; the entry has no bank serial.</summary>
    private void ContractToken(AccountSimulator a)
    {
        Contract c = a.PlantContract(plan, 0);
        long amount = Amount(31_000);
        a.Describe("CONTRACT_TOKEN", D1, $"CEB deposit whose 用途 carries contract {c.ContractNo}; the ledger entry has no bank serial: paired on rung 4 (CONTRACT)");
        a.At(D1, T(10, 12, 5), s =>
        {
            string id = s.EntryText(s.Entry(AccountSimulator.DepositEntry(c, amount, LedgerStatus.SUCCESS, s.Day, T(10, 5, 0), T(10, 12, 5), Vocabulary.MemoEarnest)));
            string serial = s.SerialText(s.Bank(s.DepositRow(c, amount, T(10, 12, 5), Vocabulary.MemoEarnest)));
            Match(s, serial, [id], MatchRule.CONTRACT, amount);
        });
    }

    /// <summary>BANK_ONLY: a deposit from a stranger no entry explains; in transit on day 1, overdue from day 2.</summary>
    private void BankOnlyDeposit(AccountSimulator a)
    {
        Party stranger = Party.NewPerson(plan, a.Account.City);
        long amount = Amount(47_000);
        a.Describe("BANK_ONLY", D1, $"a CEB deposit of {Money.FromFen(amount)} from {stranger.Name} with no contract, no entry: in transit on day 1, BANK_ONLY from day 2");
        a.At(D1, T(15, 40, 11), s =>
        {
            var row = new BankRow
            {
                Seconds = T(15, 40, 11),
                Direction = Direction.IN,
                AmountFen = amount,
                Party = stranger,
                Summary = Vocabulary.CebIn1,
                Memo = new Output.Text("转账"),
            };
            string serial = s.SerialText(s.Bank(row));
            Open(s, OpenSide.Bank, serial, Direction.IN, amount, cleared: null);
        });
    }

    /// <summary>DUPLICATE (bank): the same CEB row (same 流水号) printed twice; the first pairs on the serial.</summary>
    private void DuplicateBankRow(AccountSimulator a)
    {
        Contract c = a.PlantContract(plan, 0);
        long amount = Amount(52_000);
        a.Describe("DUPLICATE_BANK_SERIAL", D1, "a CEB deposit row repeated with the same 流水号 (and the balance moved twice): the first pairs on the bank serial, the second is DUPLICATE");
        a.At(D1, T(11, 3, 27), s =>
        {
            BankRow row = s.DepositRow(c, amount, T(11, 3, 27), Vocabulary.MemoDownPayment);
            Ref serialRef = s.Bank(row);
            row.Serial = serialRef;
            s.Bank(row);
            LedgerRow entry = AccountSimulator.DepositEntry(c, amount, LedgerStatus.SUCCESS, s.Day, T(10, 58, 0), T(11, 3, 27), Vocabulary.MemoDownPayment);
            entry.BankSerial = serialRef;
            string id = s.EntryText(s.Entry(entry));
            string serial = s.SerialText(serialRef);
            Match(s, serial, [id], MatchRule.BANK_SERIAL, amount);
            Standing(s, Category.DUPLICATE, serial, [], Direction.IN, amount, null, ProofEffect.BankSide(Direction.IN, Money.FromFen(amount)));
        });
    }

    /// <summary>Rung 5 COUNTERPARTY: a CEB payout without our payment serial or a contract in 用途.</summary>
    private void Counterparty(AccountSimulator a)
    {
        long amount = Amount(63_000);
        Contract c = a.PlantContract(plan, amount + Amount(100_000));
        a.Describe("COUNTERPARTY", D2, $"CEB payout to {c.Payee!.Name} whose 用途 has neither PAY… nor a contract: paired on rung 5 (same amount and counterparty account)");
        a.At(D2, T(14, 22, 40), s =>
        {
            string id = s.EntryText(s.Entry(s.PayoutEntry(c, amount, LedgerStatus.SUCCESS, s.NewPayRef(), refund: false, s.Day, T(14, 0, 0), T(14, 22, 50))));
            BankRow row = s.PayoutRow(c, amount, T(14, 22, 40), Ref.None, refund: false);
            row.Memo = new Output.Text("二手房交易资金划转");
            string serial = s.SerialText(s.Bank(row));
            Match(s, serial, [id], MatchRule.COUNTERPARTY, amount);
        });
    }

    /// <summary>
    /// MISSING_STATEMENT: no CEB statement on day 2 (a quiet day at the bank); a payout booked late on day 2 is in
    /// transit and clears on day 3 when the bank executes it (CARRIED). Day 3 has no opening check (day 2 had no statement).
    /// </summary>
    private void MissingStatement(AccountSimulator a)
    {
        long amount = Amount(74_000);
        Contract c = a.PlantContract(plan, amount + Amount(100_000));
        a.MissStatement(D2);
        a.Describe("MISSING_STATEMENT", D2, "no statement for day 2 (no bank activity that day); a payout booked at 21:35 on day 2 stays in transit and clears on day 3 (CARRIED on the payment serial)");
        string? id = null;
        Ref payRef = default;
        a.At(D2, T(21, 35, 0), s =>
        {
            payRef = s.NewPayRef();
            id = s.EntryText(s.Entry(s.PayoutEntry(c, amount, LedgerStatus.SUCCESS, payRef, refund: false, s.Day, T(21, 35, 0), T(21, 35, 40))));
            Standing(s, Category.MISSING_STATEMENT, null, [], null, null, null, ProofEffect.None, s.Days.IsoString(s.Day));
            Open(s, OpenSide.Ledger, id, Direction.OUT, amount, cleared: D3);
        });
        a.At(D3, T(9, 5, 12), s =>
        {
            string serial = s.SerialText(s.Bank(s.PayoutRow(c, amount, T(9, 5, 12), payRef, refund: false)));
            Match(s, serial, [id!], MatchRule.CARRIED, amount);
        });
    }

    /// <summary>Rung 3 BATCH: one CEB debit with BATCH… in 用途 for three entries of that batch_id.</summary>
    private void Batch(AccountSimulator a)
    {
        long[] amounts = [Amount(12_000), Amount(25_000), Amount(38_000)];
        Contract[] contracts = amounts.Select(x => a.PlantContract(plan, x + Amount(50_000))).ToArray();
        a.Describe("BATCH", D1, "three contractor payouts of one batch_id, executed by CEB as one debit with BATCH… in 用途: paired on rung 3 (BATCH)");
        a.At(D1, T(14, 0, 0), s =>
        {
            Ref batch = s.NewBatch();
            var ids = new List<string>();
            for (int i = 0; i < amounts.Length; i++)
            {
                LedgerRow entry = s.PayoutEntry(contracts[i], amounts[i], LedgerStatus.SUCCESS, Ref.None, refund: false, s.Day, T(13, 30, i), T(14, 0, 0));
                entry.Batch = batch;
                ids.Add(s.EntryText(s.Entry(entry)));
            }
            var row = new BankRow
            {
                Seconds = T(14, 0, 0),
                Direction = Direction.OUT,
                AmountFen = amounts.Sum(),
                Batch = batch,
                Summary = Vocabulary.CebBatch,
                Memo = new Output.Text("批量付款"),
                Voucher = true,
            };
            string serial = s.SerialText(s.Bank(row));
            Match(s, serial, ids, MatchRule.BATCH, amounts.Sum());
        });
    }

    /// <summary>AMBIGUOUS: one CEB deposit naming a contract that has two entries of that exact amount.</summary>
    private void Ambiguous(AccountSimulator a)
    {
        Contract c = a.PlantContract(plan, 0);
        long amount = Amount(86_000);
        a.Describe("AMBIGUOUS", D1, $"one CEB deposit naming {c.ContractNo}, two SUCCESS entries of that contract with the same amount and no bank serial: AMBIGUOUS on rung 4, every day");
        a.At(D1, T(16, 18, 9), s =>
        {
            var ids = new List<string>();
            for (int i = 0; i < 2; i++)
            {
                LedgerRow entry = AccountSimulator.DepositEntry(c, amount, LedgerStatus.SUCCESS, s.Day, T(10, 20 + i, 0), T(10, 20 + i, 30), Vocabulary.MemoRenovationFirst);
                entry.Party = null; // booked by hand, without the payer's account: rung 5 cannot see them either
                ids.Add(s.EntryText(s.Entry(entry)));
            }
            string serial = s.SerialText(s.Bank(s.DepositRow(c, amount, T(16, 18, 9), Vocabulary.MemoRenovation)));
            s.Truth.Ambiguous.Add(new AmbiguousFact(serial, Sorted(ids), Direction.IN, amount, amount, s.Day));
            Open(s, OpenSide.Bank, serial, Direction.IN, amount, cleared: null, ambiguous: true);
            foreach (string id in ids)
            {
                Open(s, OpenSide.Ledger, id, Direction.IN, amount, cleared: null, ambiguous: true);
            }
        });
    }

    /// <summary>DIRECTION_MISMATCH: the bank paid a refund out; the ledger booked it as a deposit with the bank's serial.</summary>
    private void DirectionMismatch(AccountSimulator a)
    {
        long amount = Amount(15_000);
        Contract c = a.PlantContract(plan, amount + Amount(60_000));
        a.Describe("DIRECTION_MISMATCH", D2, "a CEB debit (refund to the owner) that the ledger booked as a DEPOSIT with the same bank serial: paired on rung 1, DIRECTION_MISMATCH");
        a.At(D2, T(11, 45, 30), s =>
        {
            BankRow row = s.PayoutRow(c, amount, T(11, 45, 30), Ref.None, refund: true);
            Ref serialRef = s.Bank(row);
            LedgerRow entry = AccountSimulator.DepositEntry(c, amount, LedgerStatus.SUCCESS, s.Day, T(11, 50, 0), T(11, 50, 0), Vocabulary.MemoRenovation);
            entry.BankSerial = serialRef;
            string id = s.EntryText(s.Entry(entry));
            string serial = s.SerialText(serialRef);
            Match(s, serial, [id], MatchRule.BANK_SERIAL, amount);
            Standing(s, Category.DIRECTION_MISMATCH, serial, [id], Direction.OUT, amount, amount,
                ProofEffect.BankSide(Direction.OUT, Money.FromFen(amount)) + ProofEffect.LedgerSide(Direction.IN, Money.FromFen(amount)));
        });
    }

    /// <summary>Rung 4 SUB_ACCOUNT: a CITIC deposit into a contract's 附属账号; the entry has no bank serial.</summary>
    private void SubAccount(AccountSimulator a)
    {
        Contract c = a.PlantContract(plan, 0);
        long amount = Amount(97_000);
        a.Describe("SUB_ACCOUNT", D1, $"CITIC deposit into 附属账号 {c.SubAccountNo}; the entry has no bank serial: paired on rung 4 (SUB_ACCOUNT)");
        a.At(D1, T(9, 48, 16), s =>
        {
            string id = s.EntryText(s.Entry(AccountSimulator.DepositEntry(c, amount, LedgerStatus.SUCCESS, s.Day, T(9, 40, 0), T(9, 48, 16), Vocabulary.MemoDownPayment)));
            string serial = s.SerialText(s.Bank(s.DepositRow(c, amount, T(9, 48, 16), Vocabulary.MemoSupervision)));
            Match(s, serial, [id], MatchRule.SUB_ACCOUNT, amount);
        });
    }

    /// <summary>WRONG_SUB_ACCOUNT: a CITIC payout paired on the payment serial whose 附属账号 is another contract's.</summary>
    private void WrongSubAccount(AccountSimulator a)
    {
        long amount = Amount(108_000);
        Contract c = a.PlantContract(plan, amount + Amount(80_000));
        Contract other = a.PlantContract(plan, Amount(40_000));
        a.Describe("WRONG_SUB_ACCOUNT", D2, $"CITIC payout for {c.ContractNo} paired on 客户流水号 but debited from 附属账号 {other.SubAccountNo} (another contract's): WRONG_SUB_ACCOUNT");
        a.At(D2, T(15, 10, 44), s =>
        {
            Ref payRef = s.NewPayRef();
            string id = s.EntryText(s.Entry(s.PayoutEntry(c, amount, LedgerStatus.SUCCESS, payRef, refund: false, s.Day, T(14, 50, 0), T(15, 11, 0))));
            BankRow row = s.PayoutRow(c, amount, T(15, 10, 44), payRef, refund: false);
            row.SubAccount = other.SubAccountBytes;
            string serial = s.SerialText(s.Bank(row));
            Match(s, serial, [id], MatchRule.PAYMENT_REF, amount);
            Standing(s, Category.WRONG_SUB_ACCOUNT, serial, [id], Direction.OUT, amount, amount, ProofEffect.None);
        });
    }

    /// <summary>LEDGER_ONLY: a SUCCESS payout the bank never executed; in transit on day 1, overdue from day 2.</summary>
    private void LedgerOnly(AccountSimulator a)
    {
        long amount = Amount(119_000);
        Contract c = a.PlantContract(plan, amount + Amount(50_000));
        a.Describe("LEDGER_ONLY", D1, "a CITIC payout booked SUCCESS that the bank never executed: in transit on day 1, LEDGER_ONLY from day 2 on");
        a.At(D1, T(17, 2, 0), s =>
        {
            string id = s.EntryText(s.Entry(s.PayoutEntry(c, amount, LedgerStatus.SUCCESS, s.NewPayRef(), refund: false, s.Day, T(17, 0, 0), T(17, 2, 0))));
            Open(s, OpenSide.Ledger, id, Direction.OUT, amount, cleared: null);
        });
    }

    /// <summary>BALANCE_BREAK (running): a CITIC row whose printed 账户余额 is 500.00 short; the rows after it follow the printed one.</summary>
    private void RunningBalanceBreak(AccountSimulator a)
    {
        Contract c = a.PlantContract(plan, 0);
        long amount = Amount(125_000);
        const long Gap = 500_00;
        a.Describe("BALANCE_BREAK_RUNNING", D2, "a CITIC row (a deposit paired on the bank serial) printed 500.00 below the previous balance plus its amount; later rows and 本日余额 follow the printed balance, so the account stays 500.00 unexplained");
        a.At(D2, T(13, 30, 0), s =>
        {
            s.BreakRunningBalance(-Gap);
            Ref serialRef = s.Bank(s.DepositRow(c, amount, T(13, 30, 0), Vocabulary.MemoDownPayment));
            LedgerRow entry = AccountSimulator.DepositEntry(c, amount, LedgerStatus.SUCCESS, s.Day, T(13, 20, 0), T(13, 30, 0), Vocabulary.MemoDownPayment);
            entry.BankSerial = serialRef;
            string id = s.EntryText(s.Entry(entry));
            string serial = s.SerialText(serialRef);
            Match(s, serial, [id], MatchRule.BANK_SERIAL, amount);
            Standing(s, Category.BALANCE_BREAK, serial, [], null, Gap, null, ProofEffect.None);
        });
    }

    /// <summary>An overdue LEDGER_ONLY that clears: the bank executes a day-1 payout on day 3 (CARRIED on the payment serial).</summary>
    private void LatePayoutClears(AccountSimulator a)
    {
        long amount = Amount(131_000);
        Contract c = a.PlantContract(plan, amount + Amount(50_000));
        a.Describe("LEDGER_ONLY_CLEARED", D1, "a CITIC payout booked on day 1 that the bank executes only on day 3: in transit on day 1, LEDGER_ONLY on day 2, cleared on day 3 (CARRIED)");
        string? id = null;
        Ref payRef = default;
        a.At(D1, T(16, 30, 0), s =>
        {
            payRef = s.NewPayRef();
            id = s.EntryText(s.Entry(s.PayoutEntry(c, amount, LedgerStatus.SUCCESS, payRef, refund: false, s.Day, T(16, 30, 0), T(16, 30, 20))));
            Open(s, OpenSide.Ledger, id, Direction.OUT, amount, cleared: D3);
        });
        a.At(D3, T(10, 5, 0), s =>
        {
            string serial = s.SerialText(s.Bank(s.PayoutRow(c, amount, T(10, 5, 0), payRef, refund: false)));
            Match(s, serial, [id!], MatchRule.CARRIED, amount);
        });
    }

    /// <summary>STATUS_MISMATCH: CITIC executed a payout the ledger still has as SUBMITTED.</summary>
    private void StatusMismatch(AccountSimulator a)
    {
        long amount = Amount(142_000);
        Contract c = a.PlantContract(plan, amount + Amount(50_000));
        a.Describe("STATUS_MISMATCH", D1, "a CITIC payout executed by the bank whose ledger entry is still SUBMITTED: paired on rung 2, STATUS_MISMATCH (the bank line counts bank-side)");
        a.At(D1, T(10, 40, 0), s =>
        {
            Ref payRef = s.NewPayRef();
            string id = s.EntryText(s.Entry(s.PayoutEntry(c, amount, LedgerStatus.SUBMITTED, payRef, refund: false, s.Day, T(10, 30, 0), 0)));
            string serial = s.SerialText(s.Bank(s.PayoutRow(c, amount, T(10, 40, 0), payRef, refund: false)));
            Match(s, serial, [id], MatchRule.PAYMENT_REF, amount);
            Standing(s, Category.STATUS_MISMATCH, serial, [id], Direction.OUT, amount, amount, ProofEffect.BankSide(Direction.OUT, Money.FromFen(amount)));
        });
    }

    /// <summary>AMOUNT_MISMATCH on a batch: the CITIC debit is 1,000.00 less than the sum of the batch's entries.</summary>
    private void BatchAmountMismatch(AccountSimulator a)
    {
        long[] amounts = [Amount(153_000), Amount(164_000), Amount(175_000)];
        Contract[] contracts = amounts.Select(x => a.PlantContract(plan, x + Amount(20_000))).ToArray();
        const long Short = 1_000_00;
        a.Describe("BATCH_AMOUNT_MISMATCH", D2, "a CITIC batch debit 1000.00 below the sum of its three entries: paired on rung 3, AMOUNT_MISMATCH (the difference ledger-side)");
        a.At(D2, T(14, 30, 0), s =>
        {
            Ref batch = s.NewBatch();
            var ids = new List<string>();
            for (int i = 0; i < amounts.Length; i++)
            {
                LedgerRow entry = s.PayoutEntry(contracts[i], amounts[i], LedgerStatus.SUCCESS, Ref.None, refund: false, s.Day, T(14, 0, i), T(14, 30, 0));
                entry.Batch = batch;
                ids.Add(s.EntryText(s.Entry(entry)));
            }
            long sum = amounts.Sum();
            long bank = sum - Short;
            var row = new BankRow
            {
                Seconds = T(14, 30, 0),
                Direction = Direction.OUT,
                AmountFen = bank,
                Batch = batch,
                Summary = Vocabulary.CiticOut,
                Memo = new Output.Text("批量代付"),
            };
            string serial = s.SerialText(s.Bank(row));
            Match(s, serial, ids, MatchRule.BATCH, bank);
            Standing(s, Category.AMOUNT_MISMATCH, serial, ids, Direction.OUT, bank, sum, ProofEffect.LedgerSide(Direction.OUT, Money.FromFen(Short)));
        });
    }

    /// <summary>Reversal (冲正): CITIC pays out and reverses it; the ledger entry is FAILED and is dropped.</summary>
    private void Reversal(AccountSimulator a)
    {
        long amount = Amount(186_000);
        Contract c = a.PlantContract(plan, amount + Amount(50_000));
        a.Describe("REVERSAL", D2, "a CITIC payout reversed by a 冲正 row half an hour later (the payee's account was closed); the ledger entry is FAILED: one REVERSAL match, no finding");
        a.At(D2, T(10, 0, 0), s =>
        {
            Ref payRef = s.NewPayRef();
            s.Entry(s.PayoutEntry(c, amount, LedgerStatus.FAILED, payRef, refund: false, s.Day, T(9, 55, 0), T(10, 31, 0)));
            Ref original = s.Bank(s.PayoutRow(c, amount, T(10, 0, 0), payRef, refund: false));
            BankRow reversal = s.PayoutRow(c, amount, T(10, 31, 0), Ref.None, refund: false);
            reversal.Direction = Direction.IN;
            reversal.Summary = Vocabulary.Reversal;
            reversal.Memo = new Output.Text("收款账户已销户退回");
            reversal.ReversalOf = original;
            s.Bank(reversal);
            Match(s, s.SerialText(original), [], MatchRule.REVERSAL, amount);
        });
    }

    /// <summary>
    /// Timing: a PAB deposit at 23:58 on day 1 (entry on day 1, created_at in UTC) that the bank books on day 2:
    /// in transit on day 1, cleared on day 2 by rung 4 (SUB_ACCOUNT, written CARRIED).
    /// </summary>
    private void LateEveningDeposit(AccountSimulator a)
    {
        Contract c = a.PlantContract(plan, 0);
        long amount = Amount(197_000);
        a.Describe("LATE_EVENING_DEPOSIT", D1, "a PAB deposit at 23:58:41 on day 1 (ledger entry of day 1, timestamps in UTC) booked by the bank on day 2 (记账日期 = day 2, in day 2's file): in transit on day 1, cleared on day 2 (CARRIED)");
        string? id = null;
        a.At(D1, T(23, 58, 41), s =>
        {
            LedgerRow entry = AccountSimulator.DepositEntry(c, amount, LedgerStatus.SUCCESS, s.Day, T(23, 57, 30), T(23, 58, 41), Vocabulary.MemoDownPayment);
            entry.Utc = true;
            id = s.EntryText(s.Entry(entry));
            Open(s, OpenSide.Ledger, id, Direction.IN, amount, cleared: D2);
        });
        a.At(D2, -1, s =>
        {
            BankRow row = s.DepositRow(c, amount, T(23, 58, 41), Vocabulary.MemoDownPayment);
            row.TxDayOffset = -1;
            string serial = s.SerialText(s.Bank(row));
            Match(s, serial, [id!], MatchRule.CARRIED, amount);
        });
    }

    /// <summary>AMOUNT_MISMATCH on rung 2: the ledger refunds ten times what PAB paid out.</summary>
    private void AmountMismatchByPaymentRef(AccountSimulator a)
    {
        long bank = Amount(8_000);
        long ledger = bank * 10;
        Contract c = a.PlantContract(plan, ledger + Amount(30_000));
        a.Describe("AMOUNT_MISMATCH_PAYMENT_REF", D1, "a PAB refund paired on 业务流水号 whose ledger amount has an extra digit (ten times the bank's): AMOUNT_MISMATCH, the difference ledger-side");
        a.At(D1, T(11, 20, 7), s =>
        {
            Ref payRef = s.NewPayRef();
            string id = s.EntryText(s.Entry(s.PayoutEntry(c, ledger, LedgerStatus.SUCCESS, payRef, refund: true, s.Day, T(11, 15, 0), T(11, 20, 30))));
            string serial = s.SerialText(s.Bank(s.PayoutRow(c, bank, T(11, 20, 7), payRef, refund: true)));
            Match(s, serial, [id], MatchRule.PAYMENT_REF, bank);
            Standing(s, Category.AMOUNT_MISMATCH, serial, [id], Direction.OUT, bank, ledger, ProofEffect.LedgerSide(Direction.OUT, Money.FromFen(ledger - bank)));
        });
    }

    /// <summary>BANK_ONLY (OUT): a PAB fee nobody booked; in transit on day 2, overdue on day 3.</summary>
    private void BankOnlyFee(AccountSimulator a)
    {
        const long Fee = 25_00;
        a.Describe("BANK_ONLY_FEE", D2, "a PAB 手续费 debit of 25.00 the ledger never booked: in transit on day 2, BANK_ONLY from day 3");
        a.At(D2, T(16, 0, 0), s =>
        {
            var row = new BankRow
            {
                Seconds = T(16, 0, 0),
                Direction = Direction.OUT,
                AmountFen = Fee,
                Summary = Vocabulary.Fee,
                Memo = Vocabulary.FeeMemo,
            };
            string serial = s.SerialText(s.Bank(row));
            Open(s, OpenSide.Bank, serial, Direction.OUT, Fee, cleared: null);
        });
    }

    /// <summary>AMOUNT_MISMATCH on rung 4: the only candidate of a PAB 见证子账户 has a tenth of the amount.</summary>
    private void AmountMismatchBySubAccount(AccountSimulator a)
    {
        Contract c = a.PlantContract(plan, 0);
        long bank = Amount(209_000);
        long ledger = bank / 10;
        a.Describe("AMOUNT_MISMATCH_SUB_ACCOUNT", D1, "a PAB deposit into a 见证子账户 whose only entry (no bank serial) has a tenth of the amount: paired on rung 4 (SUB_ACCOUNT) as the single inexact candidate, AMOUNT_MISMATCH bank-side");
        a.At(D1, T(10, 5, 33), s =>
        {
            string id = s.EntryText(s.Entry(AccountSimulator.DepositEntry(c, ledger, LedgerStatus.SUCCESS, s.Day, T(9, 50, 0), T(10, 5, 33), Vocabulary.MemoRenovation)));
            string serial = s.SerialText(s.Bank(s.DepositRow(c, bank, T(10, 5, 33), Vocabulary.MemoRenovation)));
            Match(s, serial, [id], MatchRule.SUB_ACCOUNT, bank);
            Standing(s, Category.AMOUNT_MISMATCH, serial, [id], Direction.IN, bank, ledger, ProofEffect.BankSide(Direction.IN, Money.FromFen(bank - ledger)));
        });
    }

    /// <summary>DUPLICATE (ledger): a payout entered twice with the same payment serial; PAB paid it once.</summary>
    private void DuplicateLedgerEntry(AccountSimulator a)
    {
        long amount = Amount(21_000);
        Contract c = a.PlantContract(plan, 2 * amount + Amount(40_000));
        a.Describe("DUPLICATE_LEDGER_ENTRY", D2, "a PAB payout booked twice with the same payment_ref, paid once: the earlier entry pairs on rung 2, the later is DUPLICATE (ledger-side)");
        a.At(D2, T(10, 12, 0), s =>
        {
            Ref payRef = s.NewPayRef();
            string first = s.EntryText(s.Entry(s.PayoutEntry(c, amount, LedgerStatus.SUCCESS, payRef, refund: false, s.Day, T(9, 30, 0), T(10, 12, 10))));
            string second = s.EntryText(s.Entry(s.PayoutEntry(c, amount, LedgerStatus.SUCCESS, payRef, refund: false, s.Day, T(9, 31, 0), T(10, 12, 10))));
            string serial = s.SerialText(s.Bank(s.PayoutRow(c, amount, T(10, 12, 0), payRef, refund: false)));
            Match(s, serial, [first], MatchRule.PAYMENT_REF, amount);
            Standing(s, Category.DUPLICATE, null, [second], Direction.OUT, null, amount, ProofEffect.LedgerSide(Direction.OUT, Money.FromFen(amount)));
        });
    }

    /// <summary>BALANCE_BREAK (opening): PAB's day-2 statement opens 1,000.00 above day 1's closing.</summary>
    private void OpeningBreak(AccountSimulator a)
    {
        const long Gap = 1_000_00;
        a.ShiftOpening(D2, Gap);
        a.Describe("BALANCE_BREAK_OPENING", D2, "the PAB statement of day 2 opens 1000.00 above day 1's closing (期末余额 − 净额), its rows consistent from there: BALANCE_BREAK keyed OPENING, 1000.00 unexplained from day 2 on");
        a.At(D2, 0, s => Standing(s, Category.BALANCE_BREAK, null, [], null, Gap, null, ProofEffect.None, "OPENING:" + s.Days.IsoString(s.Day)));
    }

    // ---- Helpers ----

    /// <summary>An amount just above <paramref name="yuan"/> with random fen: every situation has its own thousands, so no two meet.</summary>
    private long Amount(long yuan) => yuan * 100 + plan.Between(0L, 999_99L);

    private static int T(int h, int m, int s) => (h * 3600) + (m * 60) + s;

    private static List<string> Sorted(IEnumerable<string> ids) => ids.OrderBy(x => x, StringComparer.Ordinal).ToList();

    private static void Match(AccountSimulator s, string serial, IEnumerable<string> ids, MatchRule rule, long amountFen) =>
        s.Truth.Matches.Add(new MatchFact(s.Day, serial, Sorted(ids), rule, amountFen));

    private static void Open(AccountSimulator s, OpenSide side, string key, Direction direction, long amountFen, int? cleared, bool ambiguous = false) =>
        s.Truth.OpenItems.Add(new OpenItemFact(side, key, direction, amountFen, s.Day, cleared, ambiguous));

    private static void Standing(AccountSimulator s, Category category, string? serial, IEnumerable<string> ids, Direction? direction,
        long? bankFen, long? ledgerFen, ProofEffect effect, string extra = "") =>
        s.Truth.Standing.Add(new StandingFact(category, serial, Sorted(ids), direction, bankFen, ledgerFen, s.Day, effect, extra));
}
