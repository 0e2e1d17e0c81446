using NodaTime;
using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;
using Reconcile.Engine.Outputs;
using Reconcile.Engine.Tests.Pipeline.Fakes;

namespace Reconcile.Engine.Tests.Outputs;

public sealed class FindingsCsvTests : IDisposable
{
    private readonly OutputFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Starts_with_a_byte_order_mark_and_ends_every_record_with_crlf()
    {
        string path = _folder.File("discrepancies.csv");
        FindingsCsv.Write(path, [FindingRow.Of(Build.Finding(Category.BANK_ONLY, "A1", "S1", bankAmount: 5m), Build.Day)]);

        byte[] bytes = File.ReadAllBytes(path);
        bytes[..3].Should().Equal(0xEF, 0xBB, 0xBF);
        string text = System.Text.Encoding.UTF8.GetString(bytes.AsSpan(3));
        text.Should().EndWith("\r\n");
        text.Replace("\r\n", "", StringComparison.Ordinal).Should().NotContain("\n");
    }

    [Fact]
    public void Header_has_the_contract_columns_in_order()
    {
        string path = _folder.File("discrepancies.csv");
        FindingsCsv.Write(path, []);

        OutputFolder.Lines(path).Should().Equal(
            "discrepancy_id,business_date,bank,escrow_type,escrow_account_no,category,direction,bank_amount,ledger_amount,bank_serial,ledger_entry_id,contract_no,sub_account_no,first_seen,age_days,detail");
    }

    [Fact]
    public void Row_lists_business_date_first_seen_and_age_with_two_decimal_amounts()
    {
        var d = Build.Finding(Category.AMOUNT_MISMATCH, "38450188000123456", "C1", ["L2", "L1"], direction: Direction.OUT, bankAmount: 1234.5m, ledgerAmount: 1200m, firstSeen: new LocalDate(2024, 11, 4), detail: "batch sum differs");
        string path = _folder.File("discrepancies.csv");
        FindingsCsv.Write(path, [FindingRow.Of(d, Build.Day)]);

        OutputFolder.Lines(path)[1].Should().Be(
            $"{d.Id},2024-11-06,CEB,SECOND_HAND,38450188000123456,AMOUNT_MISMATCH,OUT,1234.50,1200.00,C1,L2;L1,,,2024-11-04,2,batch sum differs");
    }

    [Fact]
    public void Account_level_finding_leaves_direction_and_amounts_empty()
    {
        var d = Build.Finding(Category.MISSING_STATEMENT, "A1", direction: null);
        string path = _folder.File("discrepancies.csv");
        FindingsCsv.Write(path, [FindingRow.Of(d, Build.Day)]);

        OutputFolder.Lines(path)[1].Split(',')[6..9].Should().Equal("", "", "");
    }

    [Fact]
    public void Text_that_starts_like_a_formula_gets_a_leading_quote_but_negative_amounts_stay_numbers()
    {
        var d = Build.Finding(Category.BANK_ONLY, "A1", "-S1", bankAmount: -12.3m, detail: "=HYPERLINK(\"http://x\")");
        string path = _folder.File("discrepancies.csv");
        FindingsCsv.Write(path, [FindingRow.Of(d, Build.Day)]);

        string row = OutputFolder.Lines(path)[1];
        row.Should().Contain(",-12.30,");
        row.Should().Contain(",\"'-S1\",");
        row.Should().EndWith(",\"'=HYPERLINK(\"\"http://x\"\")\"");
    }

    [Theory]
    [InlineData("+1", "\"'+1\"")]
    [InlineData("@SUM(A1)", "\"'@SUM(A1)\"")]
    [InlineData("\tx", "\"'\tx\"")]
    [InlineData("plain 备注", "plain 备注")]
    public void Every_formula_character_of_the_contract_is_guarded(string detail, string written)
    {
        string path = _folder.File("discrepancies.csv");
        FindingsCsv.Write(path, [FindingRow.Of(Build.Finding(Category.BANK_ONLY, "A1", "S1", detail: detail), Build.Day)]);

        OutputFolder.Lines(path)[1].Should().EndWith("," + written);
    }

    [Fact]
    public void Rows_are_sorted_by_bank_type_account_category_serial_entries_and_id()
    {
        var rows = new[]
        {
            Build.Finding(Category.BANK_ONLY, "A2", "S1", bank: Bank.PAB),
            Build.Finding(Category.LEDGER_ONLY, "A1", null, ["L9"], type: EscrowType.SECOND_HAND),
            Build.Finding(Category.BANK_ONLY, "A1", "S2", type: EscrowType.SECOND_HAND),
            Build.Finding(Category.BANK_ONLY, "A1", "S1", type: EscrowType.SECOND_HAND),
            Build.Finding(Category.BANK_ONLY, "A9", "S1", type: EscrowType.RENOVATION),
            Build.Finding(Category.AMOUNT_MISMATCH, "A1", "S3", ["L1"], bank: Bank.CITIC),
        }.Select(d => FindingRow.Of(d, Build.Day));
        string path = _folder.File("discrepancies.csv");
        FindingsCsv.Write(path, rows);

        OutputFolder.Lines(path)[1..].Select(l => string.Join('|', l.Split(',')[2..6].Append(l.Split(',')[9]).Append(l.Split(',')[10])))
            .Should().Equal(
                "CEB|RENOVATION|A9|BANK_ONLY|S1|",
                "CEB|SECOND_HAND|A1|BANK_ONLY|S1|",
                "CEB|SECOND_HAND|A1|BANK_ONLY|S2|",
                "CEB|SECOND_HAND|A1|LEDGER_ONLY||L9",
                "CITIC|SECOND_HAND|A1|AMOUNT_MISMATCH|S3|L1",
                "PAB|SECOND_HAND|A2|BANK_ONLY|S1|");
    }

    [Fact]
    public void In_transit_line_has_no_category_and_the_id_it_will_get_as_bank_only()
    {
        EscrowAccount account = Build.Account("A1");
        BankLine line = Build.Line("A1", "C241106000112", Direction.IN, 300000m, memo: "JG2024110600031首付款", summary: "跨行转入");
        var item = OpenItem.Of(line, Build.Day);
        string path = _folder.File("in_transit.csv");
        FindingsCsv.Write(path, [FindingRow.InTransit(item, account, Build.Day)]);

        string expectedId = DiscrepancyId.For(Category.BANK_ONLY, "A1", "C241106000112", []);
        OutputFolder.Lines(path)[1].Should().Be(
            $"{expectedId},2024-11-06,CEB,SECOND_HAND,A1,,IN,300000.00,,C241106000112,,,,2024-11-06,0,跨行转入 JG2024110600031首付款");
    }

    [Fact]
    public void In_transit_entry_has_the_id_it_will_get_as_ledger_only()
    {
        EscrowAccount account = Build.Account("A1");
        LedgerEntry entry = Build.Entry("L000001", "A1", LedgerKind.WITHDRAWAL, 250000m, remark: "放款");
        string path = _folder.File("in_transit.csv");
        FindingsCsv.Write(path, [FindingRow.InTransit(OpenItem.Of(entry, Build.Day), account, Build.Day)]);

        string[] cells = OutputFolder.Lines(path)[1].Split(',');
        cells[0].Should().Be(DiscrepancyId.For(Category.LEDGER_ONLY, "A1", null, ["L000001"]));
        cells[5..11].Should().Equal("", "OUT", "", "250000.00", "", "L000001");
    }
}
