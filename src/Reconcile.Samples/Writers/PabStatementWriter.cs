using Reconcile.Core.Model;
using Reconcile.Samples.Model;
using Reconcile.Samples.Output;

namespace Reconcile.Samples.Writers;

/// <summary>平安银行: UTF-8 with BOM, LF, signed fen, 记账日期 beside 交易时间, #汇总 trailer.</summary>
internal sealed class PabStatementWriter(string path, SampleAccount account, DayTexts days, int day)
    : StatementWriter(path, account, days, day, TextEncoding.Utf8, crLf: false)
{
    private static readonly Text Header = Text.Fields(
        "交易时间,记账日期,账号,核心唯一流水号,交易流水号,业务流水号,见证子账户,交易网会员代码,交易金额(分),账户余额(分),对方账号,对方户名,对方账号开户行,摘要,交易用途");

    public override void Begin(long openingFen)
    {
        W.Bytes("\uFEFF"u8);
        CebStatementWriter.HeaderLine(W, Header);
    }

    protected override void WriteRow(in BankRow row, long balanceAfterFen)
    {
        W.Bytes(Days.Slash(Day + row.TxDayOffset));
        W.Byte((byte)' ');
        W.Time(row.Seconds, colons: true);
        W.Comma();
        W.Bytes(Days.Basic(Day));
        W.Comma();
        W.Bytes(Account.AccountBytes);
        W.Comma();
        Serial(row.Serial);
        W.Comma();
        Ids.PabTransaction(W, Account.Index, Days, row.Serial);
        W.Comma();
        if (!row.PayRef.IsNone)
        {
            Ids.PayRef(W, Account.Index, Days, row.PayRef);
        }
        W.Comma();
        if (row.SubAccount is not null)
        {
            W.Bytes(row.SubAccount);
        }
        W.Comma();
        if (row.MemberCode is not null)
        {
            W.Bytes(row.MemberCode);
        }
        W.Comma();
        W.Long(row.Signed);
        W.Comma();
        W.Long(balanceAfterFen);
        W.Comma();
        Party(row);
        W.Comma();
        W.Text(row.Summary);
        W.Comma();
        Memo(row, payRefInMemo: false);
        W.NewLine();
    }

    public override void End(long closingFen)
    {
        W.Bytes("#汇总,笔数,"u8);
        W.Long(Count);
        W.Bytes(",净额(分),"u8);
        W.Long(Credits - Debits);
        W.Bytes(",期末余额(分),"u8);
        W.Long(closingFen);
        W.NewLine();
    }
}
