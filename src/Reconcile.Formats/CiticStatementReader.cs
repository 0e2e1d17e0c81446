using NodaTime;
using Reconcile.Core.Model;

namespace Reconcile.Formats;

/// <summary>
/// 中信银行 (CITIC) statements: a header, then a 上日余额 row (the opening balance), the transactions with an
/// unsigned 交易金额 and a 借贷标识 (C = IN, D = OUT), and a 本日余额 row (the closing balance) last. Every row
/// names the account and the booking day, which must be the same throughout. A reversal (摘要 冲正) is an
/// ordinary line whose <see cref="BankLine.ReversalOf"/> is its 冲正流水号.
/// </summary>
internal static class CiticStatementReader
{
    private static readonly string[] Columns =
    [
        "账号", "交易日期", "交易时间", "总交易流水号", "附属账号", "借贷标识", "交易金额", "账户余额",
        "对方账号", "对方户名", "对方开户行", "摘要", "附言", "客户流水号", "冲正流水号",
    ];

    private const int Account = 0, Date = 1, Time = 2, Serial = 3, SubAccount = 4, Flag = 5, Amount = 6, Balance = 7,
        CounterpartyAccount = 8, CounterpartyName = 9, CounterpartyBank = 10, Summary = 11, Memo = 12, PaymentRef = 13,
        ReversalOf = 14;

    /// <summary>Reads the statement whose header is the current record.</summary>
    public static StatementSummary Read(CsvInput input, AccountRegistry registry, Action<BankLine> onLine)
    {
        Header header = Header.Resolve(input, Columns);
        if (!input.ReadRecord())
        {
            throw input.FileError("has no rows after the header, expected a 上日余额 row (the opening balance), the transactions and a 本日余额 row");
        }
        header.CheckRow(input);
        if (!input.Span(header[Summary]).SequenceEqual("上日余额"u8))
        {
            throw input.Found(header[Summary], "摘要", "上日余额 on the first row (the opening balance)");
        }
        EscrowAccount account = StatementAccounts.Resolve(input, header[Account], "账号", registry, Bank.CITIC);
        byte[] accountUtf8 = input.Span(header[Account]).ToArray();
        if (!FieldParsers.TryBasicDate(input.Span(header[Date]), out LocalDate date))
        {
            throw input.Found(header[Date], "交易日期", "a date yyyyMMdd");
        }
        var balance = new RunningBalance(ReadBalance(input, header));
        Money? closing = null;
        int sequence = 0;
        while (input.ReadRecord())
        {
            if (closing is not null)
            {
                throw input.Error(null, $"found '{input.Describe()}' after the 本日余额 row, expected 本日余额 to be the last row");
            }
            header.CheckRow(input);
            CheckSameAccountAndDay(input, header, account, accountUtf8, date);
            ReadOnlySpan<byte> summary = input.Span(header[Summary]);
            if (summary.SequenceEqual("上日余额"u8))
            {
                throw input.Found(header[Summary], "摘要", "上日余额 only on the first row");
            }
            if (summary.SequenceEqual("本日余额"u8))
            {
                Money printed = ReadBalance(input, header);
                balance.Check(balance.Current, printed, input.Source, input.OptionalText(header[Serial]) ?? StatementReader.ClosingSerial);
                closing = printed;
                continue;
            }
            BankLine line = ReadRow(input, header, account, date, sequence++);
            balance.Apply(line.Direction, line.Amount, line.BalanceAfter, line.Source, line.Serial);
            onLine(line);
        }
        if (closing is null)
        {
            throw input.FileError("ends without the 本日余额 row, expected the closing balance row last (is the file cut short?)");
        }
        return new StatementSummary(input.File, Bank.CITIC, account.AccountNo, date, balance.Opening, closing.Value,
            balance.Credits, balance.Debits, balance.Count, balance.Breaks);
    }

    private static void CheckSameAccountAndDay(CsvInput input, Header header, EscrowAccount account, byte[] accountUtf8, LocalDate date)
    {
        if (!input.Span(header[Account]).SequenceEqual(accountUtf8))
        {
            throw input.Found(header[Account], "账号", $"'{account.AccountNo}' as on the 上日余额 row (one statement per account)");
        }
        if (!FieldParsers.TryBasicDate(input.Span(header[Date]), out LocalDate rowDate))
        {
            throw input.Found(header[Date], "交易日期", "a date yyyyMMdd");
        }
        if (rowDate != date)
        {
            throw input.Found(header[Date], "交易日期", $"{FieldParsers.BasicText(date)} as on the 上日余额 row (one statement per booking day)");
        }
    }

    private static Money ReadBalance(CsvInput input, Header header)
    {
        if (!FieldParsers.TryYuan(input.Span(header[Balance]), out Money balance))
        {
            throw input.Found(header[Balance], "账户余额", "a balance in yuan");
        }
        return balance;
    }

    private static BankLine ReadRow(CsvInput input, Header header, EscrowAccount account, LocalDate date, int sequence)
    {
        LocalDateTime? time = null;
        if (!input.IsEmpty(header[Time]))
        {
            if (!FieldParsers.TryBasicTime(input.Span(header[Time]), out LocalTime t))
            {
                throw input.Found(header[Time], "交易时间", "a time HHmmss");
            }
            time = date + t;
        }
        ReadOnlySpan<byte> flag = input.Span(header[Flag]);
        Direction direction = flag.SequenceEqual("C"u8) ? Direction.IN
            : flag.SequenceEqual("D"u8) ? Direction.OUT
            : throw input.Found(header[Flag], "借贷标识", "C (credit, money in) or D (debit, money out)");
        if (!FieldParsers.TryYuan(input.Span(header[Amount]), out Money amount) || amount <= Money.Zero)
        {
            throw input.Found(header[Amount], "交易金额", "a positive amount in yuan (the direction is in 借贷标识)");
        }
        Money balanceAfter = ReadBalance(input, header);
        if (input.IsEmpty(header[Serial]))
        {
            throw input.Found(header[Serial], "总交易流水号", "the bank serial of the row");
        }
        string summary = input.Words(header[Summary], "摘要");
        string memo = input.Words(header[Memo], "附言");
        MemoTokens tokens = MemoTokens.Find(memo, summary, input.Pool);
        return new BankLine(
            Bank.CITIC,
            account.AccountNo,
            date,
            time,
            input.Text(header[Serial]),
            direction,
            amount,
            balanceAfter,
            input.OptionalShared(header[SubAccount]),
            input.OptionalText(header[PaymentRef]) ?? tokens.PaymentRef,
            tokens.BatchId,
            tokens.ContractNo,
            input.OptionalText(header[CounterpartyAccount]),
            input.OptionalWords(header[CounterpartyName], "对方户名"),
            input.OptionalWords(header[CounterpartyBank], "对方开户行"),
            summary,
            memo,
            input.OptionalText(header[ReversalOf]),
            sequence,
            input.Source);
    }
}
