using Reconcile.Core.Model;
using Reconcile.Samples.Model;
using Reconcile.Samples.Output;

namespace Reconcile.Samples.Writers;

/// <summary>中信银行: GB18030, CRLF, header, 上日余额 row, rows with 借贷标识, 本日余额 row.</summary>
internal sealed class CiticStatementWriter(string path, SampleAccount account, DayTexts days, int day)
    : StatementWriter(path, account, days, day, TextEncoding.Gb18030, crLf: true)
{
    private static readonly Text Header = Text.Fields(
        "账号,交易日期,交易时间,柜员交易号,总交易流水号,附属账号,借贷标识,交易金额,账户余额,对方账号,对方户名,对方开户行,摘要,附言,起息日,客户流水号,冲正流水号");
    private static readonly Text OpeningSummary = new("上日余额");
    private static readonly Text ClosingSummary = new("本日余额");

    public override void Begin(long openingFen)
    {
        CebStatementWriter.HeaderLine(W, Header);
        BalanceRow("000000"u8, openingFen, OpeningSummary);
    }

    protected override void WriteRow(in BankRow row, long balanceAfterFen)
    {
        W.Bytes(Account.AccountBytes);
        W.Comma();
        W.Bytes(Days.Basic(Day));
        W.Comma();
        W.Time(row.Seconds, colons: false);
        W.Comma();
        Ids.Teller(W, Account.Index, Days, row.Serial);
        W.Comma();
        Serial(row.Serial);
        W.Comma();
        if (row.SubAccount is not null)
        {
            W.Bytes(row.SubAccount);
        }
        W.Comma();
        W.Byte(row.Direction == Direction.IN ? (byte)'C' : (byte)'D');
        W.Comma();
        W.Yuan(row.AmountFen);
        W.Comma();
        W.Yuan(balanceAfterFen);
        W.Comma();
        Party(row);
        W.Comma();
        W.Text(row.Summary);
        W.Comma();
        Memo(row, payRefInMemo: false);
        W.Comma();
        W.Bytes(Days.Basic(Day));
        W.Comma();
        if (!row.PayRef.IsNone)
        {
            Ids.PayRef(W, Account.Index, Days, row.PayRef);
        }
        W.Comma();
        if (!row.ReversalOf.IsNone)
        {
            Serial(row.ReversalOf);
        }
        W.NewLine();
    }

    public override void End(long closingFen) => BalanceRow("235959"u8, closingFen, ClosingSummary);

    private void BalanceRow(ReadOnlySpan<byte> time, long balanceFen, Text summary)
    {
        W.Bytes(Account.AccountBytes);
        W.Comma();
        W.Bytes(Days.Basic(Day));
        W.Comma();
        W.Bytes(time);
        W.Commas(6);
        W.Yuan(balanceFen);
        W.Commas(4);
        W.Text(summary);
        W.Commas(4);
        W.NewLine();
    }
}
