using NodaTime;
using Reconcile.Core.Model;

namespace Reconcile.Formats.Tests;

public sealed class CamtStatementReaderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Write(string text, TextEncoding encoding = TextEncoding.Utf8) => _folder.Write("camt053.xml", text, encoding);

    [Theory]
    [InlineData(CamtExamples.V02, TextEncoding.Utf8, "UTF-8")]
    [InlineData("urn:iso:std:iso:20022:tech:xsd:camt.053.001.04", TextEncoding.Utf8Bom, "UTF-8")]
    [InlineData(CamtExamples.V08, TextEncoding.Gb18030, "GB18030")]
    [InlineData(CamtExamples.V08, TextEncoding.Gb18030, "UTF-8")]
    public void Statement_is_read_in_every_version_and_encoding(string ns, TextEncoding encoding, string declaration)
    {
        string path = Write(CamtExamples.Ceb(ns, declaration), encoding);

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
            LineCount = 4,
        });
        read.Summary.Breaks.Should().BeEmpty();
        read.Lines[0].Should().Be(new BankLine(
            Bank.CEB, "38450188000123456", new LocalDate(2024, 11, 6), new LocalDateTime(2024, 11, 6, 9, 15, 22),
            "C241106000112", Direction.IN, Money.FromYuan(300_000m), Money.FromYuan(12_300_000m),
            SubAccountNo: null, PaymentRef: null, BatchId: null, ContractNo: "JG2024110600031",
            "6222021234567890123", "张三", "中国工商银行北京朝阳支行", "跨行转入", "JG2024110600031首付款",
            ReversalOf: null, Sequence: 0, new SourceRef(path, 12)));
        read.Lines[3].Should().Be(new BankLine(
            Bank.CEB, "38450188000123456", new LocalDate(2024, 11, 6), null,
            "C241106000578", Direction.OUT, Money.FromYuan(20m), Money.FromYuan(12_049_980m),
            SubAccountNo: null, PaymentRef: null, BatchId: null, ContractNo: null,
            CounterpartyAccount: null, CounterpartyName: null, CounterpartyBank: null, "手续费", "跨行汇款手续费",
            ReversalOf: null, Sequence: 3, new SourceRef(path, 49)));
    }

    [Fact]
    public void A_batch_whose_details_add_up_gives_one_line_per_detail_each_with_its_reference()
    {
        string path = Write(CamtExamples.Ceb());

        StatementRead read = StatementRead.From(path);

        read.Lines.Skip(1).Take(2).Select(l => (l.Serial, l.Amount, l.PaymentRef, l.CounterpartyName, l.BatchId, l.Summary, l.Source.Line))
            .Should().Equal(
                ("C241106000577/1", Money.FromYuan(200_000m), "PAY2024110600017", "李四", (string?)null, "转账支出", 35),
                ("C241106000579", Money.FromYuan(50_000m), "PAY2024110600018", "王五", null, "转账支出", 41));
        read.Lines[2].BalanceAfter.Should().Be(Money.FromYuan(12_050_000m));
    }

    [Fact]
    public void A_batch_whose_details_do_not_add_up_is_one_line_for_the_entry_keeping_the_batch()
    {
        string path = Write(CamtExamples.Ceb().With("<Amt Ccy=\"CNY\">50000.00</Amt>", "<Amt Ccy=\"CNY\">40000.00</Amt>"));

        StatementRead read = StatementRead.From(path);

        read.Lines.Should().HaveCount(3);
        read.Lines[1].Should().Match<BankLine>(l => l.Serial == "C241106000577" && l.Amount == Money.FromYuan(250_000m)
            && l.BatchId == "BATCH20241106001" && l.Source.Line == 28);
    }

    [Fact]
    public void A_reversal_is_a_冲正_line_naming_the_serial_it_reverses()
    {
        string path = Write(CamtExamples.Ceb()
            .With("<Sts>BOOK</Sts>\n        <BookgDt><DtTm>", "<RvslInd>true</RvslInd>\n        <Sts>BOOK</Sts>\n        <BookgDt><DtTm>")
            .With("<Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs>", "<Refs><EndToEndId>NOTPROVIDED</EndToEndId><Prtry><Tp>REVERSAL_OF</Tp><Ref>C241105000001</Ref></Prtry><Prtry><Tp>SUBACCOUNT</Tp><Ref>8110701234500012</Ref></Prtry></Refs>"));

        StatementRead read = StatementRead.From(path);

        read.Lines[0].Should().Match<BankLine>(l => l.Summary == "冲正" && l.ReversalOf == "C241105000001" && l.SubAccountNo == "8110701234500012"
            && l.Direction == Direction.IN && l.CounterpartyName == "张三");
    }

    [Fact]
    public void A_closing_balance_that_does_not_follow_from_the_entries_is_a_break_not_an_error()
    {
        string path = Write(CamtExamples.Ceb().With("12049980.00", "12049990.00"));

        StatementRead read = StatementRead.From(path);

        read.Summary.Closing.Should().Be(Money.FromYuan(12_049_990m));
        read.Summary.Breaks.Should().Equal(new RunningBalanceBreak(new SourceRef(path, 10), StatementReader.ClosingSerial,
            Money.FromYuan(12_049_980m), Money.FromYuan(12_049_990m)));
    }

    [Fact]
    public void Is_claimed_by_content_whatever_the_file_name()
    {
        string path = _folder.Write("statement.dat", CamtExamples.Ceb());

        StatementReader.Recognise(path).Should().BeNull();
        StatementRead.From(path).Lines.Should().HaveCount(4);
    }

    public static TheoryData<string, string, string, int, string, string> Malformed() => new()
    {
        { "malformed XML", "<Amt Ccy=\"CNY\">20.00</Amt>", "<Amt Ccy=\"CNY\">20.00</Amtt>", 50, "", "malformed XML" },
        { "wrong version", CamtExamples.V02, "urn:iso:std:iso:20022:tech:xsd:camt.053.001.99", 2, "Document", "001.02, 001.04, 001.08" },
        { "missing opening", "<Cd>OPBD</Cd>", "<Cd>ITBD</Cd>", 12, "Stmt/Bal", "OPBD" },
        { "missing closing", "<Cd>CLBD</Cd>", "<Cd>ITAV</Cd>", 5, "Stmt/Bal", "CLBD" },
        { "foreign currency", "<Amt Ccy=\"CNY\">300000.00</Amt>", "<Amt Ccy=\"USD\">300000.00</Amt>", 13, "Ntry/Amt/@Ccy", "found currency 'USD', expected CNY" },
        { "account currency", "<Ccy>CNY</Ccy>", "<Ccy>EUR</Ccy>", 8, "Stmt/Acct/Ccy", "found currency 'EUR'" },
        { "unknown account", "<Id>38450188000123456</Id>", "<Id>99999</Id>", 8, "Stmt/Acct/Id", "accounts.csv" },
        { "bad amount", "<Amt Ccy=\"CNY\">20.00</Amt>", "<Amt Ccy=\"CNY\">20.001</Amt>", 50, "Ntry/Amt", "at most two decimals" },
        { "bad indicator", "<CdtDbtInd>DBIT</CdtDbtInd>\n        <Sts>BOOK</Sts>\n        <BookgDt><Dt>2024-11-06</Dt></BookgDt>\n        <AcctSvcrRef>C241106000578", "<CdtDbtInd>DEBIT</CdtDbtInd>\n        <Sts>BOOK</Sts>\n        <BookgDt><Dt>2024-11-06</Dt></BookgDt>\n        <AcctSvcrRef>C241106000578", 49, "Ntry/CdtDbtInd", "CRDT" },
        { "other day", "<BookgDt><Dt>2024-11-06</Dt></BookgDt>\n        <AcctSvcrRef>C241106000578", "<BookgDt><Dt>2024-11-07</Dt></BookgDt>\n        <AcctSvcrRef>C241106000578", 49, "Ntry/BookgDt", "expected 2024-11-06" },
        { "pending entry", "<Sts>BOOK</Sts>\n        <BookgDt><Dt>2024-11-06</Dt></BookgDt>\n        <AcctSvcrRef>C241106000578", "<Sts>PDNG</Sts>\n        <BookgDt><Dt>2024-11-06</Dt></BookgDt>\n        <AcctSvcrRef>C241106000578", 49, "Ntry/Sts", "BOOK" },
        { "no serial", "<AcctSvcrRef>C241106000578</AcctSvcrRef>", "", 49, "Ntry/AcctSvcrRef", "bank serial" },
        { "entry count", "<NbOfNtries>3</NbOfNtries>", "<NbOfNtries>4</NbOfNtries>", 11, "TxsSummry/TtlNtries/NbOfNtries", "expected 3" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_statement_is_refused_naming_line_and_element(string @case, string old, string @new, int line, string column, string message)
    {
        string path = Write(CamtExamples.Ceb().With(old, @new));

        Action act = () => StatementRead.From(path);

        act.ShouldFailAt(path, line, column.Length == 0 ? null : column).Message.Should().Contain(message, @case);
    }
}
