using NodaTime;
using Reconcile.Core.Model;

namespace Reconcile.Formats;

/// <summary>
/// 中国光大银行 (CEB) statements: a title line, a preamble of "label：,value" lines (账号, 账户名称, 查询期间,
/// 期初余额), the header, one row per transaction with separate 借方发生额 (OUT) and 贷方发生额 (IN) columns,
/// and a trailer: 合计 (the sums) and 借方笔数/贷方笔数 (the counts), which must agree with the rows.
/// </summary>
internal static class CebStatementReader
{
    public static ReadOnlySpan<byte> TitleUtf8 => "中国光大银行对公账户交易明细"u8;

    private static readonly string[] Columns =
        ["交易日期", "交易时间", "借方发生额", "贷方发生额", "账户余额", "对方账号", "对方名称", "对方银行", "摘要", "用途", "流水号"];

    private const int Date = 0, Time = 1, Debit = 2, Credit = 3, Balance = 4, CounterpartyAccount = 5,
        CounterpartyName = 6, CounterpartyBank = 7, Summary = 8, Memo = 9, Serial = 10;

    /// <summary>A preamble or count label: text ending with a colon ("账号：", "借方笔数:").</summary>
    public static bool IsPreambleLabel(ReadOnlySpan<byte> field) => field.EndsWith("："u8) || field.EndsWith(":"u8);

    /// <summary>Reads the statement whose first non-blank record is the current one.</summary>
    public static StatementSummary Read(CsvInput input, AccountRegistry registry, Action<BankLine> onLine)
    {
        Preamble preamble = ReadPreamble(input, registry);
        Header header = Header.Resolve(input, Columns);
        var balance = new RunningBalance(preamble.Opening);
        int sequence = 0;
        bool more;
        while ((more = input.ReadRecord()) && !IsTrailerLine(input.Span(0)))
        {
            header.CheckRow(input);
            BankLine line = ReadRow(input, header, preamble, sequence++);
            balance.Apply(line.Direction, line.Amount, line.BalanceAfter, line.Source, line.Serial);
            onLine(line);
        }
        ReadTrailer(input, header, balance, more);
        return new StatementSummary(input.File, Bank.CEB, preamble.Account.AccountNo, preamble.Date, preamble.Opening,
            balance.Current, balance.Credits, balance.Debits, balance.Count, balance.Breaks);
    }

    private sealed record Preamble(EscrowAccount Account, LocalDate Date, Money Opening);

    /// <summary>Reads the title and preamble, leaving the input on the header line.</summary>
    private static Preamble ReadPreamble(CsvInput input, AccountRegistry registry)
    {
        if (input.Span(0).SequenceEqual(TitleUtf8))
        {
            NextOrFail(input);
        }
        EscrowAccount? account = null;
        LocalDate? date = null;
        Money? opening = null;
        while (IsPreambleLabel(input.Span(0)))
        {
            ReadOnlySpan<byte> label = Label(input.Span(0));
            if (label.SequenceEqual("账号"u8))
            {
                FailIfSeen(input, account is not null, "账号");
                account = StatementAccounts.Resolve(input, 1, "账号", registry, Bank.CEB);
            }
            else if (label.SequenceEqual("查询期间"u8))
            {
                FailIfSeen(input, date is not null, "查询期间");
                date = ReadPeriod(input);
            }
            else if (label.SequenceEqual("期初余额"u8))
            {
                FailIfSeen(input, opening is not null, "期初余额");
                if (!FieldParsers.TryYuan(input.Span(1), out Money value))
                {
                    throw input.Found(1, "期初余额", "the opening balance in yuan, such as \"12,000,000.00\"");
                }
                opening = value;
            }
            // 账户名称 and any other "label：" line (币种：, 打印日期：...) carry nothing the reconciliation needs.
            NextOrFail(input);
        }
        if (account is null || date is null || opening is null)
        {
            string missing = account is null ? "账号" : date is null ? "查询期间" : "期初余额";
            throw input.Error(missing,
                $"found the line '{input.Describe()}' before any {missing}： line, expected the preamble lines 账号：, 查询期间： and 期初余额： before the header");
        }
        return new Preamble(account, date.Value, opening.Value);
    }

    /// <summary>查询期间：,start,至,end — one statement covers one booking day, so start and end must be the same day.</summary>
    private static LocalDate ReadPeriod(CsvInput input)
    {
        if (!FieldParsers.TryIsoDate(input.Span(1), out LocalDate start))
        {
            throw input.Found(1, "查询期间", "the period's first day as yyyy-MM-dd");
        }
        if (!FieldParsers.TryIsoDate(input.Span(3), out LocalDate end))
        {
            throw input.Found(3, "查询期间", "the period's last day as yyyy-MM-dd (查询期间：,yyyy-MM-dd,至,yyyy-MM-dd)");
        }
        if (end != start)
        {
            throw input.Error("查询期间",
                $"found the period {input.Text(1)} 至 {input.Text(3)}, expected a single day (one statement per account and booking day)");
        }
        return start;
    }

    private static BankLine ReadRow(CsvInput input, Header header, Preamble preamble, int sequence)
    {
        if (!FieldParsers.TryIsoDate(input.Span(header[Date]), out LocalDate date))
        {
            throw input.Found(header[Date], "交易日期", "a date yyyy-MM-dd");
        }
        if (date != preamble.Date)
        {
            throw input.Found(header[Date], "交易日期", $"{FieldParsers.IsoText(preamble.Date)}, the day of 查询期间 (one statement per account and booking day)");
        }
        LocalDateTime? time = null;
        if (!input.IsEmpty(header[Time]))
        {
            if (!FieldParsers.TryExtendedTime(input.Span(header[Time]), out LocalTime t))
            {
                throw input.Found(header[Time], "交易时间", "a time HH:mm:ss");
            }
            time = date + t;
        }
        Money debit = ReadSideAmount(input, header[Debit], "借方发生额");
        Money credit = ReadSideAmount(input, header[Credit], "贷方发生额");
        if (debit.IsZero == credit.IsZero)
        {
            throw input.Error("借方发生额",
                $"found 借方发生额 {input.Quote(header[Debit])} and 贷方发生额 {input.Quote(header[Credit])}, expected exactly one of them filled");
        }
        if (!FieldParsers.TryYuan(input.Span(header[Balance]), out Money balanceAfter))
        {
            throw input.Found(header[Balance], "账户余额", "the balance after the row in yuan");
        }
        if (input.IsEmpty(header[Serial]))
        {
            throw input.Found(header[Serial], "流水号", "the bank serial of the row");
        }
        string summary = input.Words(header[Summary], "摘要");
        string memo = input.Words(header[Memo], "用途");
        MemoTokens tokens = MemoTokens.Find(memo, summary, input.Pool);
        bool isIn = !credit.IsZero;
        return new BankLine(
            Bank.CEB,
            preamble.Account.AccountNo,
            date,
            time,
            input.Text(header[Serial]),
            isIn ? Direction.IN : Direction.OUT,
            isIn ? credit : debit,
            balanceAfter,
            SubAccountNo: null,
            tokens.PaymentRef,
            tokens.BatchId,
            tokens.ContractNo,
            input.OptionalText(header[CounterpartyAccount]),
            input.OptionalWords(header[CounterpartyName], "对方名称"),
            input.OptionalWords(header[CounterpartyBank], "对方银行"),
            summary,
            memo,
            ReversalOf: null,
            sequence,
            input.Source);
    }

    /// <summary>借方发生额 / 贷方发生额: empty (or 0.00) when the row moves money the other way, else a positive amount.</summary>
    private static Money ReadSideAmount(CsvInput input, int index, string column)
    {
        if (input.IsEmpty(index))
        {
            return Money.Zero;
        }
        if (!FieldParsers.TryYuan(input.Span(index), out Money amount) || amount.IsNegative)
        {
            throw input.Found(index, column, "a positive amount in yuan, such as \"250,000.00\", or nothing");
        }
        return amount;
    }

    private static bool IsTrailerLine(ReadOnlySpan<byte> first) =>
        first.SequenceEqual("合计"u8) || (IsPreambleLabel(first) && Label(first).SequenceEqual("借方笔数"u8));

    /// <summary>The 合计 line and the 借方笔数/贷方笔数 line, in either order, each once; nothing else may follow the rows.</summary>
    private static void ReadTrailer(CsvInput input, Header header, RunningBalance balance, bool more)
    {
        bool totals = false;
        bool counts = false;
        while (more)
        {
            if (input.Span(0).SequenceEqual("合计"u8))
            {
                FailIfSeen(input, totals, "合计");
                totals = true;
                CheckTotal(input, header[Debit], "借方发生额", balance.Debits);
                CheckTotal(input, header[Credit], "贷方发生额", balance.Credits);
            }
            else if (IsTrailerLine(input.Span(0)))
            {
                FailIfSeen(input, counts, "借方笔数");
                counts = true;
                CheckCounts(input, balance);
            }
            else
            {
                throw input.Error(null, $"found '{input.Describe()}' after the rows, expected only the trailer lines 合计 and 借方笔数：/贷方笔数：");
            }
            more = input.ReadRecord();
        }
        if (!totals || !counts)
        {
            throw input.FileError(
                $"found no {(totals ? "借方笔数：/贷方笔数：" : "合计")} line after the rows, expected the trailer lines 合计 and 借方笔数：,<n>,贷方笔数：,<n> (is the file cut short?)");
        }
    }

    private static void CheckTotal(CsvInput input, int index, string column, Money rows)
    {
        Money total = Money.Zero;
        if (!input.IsEmpty(index) && !FieldParsers.TryYuan(input.Span(index), out total))
        {
            throw input.Found(index, column, $"the 合计 of {column} in yuan");
        }
        if (total != rows)
        {
            throw input.Found(index, column, $"{rows}, the sum of the rows' {column}");
        }
    }

    /// <summary>借方笔数：,n,贷方笔数：,m — labels at even positions, counts after them.</summary>
    private static void CheckCounts(CsvInput input, RunningBalance balance)
    {
        bool debit = false;
        bool credit = false;
        for (int i = 0; i + 1 < input.FieldCount; i += 2)
        {
            ReadOnlySpan<byte> label = Label(input.Span(i));
            if (label.SequenceEqual("借方笔数"u8))
            {
                CheckCount(input, i + 1, "借方笔数", balance.DebitCount, "借方发生额");
                debit = true;
            }
            else if (label.SequenceEqual("贷方笔数"u8))
            {
                CheckCount(input, i + 1, "贷方笔数", balance.CreditCount, "贷方发生额");
                credit = true;
            }
        }
        if (!debit || !credit)
        {
            throw input.Error(debit ? "贷方笔数" : "借方笔数",
                $"found '{input.Describe()}', expected 借方笔数：,<n>,贷方笔数：,<n>");
        }
    }

    private static void CheckCount(CsvInput input, int index, string column, int rows, string amountColumn)
    {
        if (!FieldParsers.TryCount(input.Span(index), out int count))
        {
            throw input.Found(index, column, "a number of rows");
        }
        if (count != rows)
        {
            throw input.Found(index, column, $"{rows}, the number of rows with {amountColumn}");
        }
    }

    /// <summary>The label without its colon (full-width or ASCII) and without spaces before it.</summary>
    private static ReadOnlySpan<byte> Label(ReadOnlySpan<byte> field)
    {
        if (field.EndsWith("："u8))
        {
            field = field[..^"："u8.Length];
        }
        else if (field.EndsWith(":"u8))
        {
            field = field[..^1];
        }
        return field.TrimEnd((byte)' ');
    }

    private static void FailIfSeen(CsvInput input, bool seen, string label)
    {
        if (seen)
        {
            throw input.Error(label, $"found a second {label} line, expected it once");
        }
    }

    private static void NextOrFail(CsvInput input)
    {
        if (!input.ReadRecord())
        {
            throw input.FileError("ends before the header line, expected the preamble (账号：, 查询期间：, 期初余额：) and the header 交易日期,交易时间,借方发生额,贷方发生额,...");
        }
    }
}
