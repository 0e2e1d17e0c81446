using System.Text;
using System.Text.RegularExpressions;
using NodaTime;
using Reconcile.Core.Model;

namespace Reconcile.Formats;

/// <summary>
/// 平安银行 (PAB) statements: a header, one row per transaction with a signed 交易金额(分) (negative = OUT) and
/// the balance after it in fen, and a trailer <c>#汇总,笔数,n,净额(分),net,期末余额(分),closing</c> that must
/// agree with the rows. The booking day is 记账日期 (the same on every row), which can be the day after
/// 交易时间. Opening = 期末余额 − 净额. A file with no rows names its account and day only in its file name,
/// <c>PAB_&lt;account&gt;_&lt;yyyyMMdd&gt;.csv</c>.
/// </summary>
internal static partial class PabStatementReader
{
    private static readonly string[] Columns =
    [
        "交易时间", "记账日期", "账号", "核心唯一流水号", "业务流水号", "见证子账户", "交易金额(分)", "账户余额(分)",
        "对方账号", "对方户名", "对方账号开户行", "摘要", "交易用途",
    ];

    private const int Time = 0, Date = 1, Account = 2, Serial = 3, PaymentRef = 4, SubAccount = 5, Amount = 6, Balance = 7,
        CounterpartyAccount = 8, CounterpartyName = 9, CounterpartyBank = 10, Summary = 11, Memo = 12;

    private const string TrailerShape = "#汇总,笔数,<n>,净额(分),<fen>,期末余额(分),<fen>";

    /// <summary>Reads the statement whose header is the current record.</summary>
    public static StatementSummary Read(CsvInput input, AccountRegistry registry, Action<BankLine> onLine)
    {
        if (input.NotUtf8 is { } notUtf8)
        {
            throw new InputException(input.File, notUtf8.Line, null,
                $"found a byte that is not UTF-8 at byte offset {notUtf8.Offset}, expected UTF-8 text throughout (PAB statements are UTF-8)");
        }
        Header header = Header.Resolve(input, Columns);
        EscrowAccount? account = null;
        byte[] accountUtf8 = [];
        LocalDate date = default;
        RunningBalance? balance = null;
        FirstRow? firstRow = null; // checked once the trailer gives the opening
        int sequence = 0;
        bool more;
        while ((more = input.ReadRecord()) && !input.Span(0).SequenceEqual("#汇总"u8))
        {
            header.CheckRow(input);
            if (account is null)
            {
                account = StatementAccounts.Resolve(input, header[Account], "账号", registry, Bank.PAB);
                accountUtf8 = input.Span(header[Account]).ToArray();
                date = ReadDate(input, header);
            }
            else
            {
                CheckSameAccountAndDay(input, header, account, accountUtf8, date);
            }
            BankLine line = ReadRow(input, header, account, date, sequence++);
            if (balance is null)
            {
                // The opening is only known at the trailer: start from the one the first row implies and check
                // that row against the trailer's opening at the end.
                balance = new RunningBalance(line.BalanceAfter - line.Signed);
                firstRow = new FirstRow(line.Source, line.Serial, line.Signed, line.BalanceAfter);
            }
            balance.Apply(line.Direction, line.Amount, line.BalanceAfter, line.Source, line.Serial);
            onLine(line);
        }
        if (!more)
        {
            throw input.FileError($"ends without the #汇总 line, expected the trailer {TrailerShape} after the rows (is the file cut short?)");
        }
        balance ??= new RunningBalance(Money.Zero);
        Trailer trailer = ReadTrailer(input, balance);
        Money opening = trailer.Closing - trailer.Net;
        if (firstRow is { } first && opening + first.Signed != first.Printed)
        {
            balance.InsertFirst(new RunningBalanceBreak(first.Source, first.Serial, opening + first.Signed, first.Printed));
        }
        if (input.ReadRecord())
        {
            throw input.Error(null, $"found '{input.Describe()}' after the #汇总 line, expected the #汇总 line to be the last");
        }
        if (!input.EndsWithLineEnd)
        {
            throw input.FileError("ends inside the #汇总 line (no line end after it), expected a complete trailer line (is the file cut short?)");
        }
        if (account is null)
        {
            (account, date) = FromFileName(input, registry);
        }
        return new StatementSummary(input.File, Bank.PAB, account.AccountNo, date, opening, trailer.Closing,
            balance.Credits, balance.Debits, balance.Count, balance.Breaks);
    }

    private static LocalDate ReadDate(CsvInput input, Header header)
    {
        if (!FieldParsers.TryBasicDate(input.Span(header[Date]), out LocalDate date))
        {
            throw input.Found(header[Date], "记账日期", "a booking date yyyyMMdd");
        }
        return date;
    }

    private static void CheckSameAccountAndDay(CsvInput input, Header header, EscrowAccount account, byte[] accountUtf8, LocalDate date)
    {
        if (!input.Span(header[Account]).SequenceEqual(accountUtf8))
        {
            throw input.Found(header[Account], "账号", $"'{account.AccountNo}' as on the first row (one statement per account)");
        }
        if (ReadDate(input, header) != date)
        {
            throw input.Found(header[Date], "记账日期", $"{FieldParsers.BasicText(date)} as on the first row (one statement per booking day)");
        }
    }

    private static BankLine ReadRow(CsvInput input, Header header, EscrowAccount account, LocalDate date, int sequence)
    {
        LocalDateTime? time = null;
        if (!input.IsEmpty(header[Time]))
        {
            if (!FieldParsers.TrySlashDateTime(input.Span(header[Time]), out LocalDateTime t))
            {
                throw input.Found(header[Time], "交易时间", "a time yyyy/MM/dd HH:mm:ss");
            }
            time = t;
        }
        if (!FieldParsers.TryFen(input.Span(header[Amount]), out Money signed) || signed.IsZero)
        {
            throw input.Found(header[Amount], "交易金额(分)", "a non-zero amount in fen, negative for money out (such as -5000000)");
        }
        if (!FieldParsers.TryFen(input.Span(header[Balance]), out Money balanceAfter))
        {
            throw input.Found(header[Balance], "账户余额(分)", "the balance after the row in fen");
        }
        if (input.IsEmpty(header[Serial]))
        {
            throw input.Found(header[Serial], "核心唯一流水号", "the bank serial of the row");
        }
        string summary = input.Words(header[Summary], "摘要");
        string memo = input.Words(header[Memo], "交易用途");
        MemoTokens tokens = MemoTokens.Find(memo, summary, input.Pool);
        return new BankLine(
            Bank.PAB,
            account.AccountNo,
            date,
            time,
            input.Text(header[Serial]),
            signed.IsNegative ? Direction.OUT : Direction.IN,
            signed.Abs(),
            balanceAfter,
            input.OptionalShared(header[SubAccount]),
            input.OptionalText(header[PaymentRef]) ?? tokens.PaymentRef,
            tokens.BatchId,
            tokens.ContractNo,
            input.OptionalText(header[CounterpartyAccount]),
            input.OptionalWords(header[CounterpartyName], "对方户名"),
            input.OptionalWords(header[CounterpartyBank], "对方账号开户行"),
            summary,
            memo,
            ReversalOf: null,
            sequence,
            input.Source);
    }

    private readonly record struct FirstRow(SourceRef Source, string Serial, Money Signed, Money Printed);

    private readonly record struct Trailer(Money Net, Money Closing);

    /// <summary>#汇总 then label/value pairs: 笔数, 净额(分), 期末余额(分) (in any order, each exactly once, nothing else).</summary>
    private static Trailer ReadTrailer(CsvInput input, RunningBalance rows)
    {
        int count = -1;
        Money? net = null;
        Money? closing = null;
        for (int i = 1; i + 1 < input.FieldCount; i += 2)
        {
            ReadOnlySpan<byte> label = input.Span(i);
            if ((label.SequenceEqual("笔数"u8) && count >= 0) || (label.SequenceEqual("净额(分)"u8) && net is not null)
                || (label.SequenceEqual("期末余额(分)"u8) && closing is not null))
            {
                throw input.Error(input.Text(i), $"found '{input.Describe()}' with {input.Text(i)} twice, expected {TrailerShape}");
            }
            if (label.SequenceEqual("笔数"u8))
            {
                if (!FieldParsers.TryCount(input.Span(i + 1), out count))
                {
                    throw input.Found(i + 1, "笔数", "the number of rows");
                }
            }
            else if (label.SequenceEqual("净额(分)"u8))
            {
                net = ReadFen(input, i + 1, "净额(分)", "the net of the rows in fen");
            }
            else if (label.SequenceEqual("期末余额(分)"u8))
            {
                closing = ReadFen(input, i + 1, "期末余额(分)", "the closing balance in fen");
            }
            else
            {
                throw input.Found(i, $"#{i + 1}", $"a label of the trailer {TrailerShape}");
            }
        }
        if (count < 0 || net is null || closing is null)
        {
            string missing = count < 0 ? "笔数" : net is null ? "净额(分)" : "期末余额(分)";
            throw input.Error(missing, $"found '{input.Describe()}' without {missing}, expected {TrailerShape}");
        }
        if (input.FieldCount != 7)
        {
            throw input.Error(null, $"found {input.FieldCount} fields ('{input.Describe()}'), expected the trailer {TrailerShape}");
        }
        if (count != rows.Count)
        {
            throw input.Error("笔数", $"found {count}, expected {rows.Count}, the number of rows");
        }
        Money rowsNet = rows.Credits - rows.Debits;
        if (net.Value != rowsNet)
        {
            throw input.Error("净额(分)", $"found {net.Value.Fen}, expected {rowsNet.Fen}, the sum of the rows' 交易金额(分)");
        }
        return new Trailer(net.Value, closing.Value);
    }

    private static Money ReadFen(CsvInput input, int index, string column, string expected)
    {
        if (!FieldParsers.TryFen(input.Span(index), out Money value))
        {
            throw input.Found(index, column, expected);
        }
        return value;
    }

    /// <summary>Only for a file with no rows: PAB_&lt;account&gt;_&lt;yyyyMMdd&gt;.csv.</summary>
    private static (EscrowAccount Account, LocalDate Date) FromFileName(CsvInput input, AccountRegistry registry)
    {
        string name = Path.GetFileName(input.File);
        Match match = FileNamePattern().Match(name);
        if (!match.Success || !FieldParsers.TryBasicDate(Encoding.ASCII.GetBytes(match.Groups[2].Value), out LocalDate date))
        {
            throw input.FileError(
                $"found a PAB statement with no rows named '{name}', expected the name PAB_<account>_<yyyyMMdd>.csv (a statement without rows names its account and day only there)");
        }
        EscrowAccount account = StatementAccounts.Resolve(input, match.Groups[1].Value, null, registry, Bank.PAB, 0);
        return (account, date);
    }

    [GeneratedRegex(@"^PAB_([^_]+)_([0-9]{8})\.csv$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FileNamePattern();
}
