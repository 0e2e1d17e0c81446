using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ClosedXML.Excel;
using Reconcile.Cli.Commands;
using Reconcile.Application.Export;
using Reconcile.Cli.Tests.Discrepancies;
using static Reconcile.Cli.Tests.Export.ExportFixtures;

namespace Reconcile.Cli.Tests.Export;

public sealed class ExportTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "reconcile-export-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private (int Exit, CliHarness Cli) Export(string format, string? outDir = null, params string[] extra)
    {
        var cli = new CliHarness(Store(), Cases.Morning);
        string[] args = ["--from", "2024-11-05", "--to", "2024-11-07", "--out", outDir ?? _dir, "--format", format, .. extra];
        int exit = cli.Export("inventory", args);
        return (exit, cli);
    }

    private string FilePath(string format) => Path.Combine(_dir, $"inventory_2024-11-05_2024-11-07.{format}");

    [Fact]
    public void Csv_is_the_runs_inventory_format_sorted_by_day_then_account()
    {
        Export("csv").Exit.Should().Be(0);

        byte[] bytes = File.ReadAllBytes(FilePath("csv"));
        bytes.Take(3).Should().Equal(0xEF, 0xBB, 0xBF);
        string[] lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines.Should().Equal(
            "business_date,bank,escrow_type,escrow_account_no,bank_opening_balance,bank_credits,bank_debits,bank_closing_balance,ledger_balance,ledger_in_not_bank,ledger_out_not_bank,bank_in_not_ledger,bank_out_not_ledger,adjusted_bank_balance,adjusted_ledger_balance,unexplained_difference,status",
            "2024-11-05,CEB,SECOND_HAND,38450188000123456,12000000.00,300000.00,250020.00,12049980.00,12049880.00,0.00,0.00,100.00,0.00,12049980.00,12049980.00,0.00,BALANCED",
            "2024-11-05,PAB,RENOVATION,0015000000000001,25000000.00,12.34,50000.00,24950012.34,24950000.00,0.00,0.00,0.00,0.00,24950012.34,24950000.00,12.34,UNBALANCED",
            "2024-11-07,CEB,SECOND_HAND,38450188000123456,12000000.00,300000.00,250020.00,12049980.00,12049880.00,0.00,0.00,100.00,0.00,12049980.00,12049980.00,0.00,BALANCED",
            "2024-11-07,PAB,RENOVATION,0015000000000001,,,,,24950000.00,0.00,0.00,0.00,0.00,,,,MISSING_STATEMENT");
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("xlsx")]
    public void Exporting_the_same_period_twice_gives_the_same_bytes(string format)
    {
        string second = Path.Combine(_dir, "again");
        Export(format).Exit.Should().Be(0);
        Export(format, second).Exit.Should().Be(0);

        string name = Path.GetFileName(FilePath(format));
        File.ReadAllBytes(Path.Combine(second, name)).Should().Equal(File.ReadAllBytes(FilePath(format)));
        File.ReadAllBytes(Path.Combine(second, "manifest.json")).Should().Equal(File.ReadAllBytes(Path.Combine(_dir, "manifest.json")));
    }

    [Fact]
    public void Manifest_names_files_runs_inputs_and_gaps()
    {
        Export("xlsx").Exit.Should().Be(0);

        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "manifest.json")));
        JsonElement root = doc.RootElement;
        root.GetProperty("store").GetString().Should().Be("memory:");
        JsonElement file = root.GetProperty("files").EnumerateArray().Single();
        file.GetProperty("file").GetString().Should().Be("inventory_2024-11-05_2024-11-07.xlsx");
        file.GetProperty("sha256").GetString().Should().Be(Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(FilePath("xlsx")))).ToLowerInvariant());
        file.GetProperty("rows").GetInt32().Should().Be(4);
        root.GetProperty("days_without_run").EnumerateArray().Select(e => e.GetString()).Should().Equal("2024-11-06");
        root.GetProperty("open_discrepancies_at_end").GetInt32().Should().Be(2);
        root.GetProperty("export").GetString().Should().Be("inventory");
        JsonElement[] runs = root.GetProperty("runs").EnumerateArray().ToArray();
        runs.Select(r => r.GetProperty("run_id").GetString()).Should().Equal("R-5", "R-7");
        runs[0].GetProperty("inputs").EnumerateArray().Select(i => i.GetProperty("path").GetString())
            .Should().Equal("inbox/2024-11-05/accounts.csv", "inbox/2024-11-05/ledger.csv");
        runs[0].GetProperty("inputs")[0].GetProperty("sha256").GetString().Should().Be(new string('b', 64));
    }

    [Fact]
    public void Gap_is_named_on_the_console()
    {
        var (exit, cli) = Export("csv");

        exit.Should().Be(0);
        cli.Error.Should().Contain("gaps: no run for 2024-11-06");
        cli.Out.Should().Contain("exported 4 inventory row(s) of 2024-11-05 – 2024-11-07 from 2 run(s)");
    }

    [Fact]
    public void Accounts_sheet_has_numbers_with_two_decimals_text_accounts_and_frozen_headers()
    {
        Export("xlsx").Exit.Should().Be(0);

        using var workbook = new XLWorkbook(FilePath("xlsx"));
        IXLWorksheet sheet = workbook.Worksheet(InventoryWorkbook.AccountsSheet);
        sheet.Cell(1, 4).GetString().Should().Be("存管账号");
        sheet.Cell(2, 4).GetString().Should().Be("escrow_account_no");
        sheet.SheetView.SplitRow.Should().Be(2);
        IXLCell account = sheet.Cell(4, 4);
        account.DataType.Should().Be(XLDataType.Text);
        account.GetString().Should().Be("0015000000000001");
        IXLCell unexplained = sheet.Cell(4, 16);
        unexplained.DataType.Should().Be(XLDataType.Number);
        unexplained.GetDouble().Should().Be(12.34);
        unexplained.Style.NumberFormat.Format.Should().Be("#,##0.00");
        IXLCell day = sheet.Cell(3, 1);
        day.DataType.Should().Be(XLDataType.DateTime, "business days are Excel dates");
        day.GetDateTime().Should().Be(new DateTime(2024, 11, 5));
        day.Style.NumberFormat.Format.Should().Be("yyyy-MM-dd");
        sheet.AutoFilter.IsEnabled.Should().BeTrue();
        sheet.AutoFilter.Range.RangeAddress.ToString().Should().Be("A2:Q6");
        sheet.Cell(4, 17).GetString().Should().Be("UNBALANCED");
        sheet.Cell(4, 1).Style.Fill.BackgroundColor.Color.ToArgb().Should().Be(InventoryWorkbook.Unbalanced.Color.ToArgb());
        sheet.Cell(3, 1).Style.Fill.BackgroundColor.Color.ToArgb().Should().NotBe(InventoryWorkbook.Unbalanced.Color.ToArgb());
        sheet.Cell(6, 5).IsEmpty().Should().BeTrue("a missing statement has no bank columns");
        sheet.Column(4).Width.Should().BeGreaterThanOrEqualTo("0015000000000001".Length);
        sheet.Column(10).Width.Should().BeGreaterThanOrEqualTo("ledger_in_not_bank".Length);
    }

    [Fact]
    public void Summary_sheet_gives_each_day_by_bank_and_type_with_totals_and_names_the_gap()
    {
        Export("xlsx").Exit.Should().Be(0);

        using var workbook = new XLWorkbook(FilePath("xlsx"));
        IXLWorksheet sheet = workbook.Worksheet(InventoryWorkbook.SummarySheet);
        workbook.Worksheets.Select(s => s.Name).Should().Equal(
            InventoryWorkbook.SummarySheet, InventoryWorkbook.AccountsSheet, InventoryWorkbook.CasesSheet, InventoryWorkbook.HistorySheet, InventoryWorkbook.RunsSheet);
        string Row(int r) => string.Join("|", Enumerable.Range(1, 16).Select(c => Shown(sheet.Cell(r, c))));
        sheet.Cell(2, 16).GetString().Should().Be("unexplained_difference_net");
        sheet.Cell(2, 17).GetString().Should().Be("unexplained_difference_abs");

        sheet.SheetView.SplitRow.Should().Be(2);
        Row(3).Should().Be("2024-11-05|CEB|SECOND_HAND|1|1|0|0|300000.00|250020.00|12049980.00|12049880.00|0.00|0.00|100.00|0.00|0.00");
        Row(4).Should().Be("2024-11-05|PAB|RENOVATION|1|0|1|0|12.34|50000.00|24950012.34|24950000.00|0.00|0.00|0.00|0.00|12.34");
        Row(5).Should().Be("2024-11-05|合计 / Total||2|1|1|0|300012.34|300020.00|36999992.34|36999880.00|0.00|0.00|100.00|0.00|12.34");
        Row(6).Should().Be("2024-11-06|无运行 / no run||||||||||||||");
        Row(8).Should().StartWith("2024-11-07|PAB|RENOVATION|1|0|0|1||||24950000.00|");
        Row(10).Should().StartWith("2024-11-05 – 2024-11-07|期间合计 / Period||4|2|1|1|600012.34|550040.00||");
        sheet.Cell(11, 1).GetString().Should().Be("无运行的日期 / Days without a run");
        sheet.Cell(11, 2).GetString().Should().Be("2024-11-06");
        sheet.Cell(4, 1).Style.Fill.BackgroundColor.Color.ToArgb().Should().Be(InventoryWorkbook.Unbalanced.Color.ToArgb());
        sheet.Cell(6, 1).Style.Fill.BackgroundColor.Color.ToArgb().Should().Be(InventoryWorkbook.Missing.Color.ToArgb());
    }

    /// <summary>A cell as a reader sees it: numbers through their number format (0.00 or whole).</summary>
    private static string Shown(IXLCell cell) => cell.DataType != XLDataType.Number
        ? cell.GetString()
        : cell.GetDouble().ToString(cell.Style.NumberFormat.Format == "#,##0.00" ? "0.00" : "0", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Every_case_of_the_period_comes_with_its_state_at_the_end_its_decision_now_and_its_whole_history()
    {
        Export("xlsx").Exit.Should().Be(0);

        using var workbook = new XLWorkbook(FilePath("xlsx"));
        IXLWorksheet cases = workbook.Worksheet(InventoryWorkbook.CasesSheet);
        IXLWorksheet history = workbook.Worksheet(InventoryWorkbook.HistorySheet);
        Dictionary<string, IXLRangeRow> byId = cases.RangeUsed()!.Rows().Skip(2).ToDictionary(r => r.Cell(1).GetString());
        string Col(string id, string english) => byId[id].Cell(Column(cases, english)).GetString();

        byId.Keys.Should().BeEquivalentTo("D-open", "D-late", "D-early");
        Col("D-open", "status_at_period_end").Should().Be("OPEN");
        Col("D-open", "assignee").Should().Be("wang");
        byId["D-open"].Cell(Column(cases, "age_days")).GetDouble().Should().Be(2, "age at the period's last day");
        Col("D-late", "status_at_period_end").Should().Be("OPEN", "it was resolved after the period");
        Col("D-late", "status_now").Should().Be("RESOLVED");
        Col("D-late", "resolution").Should().Be("BOOKED_IN_LEDGER 补单");
        Col("D-late", "resolved_by").Should().Be("zhang");
        Col("D-late", "decided_at_beijing").Should().Be("2024-11-08 11:00:00");
        Col("D-early", "status_at_period_end").Should().Be("RESOLVED");
        byId["D-late"].Cell(Column(cases, "ledger_amount")).GetDouble().Should().Be(70);
        byId["D-late"].Cell(Column(cases, "ledger_amount")).Style.NumberFormat.Format.Should().Be("#,##0.00");
        history.Column(5).CellsUsed().Skip(2).Select(c => c.GetString()).Should().HaveCount(7)
            .And.Contain(["ASSIGNED", "RESOLVED", "SEEN_AGAIN"], "the whole history, decisions after the period included");
        history.Column(4).CellsUsed().Skip(2).Select(c => c.GetString()).Distinct().Should().BeEquivalentTo("system", "unauthenticated");
    }

    [Fact]
    public void Csv_and_xlsx_carry_the_same_tables_and_numbers_and_their_manifests_agree()
    {
        string csvDir = Path.Combine(_dir, "csv");
        string xlsxDir = Path.Combine(_dir, "xlsx");
        Export("csv", csvDir).Exit.Should().Be(0);
        Export("xlsx", xlsxDir).Exit.Should().Be(0);

        Directory.GetFiles(csvDir).Select(Path.GetFileName).Should().BeEquivalentTo(
            "inventory_2024-11-05_2024-11-07.csv", "summary_2024-11-05_2024-11-07.csv", "cases_2024-11-05_2024-11-07.csv",
            "history_2024-11-05_2024-11-07.csv", "runs_2024-11-05_2024-11-07.csv", "manifest.json");
        using var workbook = new XLWorkbook(Path.Combine(xlsxDir, "inventory_2024-11-05_2024-11-07.xlsx"));
        foreach ((string key, string sheetName) in new[]
        {
            ("inventory", InventoryWorkbook.AccountsSheet), ("summary", InventoryWorkbook.SummarySheet), ("cases", InventoryWorkbook.CasesSheet),
            ("history", InventoryWorkbook.HistorySheet), ("runs", InventoryWorkbook.RunsSheet),
        })
        {
            string[] csv = File.ReadAllText(Path.Combine(csvDir, $"{key}_2024-11-05_2024-11-07.csv")).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            IXLWorksheet sheet = workbook.Worksheet(sheetName);
            int width = csv[0].Split(',').Length;
            var sheetRows = Enumerable.Range(2, sheet.LastRowUsed()!.RowNumber() - 1)
                .Select(r => string.Join(",", Enumerable.Range(1, width).Select(c => Csvish(sheet.Cell(r, c)))))
                .ToList();
            sheetRows.Should().Equal(csv.Select(Unquote), $"the {key} table is the same in both renderings");
        }
        using JsonDocument a = JsonDocument.Parse(File.ReadAllText(Path.Combine(csvDir, "manifest.json")));
        using JsonDocument b = JsonDocument.Parse(File.ReadAllText(Path.Combine(xlsxDir, "manifest.json")));
        a.RootElement.GetProperty("counts").GetRawText().Should().Be(b.RootElement.GetProperty("counts").GetRawText());
        a.RootElement.GetProperty("counts").GetProperty("open_discrepancies_at_end").GetInt32().Should().Be(2);
        a.RootElement.GetProperty("counts").GetProperty("cases").GetInt32().Should().Be(3);
        a.RootElement.GetProperty("counts").GetProperty("history_events").GetInt32().Should().Be(7);
        a.RootElement.GetProperty("files").GetArrayLength().Should().Be(5);
    }

    [Fact]
    public void The_streamed_workbook_is_valid_open_xml()
    {
        Export("xlsx").Exit.Should().Be(0);

        using var doc = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(FilePath("xlsx"), false);
        var errors = new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(doc).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();

        errors.Should().BeEmpty();
    }

    [Fact]
    public void The_summary_shows_absolute_differences_beside_the_net()
    {
        Export("csv").Exit.Should().Be(0);

        string[] summary = File.ReadAllText(Path.Combine(_dir, "summary_2024-11-05_2024-11-07.csv")).Split("\r\n");
        summary[0].Should().EndWith(",unexplained_difference_net,unexplained_difference_abs");
        summary.Single(l => l.Contains("Period", StringComparison.Ordinal)).Should().EndWith(",12.34,12.34");
    }

    [Fact]
    public void Export_cases_writes_the_case_file_alone()
    {
        var cli = new CliHarness(Store(), Cases.Morning);
        int exit = cli.Export("cases", "--from", "2024-11-05", "--to", "2024-11-07", "--out", _dir);

        exit.Should().Be(0);
        Directory.GetFiles(_dir).Select(Path.GetFileName).Should().BeEquivalentTo("cases_2024-11-05_2024-11-07.csv", "history_2024-11-05_2024-11-07.csv", "manifest.json");
        cli.Out.Should().Contain("exported 3 case(s) listed in 2024-11-05 – 2024-11-07 with 7 history event(s)");
        File.ReadAllText(Path.Combine(_dir, "manifest.json")).Should().Contain("\"export\": \"cases\"");
    }

    private static int Column(IXLWorksheet sheet, string english) =>
        sheet.Row(2).CellsUsed().Single(c => c.GetString() == english).Address.ColumnNumber;

    /// <summary>A sheet cell as the CSV writes it: amounts with two decimals, dates ISO, whole numbers plain.</summary>
    private static string Csvish(IXLCell cell) => cell.DataType switch
    {
        XLDataType.Number => cell.GetDouble().ToString(cell.Style.NumberFormat.Format == "#,##0.00" ? "0.00" : "0", System.Globalization.CultureInfo.InvariantCulture),
        XLDataType.DateTime => cell.GetDateTime().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        _ => cell.GetString().Contains(',', StringComparison.Ordinal) ? cell.GetString().Replace(",", "<comma>", StringComparison.Ordinal) : cell.GetString(),
    };

    /// <summary>A CSV line with its quoted commas marked as <see cref="Csvish"/> marks them (the fixtures quote nothing else).</summary>
    private static string Unquote(string line)
    {
        var sb = new StringBuilder();
        bool quoted = false;
        foreach (char ch in line)
        {
            if (ch == '"')
            {
                quoted = !quoted;
            }
            else
            {
                sb.Append(ch == ',' && quoted ? "<comma>" : ch.ToString());
            }
        }
        return sb.ToString();
    }

    [Fact]
    public void Runs_sheet_lists_each_input_file_by_checksum()
    {
        Export("xlsx").Exit.Should().Be(0);

        using var workbook = new XLWorkbook(FilePath("xlsx"));
        IXLWorksheet runs = workbook.Worksheet(InventoryWorkbook.RunsSheet);

        runs.Cell(3, 1).GetString().Should().Be("R-5");
        runs.Cell(3, 6).GetString().Should().Be("inbox/2024-11-05/accounts.csv");
        runs.Cell(3, 7).GetString().Should().Be(new string('b', 64));
        runs.Cell(6, 1).GetString().Should().Be("R-7");
    }

    [Fact]
    public void Workbook_times_are_those_of_the_latest_run()
    {
        Export("xlsx").Exit.Should().Be(0);

        using var workbook = new XLWorkbook(FilePath("xlsx"));

        workbook.Properties.Modified.ToUniversalTime().Should().Be(new DateTime(2024, 11, 8, 1, 5, 0, DateTimeKind.Utc));
        workbook.Properties.Created.ToUniversalTime().Should().Be(new DateTime(2024, 11, 8, 1, 5, 0, DateTimeKind.Utc));
    }

    [Theory]
    [InlineData("--format", "pdf")]
    [InlineData("--colour", "red")]
    public void Bad_options_are_usage_errors(string option, string value)
    {
        var cli = new CliHarness(Store(), Cases.Morning);
        int exit = cli.Export("inventory", "--from", "2024-11-05", "--to", "2024-11-07", "--out", _dir, option, value);

        exit.Should().Be(2);
        Directory.Exists(_dir).Should().BeFalse();
    }

    [Fact]
    public void Period_ending_before_it_starts_is_refused()
    {
        var cli = new CliHarness(Store(), Cases.Morning);
        int exit = cli.Export("inventory", "--from", "2024-11-07", "--to", "2024-11-05", "--out", _dir);

        exit.Should().Be(2);
        cli.Error.Should().Contain("--to 2024-11-05 is before --from 2024-11-07");
    }
}
