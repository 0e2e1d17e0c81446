using System.Text;
using System.Text.Unicode;
using Reconcile.Core.Model;

namespace Reconcile.Samples.Tests;

[Collection(GeneratedInboxCollection.Name)]
public sealed class InboxLayoutTests(GeneratedInbox inbox)
{
    [Fact]
    public void Inbox_has_the_layout_of_FORMATS()
    {
        File.Exists(Path.Combine(inbox.Path, "accounts.csv")).Should().BeTrue();
        File.Exists(Path.Combine(inbox.Path, "expected.json")).Should().BeTrue();
        foreach (ReadDay day in inbox.Days)
        {
            string dir = inbox.DayDir(day.Date);
            File.Exists(Path.Combine(dir, "ledger.csv")).Should().BeTrue();
            File.Exists(Path.Combine(dir, "subaccounts.csv")).Should().BeTrue();
            Directory.GetFiles(Path.Combine(dir, "statements"), "*.csv").Should().NotBeEmpty();
        }
        Directory.GetDirectories(inbox.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal).Should().Equal("2024-11-06", "2024-11-07", "2024-11-08");
    }

    [Fact]
    public void Every_bank_and_escrow_type_has_two_or_three_accounts()
    {
        var partitions = inbox.Registry.Accounts.GroupBy(a => (a.Bank, a.Type)).ToList();

        partitions.Should().HaveCount(6);
        partitions.Should().OnlyContain(p => p.Count() >= 2 && p.Count() <= 3);
    }

    [Theory]
    [InlineData(Bank.CEB, "中国光大银行对公账户交易明细\r\n账号：,")]
    [InlineData(Bank.CITIC, "账号,交易日期,交易时间,")]
    public void CEB_and_CITIC_statements_are_GB18030_with_CRLF(Bank bank, string start)
    {
        var gb18030 = Encoding.GetEncoding("GB18030");
        foreach (string file in StatementFiles(bank))
        {
            byte[] bytes = File.ReadAllBytes(file);
            Utf8.IsValid(bytes).Should().BeFalse($"{file} holds Chinese text in GB18030, which is not valid UTF-8");
            string text = gb18030.GetString(bytes);
            text.Should().StartWith(start);
            text.Replace("\r\n", "", StringComparison.Ordinal).Should().NotContain("\n", $"{file} ends every line with CRLF");
        }
    }

    [Fact]
    public void PAB_statements_are_UTF8_with_BOM_and_LF()
    {
        foreach (string file in StatementFiles(Bank.PAB))
        {
            byte[] bytes = File.ReadAllBytes(file);
            bytes.AsSpan().StartsWith("\uFEFF交易时间,记账日期,"u8).Should().BeTrue(file);
            Utf8.IsValid(bytes).Should().BeTrue(file);
            bytes.Should().NotContain((byte)'\r', $"{file} ends lines with LF only");
        }
    }

    [Fact]
    public void Some_statement_names_do_not_reveal_the_bank()
    {
        string[] names = Directory.GetFiles(Path.Combine(inbox.DayDir(GeneratedInbox.FirstDate), "statements")).Select(Path.GetFileName).ToArray()!;

        names.Should().Contain(n => n.StartsWith("stmt_", StringComparison.Ordinal));
        names.Should().Contain(n => n.StartsWith("CEB_", StringComparison.Ordinal));
    }

    [Fact]
    public void Ledger_has_UTC_timestamps_whose_UTC_day_is_not_the_accounting_day()
    {
        int crossing = 0;
        foreach (ReadDay day in inbox.Days)
        {
            foreach (string line in File.ReadLines(Path.Combine(inbox.DayDir(day.Date), "ledger.csv")).Skip(1))
            {
                string[] f = line.Split(',');
                string createdAt = f[10], accountingDate = f[12];
                if (createdAt.EndsWith('Z') && !createdAt.StartsWith(accountingDate, StringComparison.Ordinal))
                {
                    crossing++;
                }
            }
        }

        crossing.Should().BeGreaterThan(inbox.Days.Count, "every account's first entry of a day is written in UTC in the early Beijing morning");
    }

    [Fact]
    public void Ledger_entries_carry_their_Beijing_accounting_day()
    {
        var beijing = NodaTime.DateTimeZoneProviders.Tzdb["Asia/Shanghai"];
        foreach (ReadDay day in inbox.Days)
        {
            day.Entries.Should().OnlyContain(e => e.AccountingDate == day.Date);
            // Settled entries settle on their accounting day in Beijing time, whatever offset they are written in.
            day.Entries.Where(e => e.SettledAt is not null)
                .Should().OnlyContain(e => e.SettledAt!.Value.InZone(beijing).Date == e.AccountingDate);
        }
    }

    static InboxLayoutTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private IEnumerable<string> StatementFiles(Bank bank) =>
        inbox.Days.SelectMany(d => d.Statements).Where(s => s.Bank == bank).Select(s => s.File);
}
