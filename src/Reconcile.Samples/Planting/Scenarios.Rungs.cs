using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;
using Reconcile.Samples.Model;
using Reconcile.Samples.Writers;

namespace Reconcile.Samples.Planting;

/// <summary>The rungs of the ladder beyond the bulk (rungs 1 and 2): contract token, counterparty, batch, sub-account, and the reversal pair.</summary>
internal sealed partial class Scenarios
{
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
}
