using System.Text;
using Reconcile.Core.Model;

namespace Reconcile.Formats.Tests;

public sealed class LedgerPartsTests : IDisposable
{
    private const string HeaderLine =
        "entry_id,order_id,contract_no,sub_account_no,bank,escrow_account_no,escrow_type,direction,amount,status,created_at,settled_at,accounting_date,payment_ref,bank_serial,counterparty_name,counterparty_account,batch_id,remark\n";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>Rows with quoted remarks holding commas, doubled quotes and line breaks, blank lines between them.</summary>
    private static string Ledger(int rows)
    {
        var text = new StringBuilder("\n" + HeaderLine);
        for (int i = 1; i <= rows; i++)
        {
            string remark = (i % 7) switch
            {
                0 => "\"首付款,第二笔\"",
                1 => "\"说明 \"\"引号\"\"\n第二行\"",
                2 => "\"跨\n三\n行\"",
                _ => "尾款",
            };
            text.Append($"L{i:D6},ORD{i:D6},JG2024110600031,CEB-JG2024110600031,CEB,38450188000123456,SECOND_HAND,DEPOSIT,{i}.00,SUCCESS,2024-11-06T01:10:00Z,,2024-11-06,PAY{i:D6},,张三,6222021234567890123,,{remark}\n");
            if (i % 13 == 0)
            {
                text.Append('\n');
            }
        }
        return text.ToString();
    }

    private static List<LedgerEntry> ReadWhole(string path)
    {
        var entries = new List<LedgerEntry>();
        LedgerReader.Read(path, TestRegistry.Default, entries.Add);
        return entries;
    }

    private static List<LedgerEntry> ReadInParts(string path, int maxParts, out int parts)
    {
        LedgerParts split = LedgerReader.Split(path, maxParts, minPartBytes: 1);
        parts = split.Count;
        var entries = new List<LedgerEntry>();
        for (int p = 0; p < split.Count; p++)
        {
            int count = LedgerReader.ReadPart(split, p, TestRegistry.Default, entries.Add);
            count.Should().BeGreaterThan(0);
        }
        return entries;
    }

    [Theory]
    [InlineData(TextEncoding.Utf8, LineEnd.Lf)]
    [InlineData(TextEncoding.Utf8Bom, LineEnd.CrLf)]
    public void Parts_read_in_order_give_the_same_entries_and_lines_as_one_read(TextEncoding encoding, LineEnd lineEnd)
    {
        string path = _folder.Write("ledger.csv", Ledger(300), encoding, lineEnd);

        List<LedgerEntry> whole = ReadWhole(path);
        List<LedgerEntry> inParts = ReadInParts(path, 16, out int parts);

        parts.Should().Be(16);
        whole.Should().HaveCount(300);
        inParts.Should().Equal(whole);
        inParts.Select(e => e.Source.Line).Should().Equal(whole.Select(e => e.Source.Line));
    }

    [Fact]
    public void Gb18030_ledger_is_refused_before_it_is_cut_in_parts_as_the_ledger_is_utf8()
    {
        string path = _folder.Write("ledger.csv", Ledger(300), TextEncoding.Gb18030);

        Action act = () => LedgerReader.Split(path, 16, minPartBytes: 1);

        act.Should().Throw<InputException>().Which.Message.Should().Contain("not UTF-8");
    }

    [Fact]
    public void Part_boundaries_never_fall_inside_a_quoted_line_break()
    {
        // Every row's remark spans lines: a cut at a line feed inside quotes would split a record.
        string text = HeaderLine + string.Concat(Enumerable.Range(1, 50).Select(i =>
            $"L{i:D6},ORD{i:D6},JG1,CEB-JG1,CEB,38450188000123456,SECOND_HAND,DEPOSIT,1.00,SUCCESS,2024-11-06T01:10:00Z,,2024-11-06,PAY{i:D6},,张三,,,\"第一行\n第二行\n\"\n"));
        string path = _folder.Write("ledger.csv", text);

        List<LedgerEntry> inParts = ReadInParts(path, 40, out _);

        inParts.Select(e => e.EntryId).Should().Equal(Enumerable.Range(1, 50).Select(i => $"L{i:D6}"));
        inParts.Select(e => e.Remark).Should().AllBe("第一行\n第二行\n");
        inParts.Should().Equal(ReadWhole(path));
    }

    [Fact]
    public void A_small_file_is_one_part_and_a_header_only_file_none()
    {
        string small = _folder.Write("ledger.csv", Ledger(5));
        LedgerReader.Split(small, 8).Count.Should().Be(1);

        string empty = _folder.Write("empty.csv", HeaderLine);
        LedgerReader.Split(empty, 8, minPartBytes: 1).Count.Should().Be(0);
        string noLineFeed = _folder.Write("bare.csv", HeaderLine.TrimEnd('\n'));
        LedgerReader.Split(noLineFeed, 8, minPartBytes: 1).Count.Should().Be(0);
    }

    [Fact]
    public void An_error_in_a_later_part_names_the_files_own_line()
    {
        string text = Ledger(300);
        string[] lines = text.Split('\n');
        int bad = Array.FindIndex(lines, lines.Length * 2 / 3, l => l.StartsWith("L", StringComparison.Ordinal)); // a row in the second half
        lines[bad] = lines[bad].Replace(",SUCCESS,", ",DONE,", StringComparison.Ordinal);
        string path = _folder.Write("ledger.csv", string.Join('\n', lines));

        Action whole = () => ReadWhole(path);
        Action parts = () => ReadInParts(path, 8, out _);

        InputException expected = whole.ShouldFailAt(path, bad + 1, "status");
        parts.ShouldFailAt(path, bad + 1, "status").Message.Should().Be(expected.Message);
    }
}
