using NodaTime;
using Reconcile.Core.Model;

namespace Reconcile.Formats.Tests;

public sealed class PabStatementReaderTests : IDisposable
{
    private const string Header =
        "交易时间,记账日期,账号,核心唯一流水号,交易流水号,业务流水号,见证子账户,交易网会员代码,交易金额(分),账户余额(分),对方账号,对方户名,对方账号开户行,摘要,交易用途\n";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Write(string text, string name = "pab.csv") => _folder.Write(name, text, TextEncoding.Utf8Bom, LineEnd.Lf);

    [Theory]
    [MemberData(nameof(Variants.Utf8), MemberType = typeof(Variants))]
    public void Example_is_read_with_or_without_bom_in_any_line_end_and_noise(TextEncoding encoding, LineEnd lineEnd, Noise noise)
    {
        string path = _folder.Write("statement.csv", Examples.Pab, encoding, lineEnd, noise);

        StatementRead read = StatementRead.From(path);

        read.Summary.Should().Be(read.Summary with
        {
            File = path,
            Bank = Bank.PAB,
            AccountNo = "15000000000001",
            BookingDate = new LocalDate(2024, 11, 6),
            Opening = Money.FromFen(2_505_000_000),
            Closing = Money.FromFen(2_500_001_234),
            Credits = Money.FromFen(1234),
            Debits = Money.FromFen(5_000_000),
            LineCount = 2,
        });
        read.Summary.Breaks.Should().BeEmpty();
        read.Lines.Should().Equal(
            new BankLine(
                Bank.PAB, "15000000000001", new LocalDate(2024, 11, 6), new LocalDateTime(2024, 11, 6, 11, 20, 7),
                "PA8831202411060042", Direction.OUT, Money.FromYuan(50_000m), Money.FromFen(2_500_000_000),
                "15000000100987", "PAY2024110600027", BatchId: null, "JG2024091203",
                "6230580000123456789", "孙七", "平安银行深圳分行", "提现", "JG2024091203退款",
                ReversalOf: null, Sequence: 0, new SourceRef(path, 2)),
            new BankLine(
                Bank.PAB, "15000000000001", new LocalDate(2024, 11, 6), new LocalDateTime(2024, 11, 6, 23, 59, 59),
                "PA8831202411060100", Direction.IN, Money.FromFen(1234), Money.FromFen(2_500_001_234),
                SubAccountNo: null, PaymentRef: null, BatchId: null, ContractNo: null,
                CounterpartyAccount: null, CounterpartyName: null, CounterpartyBank: null, "结息", "活期利息",
                ReversalOf: null, Sequence: 1, new SourceRef(path, 3)));
    }

    [Fact]
    public void Late_evening_deposit_books_on_the_next_day()
    {
        string path = Write(Header
            + "2024/11/06 23:58:41,20241107,15000000000001,PA8831202411070001,F241107001,,15000000100987,M000098,30000000,2530000000,6222000011112222,周八,工商银行,转入,JG2024110700001首付款\n"
            + "#汇总,笔数,1,净额(分),30000000,期末余额(分),2530000000\n");

        StatementRead read = StatementRead.From(path);

        read.Summary.BookingDate.Should().Be(new LocalDate(2024, 11, 7));
        read.Lines.Single().BookingDate.Should().Be(new LocalDate(2024, 11, 7));
        read.Lines.Single().TransactionTime.Should().Be(new LocalDateTime(2024, 11, 6, 23, 58, 41));
        read.Summary.Opening.Should().Be(Money.FromFen(2_500_000_000));
    }

    [Fact]
    public void Break_on_the_first_row_is_found_from_the_trailer_opening()
    {
        string path = Write(Examples.Pab
            .With(",-5000000,2500000000,", ",-5000000,2500000100,")
            .With(",1234,2500001234,", ",1234,2500001334,"));

        StatementRead read = StatementRead.From(path);

        read.Summary.Breaks.Should().Equal(
            new RunningBalanceBreak(new SourceRef(path, 2), "PA8831202411060042", Money.FromFen(2_500_000_000), Money.FromFen(2_500_000_100)));
        read.Summary.Opening.Should().Be(Money.FromFen(2_505_000_000));
        read.Summary.Closing.Should().Be(Money.FromFen(2_500_001_234));
    }

    [Fact]
    public void Break_after_the_first_row_is_reported_in_the_summary_not_thrown()
    {
        string path = Write(Examples.Pab.With(",1234,2500001234,", ",1234,2500001334,"));

        StatementRead read = StatementRead.From(path);

        read.Summary.Breaks.Should().Equal(
            new RunningBalanceBreak(new SourceRef(path, 3), "PA8831202411060100", Money.FromFen(2_500_001_234), Money.FromFen(2_500_001_334)));
    }

    [Fact]
    public void Count_in_the_trailer_that_contradicts_the_rows_is_rejected()
    {
        string path = Write(Examples.Pab.With("#汇总,笔数,2,", "#汇总,笔数,3,"));

        Action act = () => StatementRead.From(path);

        act.ShouldFailAt(path, 4, "笔数").Message.Should().Contain("found 3, expected 2");
    }

    [Fact]
    public void Net_in_the_trailer_that_contradicts_the_rows_is_rejected()
    {
        string path = Write(Examples.Pab.With("净额(分),-4998766,", "净额(分),-4998767,"));

        Action act = () => StatementRead.From(path);

        act.ShouldFailAt(path, 4, "净额(分)").Message.Should().Contain("found -4998767, expected -4998766");
    }

    [Fact]
    public void Malformed_amount_is_rejected()
    {
        string path = Write(Examples.Pab.With(",-5000000,", ",-50000.00,"));

        Action act = () => StatementRead.From(path);

        act.ShouldFailAt(path, 2, "交易金额(分)").Message.Should().Contain("found '-50000.00'");
    }

    [Fact]
    public void Zero_amount_is_rejected()
    {
        string path = Write(Examples.Pab.With(",1234,2500001234,", ",0,2500001234,"));

        Action act = () => StatementRead.From(path);

        act.ShouldFailAt(path, 3, "交易金额(分)");
    }

    [Fact]
    public void Malformed_transaction_time_is_rejected()
    {
        string path = Write(Examples.Pab.With("2024/11/06 11:20:07", "2024-11-06 11:20:07"));

        Action act = () => StatementRead.From(path);

        act.ShouldFailAt(path, 2, "交易时间");
    }

    [Fact]
    public void Row_of_another_booking_day_is_rejected()
    {
        string path = Write(Examples.Pab.With("2024/11/06 23:59:59,20241106", "2024/11/06 23:59:59,20241107"));

        Action act = () => StatementRead.From(path);

        act.ShouldFailAt(path, 3, "记账日期");
    }

    [Fact]
    public void File_without_the_trailer_is_rejected()
    {
        string path = Write(Examples.Pab.With("#汇总,笔数,2,净额(分),-4998766,期末余额(分),2500001234\n", ""));

        Action act = () => StatementRead.From(path);

        act.ShouldFailAt(path, 0, null).Message.Should().Contain("#汇总");
    }

    [Fact]
    public void Trailer_without_closing_balance_is_rejected()
    {
        string path = Write(Examples.Pab.With(",期末余额(分),2500001234", ""));

        Action act = () => StatementRead.From(path);

        act.ShouldFailAt(path, 4, "期末余额(分)");
    }

    [Fact]
    public void Statement_without_rows_takes_account_and_day_from_its_file_name()
    {
        string path = Write(Header + "#汇总,笔数,0,净额(分),0,期末余额(分),2500001234\n", "PAB_15000000000001_20241107.csv");

        StatementRead read = StatementRead.From(path);

        read.Lines.Should().BeEmpty();
        read.Summary.AccountNo.Should().Be("15000000000001");
        read.Summary.BookingDate.Should().Be(new LocalDate(2024, 11, 7));
        read.Summary.Opening.Should().Be(Money.FromFen(2_500_001_234));
        read.Summary.Closing.Should().Be(Money.FromFen(2_500_001_234));
    }

    [Fact]
    public void Statement_without_rows_and_another_file_name_is_rejected()
    {
        string path = Write(Header + "#汇总,笔数,0,净额(分),0,期末余额(分),2500001234\n", "pingan-statement.csv");

        Action act = () => StatementRead.From(path);

        act.ShouldFailAt(path, 0, null).Message.Should().Contain("PAB_<account>_<yyyyMMdd>.csv");
    }

    [Fact]
    public void Statement_without_rows_naming_an_unknown_account_is_rejected()
    {
        string path = Write(Header + "#汇总,笔数,0,净额(分),0,期末余额(分),0\n", "PAB_15000000000999_20241106.csv");

        Action act = () => StatementRead.From(path);

        act.ShouldFailAt(path, 0, null).Message.Should().Contain("15000000000999");
    }

    [Fact]
    public void File_name_is_ignored_when_the_statement_has_rows()
    {
        string path = Write(Examples.Pab, "PAB_99999_20200101.csv");

        StatementRead read = StatementRead.From(path);

        read.Summary.AccountNo.Should().Be("15000000000001");
        read.Summary.BookingDate.Should().Be(new LocalDate(2024, 11, 6));
    }
}
