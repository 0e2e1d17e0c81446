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
}
