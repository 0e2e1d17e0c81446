using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;
using Reconcile.Samples.Model;
using Reconcile.Samples.Writers;

namespace Reconcile.Samples.Planting;

/// <summary>Timing: items in transit, overdue (BANK_ONLY / LEDGER_ONLY), cleared later, booked the next day, and a missing statement.</summary>
internal sealed partial class Scenarios
{
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
}
