using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;
using Reconcile.Samples.Model;
using Reconcile.Samples.Writers;

namespace Reconcile.Samples.Planting;

/// <summary>Findings on pairs and accounts: duplicates, AMBIGUOUS, direction / status / amount mismatches, wrong sub-account, balance breaks.</summary>
internal sealed partial class Scenarios
{
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

    /// <summary>BALANCE_BREAK (opening): PAB's day-2 statement opens 1,000.00 above day 1's closing.</summary>
    private void OpeningBreak(AccountSimulator a)
    {
        const long Gap = 1_000_00;
        a.ShiftOpening(D2, Gap);
        a.Describe("BALANCE_BREAK_OPENING", D2, "the PAB statement of day 2 opens 1000.00 above day 1's closing (期末余额 − 净额), its rows consistent from there: BALANCE_BREAK keyed OPENING, 1000.00 unexplained from day 2 on");
        a.At(D2, 0, s => Standing(s, Category.BALANCE_BREAK, null, [], null, Gap, null, ProofEffect.None, "OPENING:" + s.Days.IsoString(s.Day)));
    }
}
