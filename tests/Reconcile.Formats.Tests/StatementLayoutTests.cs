using Reconcile.Core.Model;

namespace Reconcile.Formats.Tests;

public sealed class StatementLayoutTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Unknown_layout_names_the_file_and_line_1_and_lists_the_layouts()
    {
        string path = _folder.Write("statement.csv", "date,amount,balance\n2024-11-06,1.00,2.00\n");

        Action act = () => StatementRead.From(path);

        act.ShouldFailAt(path, 1, null).Message.Should()
            .Contain("found 'date,amount,balance'").And.Contain("CEB").And.Contain("CITIC").And.Contain("PAB");
    }

    [Fact]
    public void Bank_is_recognised_from_the_content_not_the_file_name()
    {
        string path = _folder.Write("PAB_15000000000001_20241106.csv", Examples.Ceb, TextEncoding.Gb18030, LineEnd.CrLf);

        StatementRead.From(path).Summary.Bank.Should().Be(Bank.CEB);
    }

    [Fact]
    public void Empty_file_is_rejected()
    {
        string path = _folder.Write("statement.csv", "\n\n");

        Action act = () => StatementRead.From(path);

        act.ShouldFailAt(path, 0, null).Message.Should().Contain("empty");
    }

    [Fact]
    public void Missing_file_is_an_input_error()
    {
        string path = Path.Combine(_folder.Path, "nowhere.csv");

        Action act = () => StatementRead.From(path);

        act.ShouldFailAt(path, 0, null);
    }

    [Fact]
    public void Ceb_header_without_preamble_is_a_ceb_statement_missing_its_preamble()
    {
        string text = string.Join('\n', Examples.Ceb.Split('\n').Skip(5));
        string path = _folder.Write("statement.csv", text);

        Action act = () => StatementRead.From(path);

        act.ShouldFailAt(path, 1, "账号");
    }

    [Theory]
    [InlineData(TextEncoding.Gb18030, Bank.CEB)]
    [InlineData(TextEncoding.Utf8, Bank.CITIC)]
    [InlineData(TextEncoding.Utf8Bom, Bank.PAB)]
    public void Recognise_names_the_bank_of_a_statement_from_its_first_line_whatever_the_file_name(TextEncoding encoding, Bank bank)
    {
        string text = bank switch { Bank.CEB => Examples.Ceb, Bank.CITIC => Examples.Citic, _ => Examples.Pab };
        string path = _folder.Write("saved-as.txt", text, encoding, LineEnd.CrLf);

        StatementReader.Recognise(path).Should().Be(bank);
    }

    [Theory]
    [InlineData("notes.txt", "the CITIC file is late\n", 1)]
    [InlineData("camt053.xml", "<?xml version=\"1.0\"?>\n<Document/>\n", 1)]
    [InlineData("other.csv", "\n\ndate,amount,balance\n", 3)]
    [InlineData("empty.csv", "", 0)]
    public void Recognise_refuses_a_file_no_reader_claims_naming_it_and_the_layouts(string name, string text, int line)
    {
        string path = _folder.Write(name, text);

        Action act = () => StatementReader.Recognise(path);

        act.ShouldFailAt(path, line, null).Message.Should()
            .Contain("no statement reader recognises this file")
            .And.Contain("CEB (").And.Contain("CITIC (").And.Contain("PAB (")
            .And.Contain("camt.053").And.Contain("MT940")
            .And.Contain(".reconcileignore");
    }

    [Fact]
    public void Lines_name_the_file_by_the_name_given_and_messages_by_its_path()
    {
        string path = _folder.Write("pab.csv", Examples.Pab, TextEncoding.Utf8Bom);
        var lines = new List<BankLine>();

        StatementSummary summary = StatementReader.Read(path, TestRegistry.Default, lines.Add, name: "2024-11-06/statements/pab.csv");

        lines.Select(l => l.Source).Should().Equal(new SourceRef("2024-11-06/statements/pab.csv", 2), new SourceRef("2024-11-06/statements/pab.csv", 3));
        summary.File.Should().Be(path);
        string broken = _folder.Write("broken.csv", Examples.Pab.Replace("-5000000", "-5OOOOOO", StringComparison.Ordinal), TextEncoding.Utf8Bom);
        Action act = () => StatementReader.Read(broken, TestRegistry.Default, _ => { }, name: "2024-11-06/statements/broken.csv");
        act.Should().Throw<InputException>().Which.File.Should().Be(broken);
    }
}
