using NodaTime;
using Reconcile.Core.Model;

namespace Reconcile.Formats.Tests;

public sealed class CebStatementReaderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Write(string text) => _folder.Write("ceb.csv", text, TextEncoding.Gb18030, LineEnd.CrLf);

    [Theory]
    [MemberData(nameof(Variants.AllEncodings), MemberType = typeof(Variants))]
    public void Example_is_read_in_any_encoding_line_end_and_noise(TextEncoding encoding, LineEnd lineEnd, Noise noise)
    {
        string path = _folder.Write("statement.csv", Examples.Ceb, encoding, lineEnd, noise);

        StatementRead read = StatementRead.From(path);

        read.Summary.Should().Be(read.Summary with
        {
            File = path,
            Bank = Bank.CEB,
            AccountNo = "38450188000123456",
            BookingDate = new LocalDate(2024, 11, 6),
            Opening = Money.FromYuan(12_000_000m),
            Closing = Money.FromYuan(12_049_980m),
            Credits = Money.FromYuan(300_000m),
            Debits = Money.FromYuan(250_020m),
            LineCount = 3,
        });
        read.Summary.Breaks.Should().BeEmpty();
        read.Lines.Should().HaveCount(3);
        read.Lines[0].Should().Be(new BankLine(
            Bank.CEB, "38450188000123456", new LocalDate(2024, 11, 6), new LocalDateTime(2024, 11, 6, 9, 15, 22),
            "C241106000112", Direction.IN, Money.FromYuan(300_000m), Money.FromYuan(12_300_000m),
            SubAccountNo: null, PaymentRef: null, BatchId: null, ContractNo: "JG2024110600031",
            "6222021234567890123", "张三", "中国工商银行北京朝阳支行", "跨行转入", "JG2024110600031首付款",
            ReversalOf: null, Sequence: 0, new SourceRef(path, 7)));
        read.Lines[1].Should().Be(new BankLine(
            Bank.CEB, "38450188000123456", new LocalDate(2024, 11, 6), new LocalDateTime(2024, 11, 6, 14, 2, 10),
            "C241106000577", Direction.OUT, Money.FromYuan(250_000m), Money.FromYuan(12_050_000m),
            SubAccountNo: null, PaymentRef: "PAY2024110600017", BatchId: null, ContractNo: null,
            "6217000010012345678", "李四", "中国建设银行北京海淀支行", "转账支出", "PAY2024110600017 放款",
            ReversalOf: null, Sequence: 1, new SourceRef(path, 8)));
        read.Lines[2].Should().Be(new BankLine(
            Bank.CEB, "38450188000123456", new LocalDate(2024, 11, 6), new LocalDateTime(2024, 11, 6, 16, 40, 5),
            "C241106000578", Direction.OUT, Money.FromYuan(20m), Money.FromYuan(12_049_980m),
            SubAccountNo: null, PaymentRef: null, BatchId: null, ContractNo: null,
            CounterpartyAccount: null, CounterpartyName: null, CounterpartyBank: null, "手续费", "跨行汇款手续费",
            ReversalOf: null, Sequence: 2, new SourceRef(path, 9)));
    }

    [Fact]
    public void Running_balance_break_is_reported_in_the_summary_not_thrown()
    {
        string path = Write(Examples.Ceb
            .With("\"12,050,000.00\"", "\"12,060,000.00\"")
            .With("\"12,049,980.00\"", "\"12,059,980.00\""));

        StatementRead read = StatementRead.From(path);

        read.Lines.Should().HaveCount(3);
        read.Summary.Breaks.Should().Equal(
            new RunningBalanceBreak(new SourceRef(path, 8), "C241106000577", Money.FromYuan(12_050_000m), Money.FromYuan(12_060_000m)));
        read.Summary.Closing.Should().Be(Money.FromYuan(12_059_980m));
    }

    [Fact]
    public void Statement_without_rows_closes_at_its_opening()
    {
        string text = string.Join('\n', Examples.Ceb.Split('\n').Where((_, i) => i is < 6 or > 8))
            .With("合计,,\"250,020.00\",\"300,000.00\"", "合计,,0.00,0.00")
            .With("借方笔数：,2,贷方笔数：,1", "借方笔数：,0,贷方笔数：,0");

        StatementRead read = StatementRead.From(Write(text));

        read.Lines.Should().BeEmpty();
        read.Summary.Closing.Should().Be(Money.FromYuan(12_000_000m));
        read.Summary.LineCount.Should().Be(0);
    }

    [Fact]
    public void Zero_on_the_other_side_counts_as_empty()
    {
        string path = Write(Examples.Ceb.With("2024-11-06,16:40:05,20.00,,", "2024-11-06,16:40:05,20.00,0.00,"));

        StatementRead.From(path).Lines[2].Direction.Should().Be(Direction.OUT);
    }

    [Fact]
    public void Malformed_credit_amount_names_line_and_column()
    {
        string path = Write(Examples.Ceb.With("\"300,000.00\",\"12,300,000.00\"", "\"300,000.0O\",\"12,300,000.00\""));

        Action act = () => StatementRead.From(path);

        act.ShouldFailAt(path, 7, "贷方发生额").Message.Should().Contain("found '300,000.0O'");
    }

    [Fact]
    public void Malformed_row_date_names_line_and_column()
    {
        string path = Write(Examples.Ceb.With("2024-11-06,14:02:10", "2024/11/06,14:02:10"));

        Action act = () => StatementRead.From(path);

        act.ShouldFailAt(path, 8, "交易日期").Message.Should().Contain("yyyy-MM-dd");
    }

    [Fact]
    public void Row_of_another_day_than_the_period_is_rejected()
    {
        string path = Write(Examples.Ceb.With("2024-11-06,16:40:05", "2024-11-07,16:40:05"));

        Action act = () => StatementRead.From(path);

        act.ShouldFailAt(path, 9, "交易日期").Message.Should().Contain("found '2024-11-07', expected 2024-11-06");
    }

    [Fact]
    public void Row_with_both_debit_and_credit_is_rejected()
    {
        string path = Write(Examples.Ceb.With("16:40:05,20.00,,", "16:40:05,20.00,5.00,"));

        Action act = () => StatementRead.From(path);

        act.ShouldFailAt(path, 9, "借方发生额").Message.Should().Contain("exactly one");
    }

    [Fact]
    public void Row_with_neither_debit_nor_credit_is_rejected()
    {
        string path = Write(Examples.Ceb.With("16:40:05,20.00,,", "16:40:05,,,"));

        Action act = () => StatementRead.From(path);

        act.ShouldFailAt(path, 9, "借方发生额");
    }

    [Fact]
    public void Total_that_contradicts_the_rows_is_rejected()
    {
        string path = Write(Examples.Ceb.With("合计,,\"250,020.00\"", "合计,,\"250,000.00\""));

        Action act = () => StatementRead.From(path);

        act.ShouldFailAt(path, 10, "借方发生额").Message.Should().Contain("found '250,000.00', expected 250020.00");
    }

    [Fact]
    public void Credit_total_that_contradicts_the_rows_is_rejected()
    {
        string path = Write(Examples.Ceb.With("\"250,020.00\",\"300,000.00\"", "\"250,020.00\",\"300,000.01\""));

        Action act = () => StatementRead.From(path);

        act.ShouldFailAt(path, 10, "贷方发生额");
    }

    [Fact]
    public void Count_that_contradicts_the_rows_is_rejected()
    {
        string path = Write(Examples.Ceb.With("借方笔数：,2,", "借方笔数：,3,"));

        Action act = () => StatementRead.From(path);

        act.ShouldFailAt(path, 11, "借方笔数").Message.Should().Contain("found '3', expected 2");
    }

    [Fact]
    public void Credit_count_that_contradicts_the_rows_is_rejected()
    {
        string path = Write(Examples.Ceb.With("贷方笔数：,1", "贷方笔数：,0"));

        Action act = () => StatementRead.From(path);

        act.ShouldFailAt(path, 11, "贷方笔数");
    }

    [Fact]
    public void File_cut_before_the_trailer_is_rejected()
    {
        string text = string.Join('\n', Examples.Ceb.Split('\n').Take(9));
        string path = Write(text);

        Action act = () => StatementRead.From(path);

        act.ShouldFailAt(path, 0, null).Message.Should().Contain("合计");
    }

    [Fact]
    public void Text_after_the_trailer_is_rejected()
    {
        string path = Write(Examples.Ceb + "备注：,something\n");

        Action act = () => StatementRead.From(path);

        act.ShouldFailAt(path, 12, null);
    }

    [Fact]
    public void Missing_header_column_is_rejected_on_the_header_line()
    {
        string path = Write(Examples.Ceb.With(",凭证号,流水号\n", ",凭证号,银行流水\n"));

        Action act = () => StatementRead.From(path);

        act.ShouldFailAt(path, 6, "流水号");
    }

    [Fact]
    public void Account_not_in_the_registry_is_rejected()
    {
        string path = Write(Examples.Ceb.With("账号：,38450188000123456", "账号：,38450188000999999"));

        Action act = () => StatementRead.From(path);

        act.ShouldFailAt(path, 2, "账号").Message.Should().Contain("38450188000999999").And.Contain("accounts.csv");
    }

    [Fact]
    public void Account_of_another_bank_is_rejected()
    {
        string path = Write(Examples.Ceb.With("账号：,38450188000123456", "账号：,8110701234500000"));

        Action act = () => StatementRead.From(path);

        act.ShouldFailAt(path, 2, "账号").Message.Should().Contain("CITIC");
    }

    [Fact]
    public void Period_of_several_days_is_rejected()
    {
        string path = Write(Examples.Ceb.With("至,2024-11-06", "至,2024-11-07"));

        Action act = () => StatementRead.From(path);

        act.ShouldFailAt(path, 4, "查询期间");
    }

    [Fact]
    public void Malformed_opening_balance_is_rejected()
    {
        string path = Write(Examples.Ceb.With("期初余额：,\"12,000,000.00\"", "期初余额：,12.000.000,00"));

        Action act = () => StatementRead.From(path);

        act.ShouldFailAt(path, 5, "期初余额");
    }

    [Fact]
    public void Preamble_without_opening_balance_is_rejected_at_the_header()
    {
        string path = Write(Examples.Ceb.With("期初余额：,\"12,000,000.00\"\n", ""));

        Action act = () => StatementRead.From(path);

        act.ShouldFailAt(path, 5, "期初余额");
    }

    [Fact]
    public void Row_cut_short_names_the_first_missing_column()
    {
        string path = Write(Examples.Ceb.With(",,手续费,跨行汇款手续费,,C241106000578", ",,手续费"));

        Action act = () => StatementRead.From(path);

        act.ShouldFailAt(path, 9, "用途");
    }

    [Fact]
    public void Unquoted_comma_in_a_memo_is_rejected()
    {
        string path = Write(Examples.Ceb.With("PAY2024110600017 放款", "PAY2024110600017,放款"));

        Action act = () => StatementRead.From(path);

        act.ShouldFailAt(path, 8, null).Message.Should().Contain("13 fields");
    }

    [Fact]
    public void Payment_and_batch_tokens_in_the_memo_are_references()
    {
        string path = Write(Examples.Ceb.With("PAY2024110600017 放款", "批量代发BATCH20241106001"));

        BankLine line = StatementRead.From(path).Lines[1];

        line.BatchId.Should().Be("BATCH20241106001");
        line.PaymentRef.Should().BeNull();
    }
}
