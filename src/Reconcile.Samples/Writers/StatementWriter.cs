using Reconcile.Core.Model;
using Reconcile.Samples.Model;
using Reconcile.Samples.Output;

namespace Reconcile.Samples.Writers;

/// <summary>
/// Writes one statement file (one escrow account, one booking day) in its bank's layout and encoding, streaming:
/// <see cref="Begin"/> with the opening balance, one <see cref="Row"/> per transaction with the balance after
/// it, <see cref="End"/> with the closing balance (trailers are counted as rows go).
/// </summary>
internal abstract class StatementWriter : IDisposable
{
    private readonly FileRowBuffer _buffer;

    protected StatementWriter(string path, SampleAccount account, DayTexts days, int day, TextEncoding encoding, bool crLf)
    {
        _buffer = new FileRowBuffer(path) { Encoding = encoding, CrLf = crLf };
        Account = account;
        Days = days;
        Day = day;
    }

    protected RowBuffer W => _buffer;

    protected SampleAccount Account { get; }

    protected DayTexts Days { get; }

    /// <summary>The booking day (day index).</summary>
    protected int Day { get; }

    public long Credits { get; private set; }

    public long Debits { get; private set; }

    public int CreditCount { get; private set; }

    public int DebitCount { get; private set; }

    public int Count => CreditCount + DebitCount;

    public static StatementWriter Create(string path, SampleAccount account, DayTexts days, int day) => account.Bank switch
    {
        Bank.CEB => new CebStatementWriter(path, account, days, day),
        Bank.CITIC => new CiticStatementWriter(path, account, days, day),
        _ => new PabStatementWriter(path, account, days, day),
    };

    public abstract void Begin(long openingFen);

    public void Row(in BankRow row, long balanceAfterFen)
    {
        if (row.Direction == Direction.IN)
        {
            Credits += row.AmountFen;
            CreditCount++;
        }
        else
        {
            Debits += row.AmountFen;
            DebitCount++;
        }
        WriteRow(row, balanceAfterFen);
    }

    protected abstract void WriteRow(in BankRow row, long balanceAfterFen);

    public abstract void End(long closingFen);

    public void Dispose()
    {
        _buffer.Dispose();
        GC.SuppressFinalize(this);
    }

    protected void Serial(in Ref serial) => Ids.Serial(W, Account.Bank, Account.Index, Days, serial);

    /// <summary>The memo: [PAY… ] (when <paramref name="payRefInMemo"/>) [BATCH… ] [contract number] text.</summary>
    protected void Memo(in BankRow row, bool payRefInMemo)
    {
        if (payRefInMemo && !row.PayRef.IsNone)
        {
            Ids.PayRef(W, Account.Index, Days, row.PayRef);
            W.Byte((byte)' ');
        }
        if (!row.Batch.IsNone)
        {
            Ids.Batch(W, Account.Index, Days, row.Batch);
            W.Byte((byte)' ');
        }
        if (row.ContractInMemo && row.Contract is not null)
        {
            W.Bytes(row.Contract.ContractBytes);
        }
        W.Text(row.Memo);
    }

    protected void Party(in BankRow row)
    {
        if (row.Party is { } p)
        {
            W.Bytes(p.AccountBytes);
            W.Comma();
            W.Text(p.Name);
            W.Comma();
            W.Text(p.Bank);
        }
        else
        {
            W.Commas(2);
        }
    }
}

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
