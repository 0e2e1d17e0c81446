using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;
using Reconcile.Samples.Model;
using Reconcile.Samples.Writers;

namespace Reconcile.Samples.Planting;

/// <summary>
/// Rungs 6 and 7: money that arrives in pieces. One transfer paying two entries (SPLIT), an entry paid in two
/// transfers (PARTIAL) and one paid out in three debits over two days, an instalment still short at the end, and a
/// transfer two different sets of entries add up to (AMBIGUOUS). All at CITIC, whose rows draw nothing from the
/// account's generator, and after the other planted rows of their account and day, so that those keep their serials.
/// </summary>
internal sealed partial class Scenarios
{
    /// <summary>SPLIT: one CITIC deposit into a 附属账号 pays the earnest and the down payment, booked as two entries.</summary>
    private void SplitDeposit(AccountSimulator a)
    {
        Contract c = a.PlantContract(plan, 0);
        long earnest = Amount(33_000);
        long down = Amount(266_000);
        a.Describe("SPLIT", D2, $"one CITIC deposit into 附属账号 {c.SubAccountNo} pays the earnest ({Money.FromFen(earnest)}) and the down payment "
            + $"({Money.FromFen(down)}), booked as two entries without the bank serial: one SPLIT match listing both");
        a.At(D2, T(10, 30, 0), s =>
        {
            string first = s.EntryText(s.Entry(AccountSimulator.DepositEntry(c, earnest, LedgerStatus.SUCCESS, s.Day, T(10, 20, 0), T(10, 30, 0), Vocabulary.MemoEarnest)));
            string second = s.EntryText(s.Entry(AccountSimulator.DepositEntry(c, down, LedgerStatus.SUCCESS, s.Day, T(10, 21, 0), T(10, 30, 0), Vocabulary.MemoDownPayment)));
            string serial = s.SerialText(s.Bank(s.DepositRow(c, earnest + down, T(10, 30, 0), Vocabulary.MemoSupervision)));
            Match(s, serial, [first, second], MatchRule.SPLIT, earnest + down);
        });
    }

    /// <summary>PARTIAL: a renovation first payment booked as one entry, transferred by the owner in two parts on the same day.</summary>
    private void PartialDeposit(AccountSimulator a)
    {
        Contract c = a.PlantContract(plan, 0);
        long whole = Amount(88_000);
        long part = Amount(35_000);
        a.Describe("PARTIAL", D3, $"a renovation first payment of {Money.FromFen(whole)} booked as one entry, transferred by the owner in two parts "
            + $"(分次到账) into 附属账号 {c.SubAccountNo} the same day: two PARTIAL matches, one per transfer, each naming the entry");
        string? id = null;
        a.At(D3, T(11, 0, 0), s =>
        {
            id = s.EntryText(s.Entry(AccountSimulator.DepositEntry(c, whole, LedgerStatus.SUCCESS, s.Day, T(10, 50, 0), T(11, 0, 0), Vocabulary.MemoRenovationFirst)));
            string serial = s.SerialText(s.Bank(s.DepositRow(c, part, T(11, 0, 0), Vocabulary.MemoCustody)));
            Match(s, serial, [id], MatchRule.PARTIAL, part);
        });
        a.At(D3, T(15, 42, 0), s =>
        {
            string serial = s.SerialText(s.Bank(s.DepositRow(c, whole - part, T(15, 42, 0), Vocabulary.MemoCustody)));
            Match(s, serial, [id!], MatchRule.PARTIAL, whole - part);
        });
    }

    /// <summary>
    /// PARTIAL over two days: a stage release booked as one payout, executed by CITIC as debits of at most 50,000.00
    /// (the transfer limit), two on day 1 and the rest on day 2. Day 1: the entry partially paid, all in transit; day 2:
    /// three PARTIAL matches (PARTIAL, not CARRIED, although two lines and the entry were carried).
    /// </summary>
    private void PartialPayoutOverTwoDays(AccountSimulator a)
    {
        const long Limit = 50_000_00;
        long stage = Amount(144_000);
        Contract c = a.PlantContract(plan, stage + Amount(30_000));
        a.Describe("PARTIAL_OVER_TWO_DAYS", D1, $"a renovation stage release of {Money.FromFen(stage)} booked as one payout, debited by CITIC in transfers of at most "
            + "50000.00 without our payment serial, two on day 1 and the rest on day 2: the entry partially paid (in transit) on day 1, "
            + "three PARTIAL matches on day 2");
        string? id = null;
        var serials = new List<string>();
        a.At(D1, T(14, 0, 0), s =>
        {
            id = s.EntryText(s.Entry(s.PayoutEntry(c, stage, LedgerStatus.SUCCESS, Ref.None, refund: false, s.Day, T(13, 50, 0), T(14, 0, 0))));
            Open(s, OpenSide.Ledger, id, Direction.OUT, stage, cleared: D2);
        });
        a.At(D1, T(14, 5, 0), s =>
        {
            for (int k = 0; k < 2; k++)
            {
                string serial = s.SerialText(s.Bank(s.PayoutRow(c, Limit, T(14, 5, 30 * k), Ref.None, refund: false)));
                Open(s, OpenSide.Bank, serial, Direction.OUT, Limit, cleared: D2);
                serials.Add(serial);
            }
        });
        a.At(D2, T(11, 15, 0), s =>
        {
            serials.Add(s.SerialText(s.Bank(s.PayoutRow(c, stage - 2 * Limit, T(11, 15, 0), Ref.None, refund: false))));
            for (int k = 0; k < serials.Count; k++)
            {
                Match(s, serials[k], [id!], MatchRule.PARTIAL, k < 2 ? Limit : stage - 2 * Limit);
            }
        });
    }

    /// <summary>
    /// A down payment still short at the end: booked on day 2, paid in two transfers on days 2 and 3 that fall short.
    /// Day 2: both in transit, the entry partially received; day 3: the entry LEDGER_ONLY and the first transfer
    /// BANK_ONLY, each saying what remains, the second transfer in transit.
    /// </summary>
    private void ShortInstalments(AccountSimulator a)
    {
        Contract c = a.PlantContract(plan, 0);
        long down = Amount(230_000);
        long first = Amount(100_000);
        long second = Amount(60_000);
        a.Describe("PARTIAL_SHORT", D2, $"a down payment of {Money.FromFen(down)} booked on day 2, paid into 附属账号 {c.SubAccountNo} in two transfers "
            + $"(days 2 and 3) that leave {Money.FromFen(down - first - second)} unpaid: partially received, in transit on day 2; "
            + "on day 3 LEDGER_ONLY and BANK_ONLY (the first transfer) saying what remains, the second transfer in transit");
        a.At(D2, T(16, 5, 0), s =>
        {
            string id = s.EntryText(s.Entry(AccountSimulator.DepositEntry(c, down, LedgerStatus.SUCCESS, s.Day, T(16, 0, 0), T(16, 5, 0), Vocabulary.MemoDownPayment)));
            Open(s, OpenSide.Ledger, id, Direction.IN, down, cleared: null);
        });
        a.At(D2, T(16, 20, 0), s =>
        {
            string serial = s.SerialText(s.Bank(s.DepositRow(c, first, T(16, 20, 0), Vocabulary.MemoSupervision)));
            Open(s, OpenSide.Bank, serial, Direction.IN, first, cleared: null);
        });
        a.At(D3, T(11, 0, 0), s =>
        {
            string serial = s.SerialText(s.Bank(s.DepositRow(c, second, T(11, 0, 0), Vocabulary.MemoSupervision)));
            Open(s, OpenSide.Bank, serial, Direction.IN, second, cleared: null);
        });
    }

    /// <summary>AMBIGUOUS on rung 6: a deposit that two different pairs of the contract's four open entries add up to.</summary>
    private void AmbiguousSplit(AccountSimulator a)
    {
        Contract c = a.PlantContract(plan, 0);
        long[] amounts = new long[4];
        amounts[0] = Amount(11_000);
        amounts[1] = Amount(17_000);
        amounts[2] = Amount(13_000);
        amounts[3] = amounts[0] + amounts[1] - amounts[2];
        long deposit = amounts[0] + amounts[1];
        a.Describe("AMBIGUOUS_SPLIT", D2, $"a CITIC deposit of {Money.FromFen(deposit)} into 附属账号 {c.SubAccountNo}, whose four open entries add up to it in two "
            + "different pairs: AMBIGUOUS on rung 6 (SPLIT) listing all four, every day");
        a.At(D2, T(16, 10, 0), s =>
        {
            var ids = new List<string>();
            for (int k = 0; k < amounts.Length; k++)
            {
                ids.Add(s.EntryText(s.Entry(AccountSimulator.DepositEntry(c, amounts[k], LedgerStatus.SUCCESS, s.Day, T(15, 0, k), T(15, 1, k), Vocabulary.MemoRenovation))));
            }
            string serial = s.SerialText(s.Bank(s.DepositRow(c, deposit, T(16, 10, 0), Vocabulary.MemoCustody)));
            s.Truth.Ambiguous.Add(new AmbiguousFact(serial, Sorted(ids), Direction.IN, deposit, amounts[0], s.Day));
            Open(s, OpenSide.Bank, serial, Direction.IN, deposit, cleared: null, ambiguous: true);
            for (int k = 0; k < amounts.Length; k++)
            {
                Open(s, OpenSide.Ledger, ids[k], Direction.IN, amounts[k], cleared: null, ambiguous: true);
            }
        });
    }
}
