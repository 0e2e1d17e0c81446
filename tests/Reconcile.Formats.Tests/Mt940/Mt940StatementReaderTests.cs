using NodaTime;
using Reconcile.Core.Model;

namespace Reconcile.Formats.Tests;

public sealed class Mt940StatementReaderTests : IDisposable
{
    /// <summary>The CEB example's account and day; the :61: lines are at 6, 9 and 12.</summary>
    private const string Example = """
        {1:F01CEBBCNBJAXXX0000000000}{2:O9401200241106CEBBCNBJAXXX00000000002411062359N}{4:
        :20:STMT20241106
        :25:CEBBCNBJ/38450188000123456
        :28C:1/1
        :60F:C241106CNY12000000,00
        :61:2411061106C300000,00NTRFNONREF//C241106000112
        跨行转入
        :86:/CNTP/6222021234567890123/中国工商银行北京朝阳支行/张三//REMI/JG2024110600031首付款
        :61:2411061106D250000,00NTRFPAY2024110600017//C241106000577
        :86:/TRTP/转账支出/CNTP/6217000010012345678//李四//REMI/PAY20241106000
        17 放款
        :61:2411061106D20,00NCHGNONREF//C241106000578
        :86:/TRTP/手续费/REMI/跨行汇款手续费
        :62F:C241106CNY12049980,00
        :64:C241106CNY12049980,00
        -}

        """;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Write(string text, TextEncoding encoding = TextEncoding.Utf8, LineEnd lineEnd = LineEnd.CrLf) =>
        _folder.Write("statement.sta", text, encoding, lineEnd);

    [Theory]
    [InlineData(TextEncoding.Utf8, LineEnd.CrLf)]
    [InlineData(TextEncoding.Utf8Bom, LineEnd.Lf)]
    [InlineData(TextEncoding.Gb18030, LineEnd.CrLf)]
    public void Statement_is_read_in_any_encoding_and_line_end(TextEncoding encoding, LineEnd lineEnd)
    {
        string path = Write(Example, encoding, lineEnd);

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
        read.Lines[0].Should().Be(new BankLine(
            Bank.CEB, "38450188000123456", new LocalDate(2024, 11, 6), null,
            "C241106000112", Direction.IN, Money.FromYuan(300_000m), Money.FromYuan(12_300_000m),
            SubAccountNo: null, PaymentRef: null, BatchId: null, ContractNo: "JG2024110600031",
            "6222021234567890123", "张三", "中国工商银行北京朝阳支行", "跨行转入", "JG2024110600031首付款",
            ReversalOf: null, Sequence: 0, new SourceRef(path, 6)));
        read.Lines[1].Should().Be(new BankLine(
            Bank.CEB, "38450188000123456", new LocalDate(2024, 11, 6), null,
            "C241106000577", Direction.OUT, Money.FromYuan(250_000m), Money.FromYuan(12_050_000m),
            SubAccountNo: null, PaymentRef: "PAY2024110600017", BatchId: null, ContractNo: null,
            "6217000010012345678", "李四", CounterpartyBank: null, "转账支出", "PAY2024110600017 放款",
            ReversalOf: null, Sequence: 1, new SourceRef(path, 9)));
        read.Lines[2].Should().Match<BankLine>(l => l.Serial == "C241106000578" && l.Summary == "手续费" && l.Memo == "跨行汇款手续费"
            && l.Source.Line == 12 && l.BalanceAfter == Money.FromYuan(12_049_980m));
    }

    [Theory]
    [InlineData("RC", Direction.OUT)]
    [InlineData("RD", Direction.IN)]
    public void A_reversal_mark_is_money_the_other_way_and_a_冲正_line(string mark, Direction direction)
    {
        string path = Write(Example
            .With(":61:2411061106D20,00NCHGNONREF//C241106000578", $":61:2411061106{mark}20,00NCHGNONREF//C241106000578")
            .With("/TRTP/手续费/REMI/跨行汇款手续费", "/RVSL/C241105000009/SUBA/8110701234500012/REMI/冲正")
            .With(":62F:C241106CNY12049980,00", direction == Direction.OUT ? ":62F:C241106CNY12049980,00" : ":62F:C241106CNY12050020,00"));

        StatementRead read = StatementRead.From(path);

        read.Lines[2].Should().Match<BankLine>(l => l.Direction == direction && l.Summary == "冲正" && l.ReversalOf == "C241105000009"
            && l.SubAccountNo == "8110701234500012");
        read.Summary.Breaks.Should().BeEmpty();
    }

    [Fact]
    public void Pages_of_one_statement_chain_through_62M_and_60M()
    {
        string path = Write(Example.With(":61:2411061106D20,00", ":62M:C241106CNY12050000,00\n-}\n{4:\n:20:STMT20241106\n:25:CEBBCNBJ/38450188000123456\n:28C:1/2\n:60M:C241106CNY12050000,00\n:61:2411061106D20,00"));

        StatementRead read = StatementRead.From(path);

        read.Lines.Should().HaveCount(3);
        read.Summary.Closing.Should().Be(Money.FromYuan(12_049_980m));
        read.Summary.Breaks.Should().BeEmpty();
    }

    [Fact]
    public void A_closing_balance_that_does_not_follow_from_the_lines_is_a_break()
    {
        string path = Write(Example.With(":62F:C241106CNY12049980,00", ":62F:C241106CNY12049990,00"));

        StatementRead read = StatementRead.From(path);

        read.Summary.Breaks.Should().Equal(new RunningBalanceBreak(new SourceRef(path, 14), StatementReader.ClosingSerial,
            Money.FromYuan(12_049_980m), Money.FromYuan(12_049_990m)));
    }

    [Fact]
    public void Is_claimed_by_content_whatever_the_file_name()
    {
        string path = _folder.Write("mt940.csv", Example[(Example.IndexOf('\n') + 1)..]);

        StatementReader.Recognise(path).Should().BeNull();
        StatementRead.From(path).Lines.Should().HaveCount(3);
    }

    public static TheoryData<string, string, string, int, string?, string> Malformed() => new()
    {
        { "truncated", ":62F:C241106CNY12049980,00\n:64:C241106CNY12049980,00\n-}\n", "", 0, ":62F:", "cut short" },
        { "no opening", ":60F:C241106CNY12000000,00\n", "", 5, ":61:", ":60F:" },
        { "bad opening", ":60F:C241106CNY12000000,00", ":60F:C241106CNY12000000.00", 5, ":60F:", "decimal comma" },
        { "foreign currency", ":60F:C241106CNY", ":60F:C241106USD", 5, ":60F:", "found currency 'USD', expected CNY" },
        { "unknown account", "CEBBCNBJ/38450188000123456", "CEBBCNBJ/99999", 3, ":25:", "accounts.csv" },
        { "bad mark", "1106D20,00", "1106X20,00", 12, ":61:", "C, D, RC or RD" },
        { "bad amount", "1106D20,00NCHG", "1106D20.00NCHG", 12, ":61:", "decimal comma" },
        { "bad date", ":61:2411061106D20", ":61:2413061106D20", 12, ":61:", "value date YYMMDD" },
        { "other day", ":61:2411061106D20", ":61:2411071107D20", 12, ":61:", "expected 2024-11-06" },
        { "no reference", "NCHGNONREF//C241106000578", "NCHGNONREF", 12, ":61:", "no reference" },
        { "second statement", "-}\n", "-}\n:20:X\n:25:38450188000123456\n", 17, ":20:", "one statement" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_statement_is_refused_naming_line_and_field(string @case, string old, string @new, int line, string? column, string message)
    {
        string path = Write(Example.With(old, @new));

        Action act = () => StatementRead.From(path);

        act.ShouldFailAt(path, line, column).Message.Should().Contain(message, @case);
    }
}
