using System.Text;
using Reconcile.Core.Model;

namespace Reconcile.Formats.Tests;

/// <summary>
/// Inputs that a reader once read wrongly without a word (issue 17's mutation probe): each must now be an input error
/// naming the file and the line where the damage is.
/// </summary>
public sealed class HostileInputTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static List<LedgerEntry> ReadLedger(string path)
    {
        var entries = new List<LedgerEntry>();
        LedgerReader.Read(path, TestRegistry.Default, entries.Add);
        return entries;
    }

    private static List<LedgerEntry> ReadLedgerInParts(string path)
    {
        LedgerParts parts = LedgerReader.Split(path, 4, minPartBytes: 1);
        var entries = new List<LedgerEntry>();
        for (int i = 0; i < parts.Ranges.Count; i++)
        {
            LedgerReader.ReadPart(parts, i, TestRegistry.Default, entries.Add);
        }
        return entries;
    }

    private string WriteBytes(string name, byte[] bytes)
    {
        string path = Path.Combine(_folder.Path, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void Ledger_with_lone_cr_line_ends_is_rejected_naming_the_line_end()
    {
        string path = WriteBytes("ledger.csv", Encoding.UTF8.GetBytes(Examples.Ledger.Replace("\n", "\r", StringComparison.Ordinal)));

        Action act = () => ReadLedger(path);

        act.ShouldFailAt(path, 1, null).Message.Should().Contain("lone carriage return");
    }

    [Theory]
    [InlineData(65_533)]
    [InlineData(65_532)]
    [InlineData(65_531)]
    public void Crlf_split_across_read_chunks_is_one_line_end(int before)
    {
        string row = "L000001,ORD24110600011,JG2024110600031,CEB-JG2024110600031,CEB,38450188000123456,SECOND_HAND,DEPOSIT,300000.00,SUCCESS,2024-11-06T09:10:00+08:00,,2024-11-06,,,,,,";
        string header = Examples.Ledger[..(Examples.Ledger.IndexOf('\n') + 1)].Replace("\n", "\r\n", StringComparison.Ordinal);
        string padded = row + new string('x', before - header.Length - row.Length) + "\r\n" + row + "\r\n";
        string path = WriteBytes("ledger.csv", Encoding.UTF8.GetBytes(header + padded));

        ReadLedger(path).Should().HaveCount(2);
    }

    [Fact]
    public void Ledger_mixing_crlf_and_lf_line_ends_is_rejected_at_the_first_line_that_differs()
    {
        string text = Examples.Ledger.Replace("\n", "\r\n", StringComparison.Ordinal);
        int third = text.IndexOf("L000003", StringComparison.Ordinal);
        text = string.Concat(text.AsSpan(0, third - 2), "\n", text.AsSpan(third));
        string path = WriteBytes("ledger.csv", Encoding.UTF8.GetBytes(text));

        Action act = () => ReadLedger(path);

        act.ShouldFailAt(path, 3, null).Message.Should().Contain("ends with LF, but line 1 ends with CRLF");
    }

    [Fact]
    public void Ledger_with_a_stray_opening_quote_in_a_remark_is_rejected_at_that_line()
    {
        string path = _folder.Write("ledger.csv", Examples.Ledger.With(",,首付款", ",,\"首付款"));

        Action act = () => ReadLedger(path);

        act.ShouldFailAt(path, 2, null).Message.Should().Contain("never closed");
    }

    [Fact]
    public void Stray_quote_is_reported_at_its_true_line_when_the_ledger_is_read_in_parts()
    {
        string path = _folder.Write("ledger.csv", Examples.Ledger.With(",,买方退款", ",,\"买方退款"));

        Action act = () => ReadLedgerInParts(path);

        act.ShouldFailAt(path, 3, null);
    }

    [Fact]
    public void Ledger_row_with_an_extra_empty_field_is_rejected_with_the_fields_found()
    {
        string path = _folder.Write("ledger.csv", Examples.Ledger.With(",,买方退款", ",,买方退款,"));

        Action act = () => ReadLedger(path);

        act.ShouldFailAt(path, 3, null).Message.Should().Contain("found 20 fields ('L000002,").And.Contain("expected 19");
    }

    [Fact]
    public void Extra_field_is_reported_at_its_true_line_when_the_ledger_is_read_in_parts()
    {
        string path = _folder.Write("ledger.csv", Examples.Ledger.With(",,第二阶段款", ",,第二阶段款,"));

        Action act = () => ReadLedgerInParts(path);

        act.ShouldFailAt(path, 4, null).Message.Should().Contain("found 20 fields");
    }

    [Fact]
    public void Ledger_row_with_a_missing_field_is_rejected_naming_the_first_missing_column()
    {
        string path = _folder.Write("ledger.csv", Examples.Ledger.With(",,首付款\n", ",\n"));

        Action act = () => ReadLedger(path);

        act.ShouldFailAt(path, 2, "remark").Message.Should().Contain("found 18 fields");
    }

    [Fact]
    public void Citic_amount_with_an_unquoted_thousands_separator_is_rejected_not_read_as_two_fields()
    {
        string path = _folder.Write("citic.csv", Examples.Citic.With(",C,58000.00,", ",C,58,000.00,"), TextEncoding.Gb18030, LineEnd.CrLf);

        Action act = () => StatementRead.From(path);

        act.ShouldFailAt(path, 3, null).Message.Should().Contain("found 18 fields").And.Contain("58,000.00").And.Contain("must be quoted");
    }

    [Theory]
    [InlineData("subaccounts.csv")]
    [InlineData("accounts.csv")]
    public void Extra_field_in_an_internal_export_is_rejected(string name)
    {
        string text = name == "accounts.csv" ? Examples.Accounts.With(",2021-03-01", ",2021-03-01,x") : Examples.SubAccounts.With(",OPEN", ",OPEN,");
        string path = _folder.Write(name, text);

        Action act = name == "accounts.csv"
            ? () => AccountsReader.Read(path)
            : () => SubAccountsReader.Read(path, TestRegistry.Default, _ => { });

        act.ShouldFailAt(path, 2, null).Message.Should().Contain("fields");
    }

    [Fact]
    public void Pab_row_with_an_extra_empty_field_is_rejected()
    {
        string path = _folder.Write("pab.csv", Examples.Pab.With(",结息,活期利息", ",结息,活期利息,"), TextEncoding.Utf8Bom);

        Action act = () => StatementRead.From(path);

        act.ShouldFailAt(path, 3, null).Message.Should().Contain("found 16 fields");
    }

    [Fact]
    public void Gbk_field_in_a_utf8_ledger_is_rejected_naming_its_line_instead_of_reading_the_file_as_gb18030()
    {
        byte[] head = Encoding.UTF8.GetBytes(Examples.Ledger[..Examples.Ledger.IndexOf("买方退款", StringComparison.Ordinal)]);
        byte[] gbk = InputEncoding.Gb18030.GetBytes("买方退款");
        byte[] tail = Encoding.UTF8.GetBytes(Examples.Ledger[(Examples.Ledger.IndexOf("买方退款", StringComparison.Ordinal) + 4)..]);
        string path = WriteBytes("ledger.csv", [.. head, .. gbk, .. tail]);

        Action act = () => ReadLedger(path);

        act.ShouldFailAt(path, 3, null).Message.Should().Contain($"byte offset {head.Length}").And.Contain("not UTF-8");
    }

    [Fact]
    public void Double_encoded_remark_is_rejected_with_what_it_was()
    {
        string mojibake = InputEncoding.Gb18030.GetString(Encoding.UTF8.GetBytes("卖方放款"));
        string path = _folder.Write("ledger.csv", Examples.Ledger.With(",,第二阶段款", ",," + mojibake));

        Action act = () => ReadLedger(path);

        act.ShouldFailAt(path, 4, "remark").Message.Should().Contain("卖方放款").And.Contain("converted twice");
    }

    [Theory]
    [InlineData("张三")]
    [InlineData("某某装饰工程有限公司")]
    [InlineData("中国工商银行北京朝阳支行")]
    [InlineData("JG2024110600031首付款")]
    [InlineData("装修存管ZX2024110600002")]
    public void Genuine_chinese_text_is_not_taken_for_double_encoded_text(string text)
    {
        Mojibake.Original(Encoding.UTF8.GetBytes(text)).Should().BeNull();
    }

    [Fact]
    public void Byte_order_mark_inside_a_file_is_rejected_naming_its_line()
    {
        string path = _folder.Write("ledger.csv", Examples.Ledger.With("L000002", "\uFEFFL000002"));

        Action act = () => ReadLedger(path);

        act.ShouldFailAt(path, 3, null).Message.Should().Contain("byte order mark");
    }

    [Fact]
    public void Utf8_file_that_starts_with_a_byte_order_mark_and_has_gbk_bytes_is_rejected()
    {
        byte[] pab = InputEncoding.Gb18030.GetBytes(Examples.Pab);
        string path = WriteBytes("pab.csv", [.. Encoding.UTF8.GetPreamble(), .. pab]);

        Action act = () => StatementRead.From(path);

        act.Should().Throw<InputException>().Which.Message.Should().Contain("not UTF-8");
    }

    [Fact]
    public void Gbk_pab_statement_is_rejected_as_pab_statements_are_utf8()
    {
        string path = _folder.Write("pab.csv", Examples.Pab, TextEncoding.Gb18030);

        Action act = () => StatementRead.From(path);

        act.ShouldFailAt(path, 1, null).Message.Should().Contain("PAB statements are UTF-8");
    }

    [Fact]
    public void Pab_amount_beyond_the_money_range_is_an_input_error_not_an_overflow()
    {
        string path = _folder.Write("pab.csv", Examples.Pab.With(",1234,2500001234,", ",9223372036854775807,2500001234,"));

        Action act = () => StatementRead.From(path);

        act.ShouldFailAt(path, 3, "交易金额(分)");
    }

    [Fact]
    public void Ledger_amount_beyond_ten_trillion_yuan_is_an_input_error()
    {
        string path = _folder.Write("ledger.csv", Examples.Ledger.With(",300000.00,", ",99999999999999.00,"));

        Action act = () => ReadLedger(path);

        act.ShouldFailAt(path, 2, "amount");
    }

    [Fact]
    public void Timestamp_with_a_stray_quote_is_an_input_error_naming_the_line()
    {
        string path = _folder.Write("ledger.csv", Examples.Ledger.With("2024-11-06T03:19:50Z", "2024-11-06T03:19:5\"Z"));

        Action act = () => ReadLedger(path);

        act.Should().Throw<InputException>().Which.Line.Should().Be(3);
    }

    [Fact]
    public void Malformed_timestamp_is_an_input_error_naming_the_column()
    {
        string path = _folder.Write("ledger.csv", Examples.Ledger.With("2024-11-06T03:19:50Z", "2024-11-06T03:19:5xZ"));

        Action act = () => ReadLedger(path);

        act.ShouldFailAt(path, 3, "created_at");
    }

    [Fact]
    public void Pab_trailer_cut_short_is_rejected()
    {
        string text = Examples.Pab.TrimEnd('\n');
        string path = _folder.Write("pab.csv", text[..^3]);

        Action act = () => StatementRead.From(path);

        act.Should().Throw<InputException>().Which.Message.Should().Contain("cut short");
    }

    [Fact]
    public void Pab_trailer_with_an_unknown_label_is_rejected()
    {
        string path = _folder.Write("pab.csv", Examples.Pab.With("#汇总,笔数,2,", "#汇总,条数,2,"));

        Action act = () => StatementRead.From(path);

        act.ShouldFailAt(path, 4, "#2");
    }

    [Fact]
    public void Pab_trailer_with_extra_fields_is_rejected()
    {
        string path = _folder.Write("pab.csv", Examples.Pab.With(",期末余额(分),2500001234", ",期末余额(分),2500001234,笔数,2"));

        Action act = () => StatementRead.From(path);

        act.ShouldFailAt(path, 4, "笔数").Message.Should().Contain("twice");
    }

    [Fact]
    public void Statement_with_an_unclosed_quote_is_rejected_at_that_line()
    {
        string path = _folder.Write("ceb.csv", Examples.Ceb.With(",跨行汇款手续费,", ",\"跨行汇款手续费,"), TextEncoding.Gb18030, LineEnd.CrLf);

        Action act = () => StatementRead.From(path);

        act.ShouldFailAt(path, 9, null).Message.Should().Contain("not closed before the line ends");
    }

    [Fact]
    public void Sub_account_status_in_lower_case_is_rejected()
    {
        string path = _folder.Write("subaccounts.csv", Examples.SubAccounts.With(",OPEN", ",open"));

        Action act = () => SubAccountsReader.Read(path, TestRegistry.Default, _ => { });

        act.ShouldFailAt(path, 2, "status").Message.Should().Contain("found 'open'");
    }

    [Fact]
    public void Ledger_status_in_lower_case_is_rejected()
    {
        string path = _folder.Write("ledger.csv", Examples.Ledger.With("SUBMITTED", "submitted"));

        Action act = () => ReadLedger(path);

        act.ShouldFailAt(path, 4, "status");
    }
}
