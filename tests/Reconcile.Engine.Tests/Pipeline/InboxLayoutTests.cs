using Reconcile.Core.Model;
using Reconcile.Engine.Pipeline;
using Reconcile.Engine.Tests.Pipeline.Fakes;

namespace Reconcile.Engine.Tests.Pipeline;

/// <summary>Which files of a day's statements folder are statements: every file a reader claims, unless ignored.</summary>
public sealed class InboxLayoutTests : IDisposable
{
    private const string P1 = "15000000000001";
    private readonly TestInbox _inbox = new();

    public InboxLayoutTests()
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        _inbox.Account(P1, Bank.PAB, EscrowType.SECOND_HAND)
            .Day(Build.Day)
            .PabStatement(Build.Day, P1, 1000_00, ("PA1", 500_00));
    }

    public void Dispose() => _inbox.Dispose();

    private string Statements => Path.Combine(_inbox.DayFolder(Build.Day), "statements");

    private InboxLayout Find() => InboxLayout.Find(_inbox.Inbox, Build.Day);

    private IEnumerable<string> StatementNames() => Find().StatementFiles.Select(f => Path.GetFileName(f)!);

    [Theory]
    [InlineData("notes.txt", "please check the CEB file again\n")]
    [InlineData("camt053.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Document><BkToCstmrStmt/></Document>\n")]
    [InlineData("icbc.csv", "交易日期,摘要,金额\n2024-11-06,转入,100.00\n")]
    [InlineData("empty.csv", "")]
    public void A_file_no_statement_reader_claims_is_an_input_error_naming_the_file_and_the_layouts(string name, string content)
    {
        string path = Path.Combine(Statements, name);
        File.WriteAllText(path, content);

        Action find = () => Find();

        InputException error = find.Should().Throw<InputException>().Which;
        error.File.Should().Be(path);
        error.Message.Should().Contain("no statement reader recognises this file")
            .And.Contain("CEB (").And.Contain("CITIC (").And.Contain("PAB (")
            .And.Contain(".reconcileignore")
            .And.NotContain("\n");
    }

    [Fact]
    public void A_binary_file_is_refused_in_one_line()
    {
        File.WriteAllBytes(Path.Combine(Statements, "scan.pdf"), [0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0x2E, 0x37, 0x00, 0x01, 0x0B, 0xFF, 0xFE, 0x0D, 0x0A, 0x9C]);

        Action find = () => Find();

        find.Should().Throw<InputException>().Which.Message.Should().Contain("scan.pdf").And.Contain("%PDF-1.7").And.NotContain("\n").And.NotContain("\0");
    }

    [Fact]
    public void A_statement_saved_under_another_extension_is_read_for_its_content()
    {
        string csv = Path.Combine(Statements, $"PAB_{P1}_20241106.csv");
        File.Move(csv, Path.ChangeExtension(csv, ".txt"));

        StatementNames().Should().Equal($"PAB_{P1}_20241106.txt");
    }

    [Fact]
    public void A_folder_in_the_statements_folder_is_an_input_error_unless_hidden_or_ignored()
    {
        string late = Path.Combine(Statements, "late");
        Directory.CreateDirectory(late);
        Directory.CreateDirectory(Path.Combine(Statements, ".sync"));

        Action find = () => Find();

        InputException error = find.Should().Throw<InputException>().Which;
        error.File.Should().Be(late);
        error.Message.Should().Contain("found a folder among the statements of 2024-11-06").And.Contain(".reconcileignore");
        File.WriteAllText(Path.Combine(Statements, InboxLayout.IgnoreFile), "late\n");
        StatementNames().Should().Equal($"PAB_{P1}_20241106.csv");
    }

    [Fact]
    public void Hidden_files_are_not_inputs()
    {
        File.WriteAllText(Path.Combine(Statements, ".DS_Store"), "\0\0\0\u0001Bud1");
        File.WriteAllText(Path.Combine(Statements, "._PAB.csv"), "resource fork");

        StatementNames().Should().Equal($"PAB_{P1}_20241106.csv");
    }

    [Fact]
    public void Files_named_in_reconcileignore_by_name_or_glob_are_not_inputs()
    {
        File.WriteAllText(Path.Combine(Statements, "notes.txt"), "the CEB file came late");
        File.WriteAllText(Path.Combine(Statements, "scan 1.PDF"), "%PDF-1.7");
        File.WriteAllText(Path.Combine(Statements, "scan 2.pdf"), "%PDF-1.7");
        File.WriteAllText(Path.Combine(Statements, "icbc.csv"), "交易日期,摘要,金额\n");
        File.WriteAllText(Path.Combine(Statements, InboxLayout.IgnoreFile), """
            # what the bank sends besides the statements
            notes.txt

              *.pdf
            # icbc.csv
            """);

        Action find = () => Find();

        find.Should().Throw<InputException>().Which.File.Should().EndWith("icbc.csv", "a commented-out line ignores nothing");
        File.Delete(Path.Combine(Statements, "icbc.csv"));
        StatementNames().Should().Equal($"PAB_{P1}_20241106.csv");
    }
}
