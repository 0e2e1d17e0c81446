using Reconcile.Core.Model;
using Reconcile.Samples.Model;
using Reconcile.Samples.Output;

namespace Reconcile.Samples.Writers;

/// <summary>中国光大银行: GB18030, CRLF, title and preamble, 借方/贷方 columns with grouped amounts, 合计/笔数 trailer.</summary>
internal sealed class CebStatementWriter(string path, SampleAccount account, DayTexts days, int day)
    : StatementWriter(path, account, days, day, TextEncoding.Gb18030, crLf: true)
{
    private static readonly Text Title = new("中国光大银行对公账户交易明细");
    private static readonly Text AccountLabel = new("账号：");
    private static readonly Text NameLabel = new("账户名称：");
    private static readonly Text PeriodLabel = new("查询期间：");
    private static readonly Text To = new("至");
    private static readonly Text OpeningLabel = new("期初余额：");
    private static readonly Text Header = Text.Fields("交易日期,交易时间,借方发生额,贷方发生额,账户余额,对方账号,对方名称,对方银行,摘要,用途,凭证号,流水号");
    private static readonly Text Total = new("合计");
    private static readonly Text DebitCountLabel = new("借方笔数：");
    private static readonly Text CreditCountLabel = new("贷方笔数：");

    public override void Begin(long openingFen)
    {
        W.Text(Title);
        W.NewLine();
        W.Text(AccountLabel);
        W.Comma();
        W.Bytes(Account.AccountBytes);
        W.NewLine();
        W.Text(NameLabel);
        W.Comma();
        W.Text(Account.AccountNameText);
        W.NewLine();
        W.Text(PeriodLabel);
        W.Comma();
        W.Bytes(Days.Iso(Day));
        W.Comma();
        W.Text(To);
        W.Comma();
        W.Bytes(Days.Iso(Day));
        W.NewLine();
        W.Text(OpeningLabel);
        W.Comma();
        W.YuanGrouped(openingFen);
        W.NewLine();
        HeaderLine(W, Header);
    }

    protected override void WriteRow(in BankRow row, long balanceAfterFen)
    {
        W.Bytes(Days.Iso(Day));
        W.Comma();
        W.Time(row.Seconds, colons: true);
        W.Comma();
        if (row.Direction == Direction.OUT)
        {
            W.YuanGrouped(row.AmountFen);
            W.Commas(2);
        }
        else
        {
            W.Comma();
            W.YuanGrouped(row.AmountFen);
            W.Comma();
        }
        W.YuanGrouped(balanceAfterFen);
        W.Comma();
        Party(row);
        W.Comma();
        W.Text(row.Summary);
        W.Comma();
        Memo(row, payRefInMemo: true);
        W.Comma();
        if (row.Voucher)
        {
            W.Padded(row.Serial.Seq % 10_000_000, 7);
        }
        W.Comma();
        Serial(row.Serial);
        W.NewLine();
    }

    public override void End(long closingFen)
    {
        W.Text(Total);
        W.Commas(2);
        W.YuanGrouped(Debits);
        W.Comma();
        W.YuanGrouped(Credits);
        W.Commas(8);
        W.NewLine();
        W.Text(DebitCountLabel);
        W.Comma();
        W.Long(DebitCount);
        W.Comma();
        W.Text(CreditCountLabel);
        W.Comma();
        W.Long(CreditCount);
        W.NewLine();
    }

    internal static void HeaderLine(RowBuffer w, Text header)
    {
        w.Text(header);
        w.NewLine();
    }
}
