using NodaTime;
using Reconcile.Core.Model;

namespace Reconcile.Formats.Tests;

public sealed class CiticStatementReaderTests : IDisposable
{
    private const string ClosingRow = "8110701234500000,20241106,235959,,,,,,8828000.00,,,,本日余额,,,,";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Write(string text) => _folder.Write("citic.csv", text, TextEncoding.Gb18030, LineEnd.CrLf);

    [Theory]
    [MemberData(nameof(Variants.AllEncodings), MemberType = typeof(Variants))]
    public void Example_is_read_in_any_encoding_line_end_and_noise(TextEncoding encoding, LineEnd lineEnd, Noise noise)
    {
        string path = _folder.Write("statement.csv", Examples.Citic, encoding, lineEnd, noise);

        StatementRead read = StatementRead.From(path);

        read.Summary.Should().Be(read.Summary with
        {
            File = path,
            Bank = Bank.CITIC,
            AccountNo = "8110701234500000",
            BookingDate = new LocalDate(2024, 11, 6),
            Opening = Money.FromYuan(8_800_000m),
            Closing = Money.FromYuan(8_828_000m),
            Credits = Money.FromYuan(58_000m),
            Debits = Money.FromYuan(30_000m),
            LineCount = 2,
        });
        read.Summary.Breaks.Should().BeEmpty();
        read.Lines.Should().Equal(
            new BankLine(
                Bank.CITIC, "8110701234500000", new LocalDate(2024, 11, 6), new LocalDateTime(2024, 11, 6, 10, 15, 3),
                "S241106000921", Direction.IN, Money.FromYuan(58_000m), Money.FromYuan(8_858_000m),
                "8110701234500012", PaymentRef: null, BatchId: null, "ZX2024110600002",
                "6228480012345678901", "王五", "中国农业银行上海分行", "转入", "装修存管ZX2024110600002",
                ReversalOf: null, Sequence: 0, new SourceRef(path, 3)),
            new BankLine(
                Bank.CITIC, "8110701234500000", new LocalDate(2024, 11, 6), new LocalDateTime(2024, 11, 6, 15, 30, 20),
                "S241106001377", Direction.OUT, Money.FromYuan(30_000m), Money.FromYuan(8_828_000m),
                "8110701234500007", "PAY2024110600031", BatchId: null, "ZX2024010045",
                "6214830012345678", "某某装饰工程有限公司", "招商银行上海分行", "转账", "ZX2024010045阶段款",
                ReversalOf: null, Sequence: 1, new SourceRef(path, 4)));
    }

    [Fact]
    public void Reversal_row_is_an_ordinary_line_naming_the_row_it_reverses()
    {
        string path = Write(Examples.Citic.With(ClosingRow,
            "8110701234500000,20241106,170000,TL241106007000,S241106001500,8110701234500007,C,30000.00,8858000.00,,,,冲正,,20241106,,S241106001377\n"
            + ClosingRow.Replace("8828000.00", "8858000.00", StringComparison.Ordinal)));

        StatementRead read = StatementRead.From(path);

        BankLine reversal = read.Lines[2];
        reversal.Summary.Should().Be("冲正");
        reversal.ReversalOf.Should().Be("S241106001377");
        reversal.Direction.Should().Be(Direction.IN);
        reversal.Amount.Should().Be(Money.FromYuan(30_000m));
        read.Summary.Credits.Should().Be(Money.FromYuan(88_000m));
        read.Summary.Breaks.Should().BeEmpty();
    }

    [Fact]
    public void Closing_row_that_contradicts_the_rows_is_a_break_keyed_CLOSING()
    {
        string path = Write(Examples.Citic.With(ClosingRow, ClosingRow.Replace("8828000.00", "8827000.00", StringComparison.Ordinal)));

        StatementRead read = StatementRead.From(path);

        read.Summary.Breaks.Should().Equal(
            new RunningBalanceBreak(new SourceRef(path, 5), "CLOSING", Money.FromYuan(8_828_000m), Money.FromYuan(8_827_000m)));
        read.Summary.Closing.Should().Be(Money.FromYuan(8_827_000m));
    }

    [Fact]
    public void Running_balance_break_is_reported_in_the_summary_not_thrown()
    {
        string path = Write(Examples.Citic.With(",C,58000.00,8858000.00,", ",C,58000.00,8868000.00,"));

        StatementRead read = StatementRead.From(path);

        read.Lines.Should().HaveCount(2);
        read.Summary.Breaks.Should().Equal(
            new RunningBalanceBreak(new SourceRef(path, 3), "S241106000921", Money.FromYuan(8_858_000m), Money.FromYuan(8_868_000m)),
            new RunningBalanceBreak(new SourceRef(path, 4), "S241106001377", Money.FromYuan(8_838_000m), Money.FromYuan(8_828_000m)));
    }

    [Fact]
    public void Payment_token_in_the_memo_is_used_when_the_customer_serial_is_empty()
    {
        string path = Write(Examples.Citic.With("ZX2024010045阶段款,20241106,PAY2024110600031,", "ZX2024010045阶段款 PAY2024110600099,20241106,,"));

        StatementRead.From(path).Lines[1].PaymentRef.Should().Be("PAY2024110600099");
    }

    [Fact]
    public void Unknown_debit_credit_flag_is_rejected()
    {
        string path = Write(Examples.Citic.With(",D,30000.00,", ",X,30000.00,"));

        Action act = () => StatementRead.From(path);

        act.ShouldFailAt(path, 4, "借贷标识").Message.Should().Contain("found 'X', expected C");
    }

    [Fact]
    public void Negative_amount_is_rejected()
    {
        string path = Write(Examples.Citic.With(",D,30000.00,", ",D,-30000.00,"));

        Action act = () => StatementRead.From(path);

        act.ShouldFailAt(path, 4, "交易金额");
    }

    [Fact]
    public void First_row_other_than_the_opening_balance_is_rejected()
    {
        string path = Write(Examples.Citic.With("8110701234500000,20241106,000000,,,,,,8800000.00,,,,上日余额,,,,\n", ""));

        Action act = () => StatementRead.From(path);

        act.ShouldFailAt(path, 2, "摘要").Message.Should().Contain("上日余额");
    }

    [Fact]
    public void File_without_the_closing_row_is_rejected()
    {
        string path = Write(Examples.Citic.With(ClosingRow + "\n", ""));

        Action act = () => StatementRead.From(path);

        act.ShouldFailAt(path, 0, null).Message.Should().Contain("本日余额");
    }

    [Fact]
    public void Row_after_the_closing_row_is_rejected()
    {
        string path = Write(Examples.Citic + ClosingRow + "\n");

        Action act = () => StatementRead.From(path);

        act.ShouldFailAt(path, 6, null);
    }

    [Fact]
    public void Row_of_another_booking_day_is_rejected()
    {
        string path = Write(Examples.Citic.With("8110701234500000,20241106,153020", "8110701234500000,20241107,153020"));

        Action act = () => StatementRead.From(path);

        act.ShouldFailAt(path, 4, "交易日期").Message.Should().Contain("found '20241107', expected 20241106");
    }

    [Fact]
    public void Row_of_another_account_is_rejected()
    {
        string path = Write(Examples.Citic.With("8110701234500000,20241106,153020", "8110701234500001,20241106,153020"));

        Action act = () => StatementRead.From(path);

        act.ShouldFailAt(path, 4, "账号");
    }

    [Fact]
    public void Malformed_time_is_rejected()
    {
        string path = Write(Examples.Citic.With("20241106,101503,", "20241106,10:15:03,"));

        Action act = () => StatementRead.From(path);

        act.ShouldFailAt(path, 3, "交易时间");
    }

    [Fact]
    public void Account_not_in_the_registry_is_rejected()
    {
        string path = Write(Examples.Citic.Replace("8110701234500000,", "8110701234599999,", StringComparison.Ordinal));

        Action act = () => StatementRead.From(path);

        act.ShouldFailAt(path, 2, "账号");
    }

    [Fact]
    public void Missing_header_column_is_rejected_on_the_header_line()
    {
        string path = Write(Examples.Citic.With(",客户流水号,", ",客户编号,"));

        Action act = () => StatementRead.From(path);

        act.ShouldFailAt(path, 1, "客户流水号");
    }
}
