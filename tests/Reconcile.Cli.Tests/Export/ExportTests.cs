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
        var command = new ExportCommand(cli.Context());
        string[] args = ["--from", "2024-11-05", "--to", "2024-11-07", "--out", outDir ?? _dir, "--format", format, .. extra];
        int exit = cli.Run(() => command.InventoryAsync(new CommandLine(args)));
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
        unexplained.Style.NumberFormat.Format.Should().Be("0.00");
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
            InventoryWorkbook.SummarySheet, InventoryWorkbook.AccountsSheet, InventoryWorkbook.OpenSheet, InventoryWorkbook.HistorySheet, InventoryWorkbook.RunsSheet);
        string Row(int r) => string.Join("|", Enumerable.Range(1, 16).Select(c => Shown(sheet.Cell(r, c))));

        sheet.SheetView.SplitRow.Should().Be(2);
        Row(3).Should().Be("2024-11-05|CEB|SECOND_HAND|1|1|0|0|300000.00|250020.00|12049980.00|12049880.00|0.00|0.00|100.00|0.00|0.00");
        Row(4).Should().Be("2024-11-05|PAB|RENOVATION|1|0|1|0|12.34|50000.00|24950012.34|24950000.00|0.00|0.00|0.00|0.00|12.34");
        Row(5).Should().Be("2024-11-05|合计 / Total||2|1|1|0|300012.34|300020.00|36999992.34|36999880.00|0.00|0.00|100.00|0.00|12.34");
        Row(6).Should().Be("2024-11-06|无运行 / no run||||||||||||||");
        Row(8).Should().StartWith("2024-11-07|PAB|RENOVATION|1|0|0|1||||24950000.00|");
        Row(10).Should().StartWith("2024-11-05 – 2024-11-07|期间合计 / Period||4|2|1|1|600012.34|550040.00||");
        sheet.Cell(12, 1).GetString().Should().Be("无运行的日期 / Days without a run");
        sheet.Cell(12, 2).GetString().Should().Be("2024-11-06");
        sheet.Cell(4, 1).Style.Fill.BackgroundColor.Color.ToArgb().Should().Be(InventoryWorkbook.Unbalanced.Color.ToArgb());
        sheet.Cell(6, 1).Style.Fill.BackgroundColor.Color.ToArgb().Should().Be(InventoryWorkbook.Missing.Color.ToArgb());
    }

    /// <summary>A cell as a reader sees it: numbers through their number format (0.00 or whole).</summary>
    private static string Shown(IXLCell cell) => cell.DataType != XLDataType.Number
        ? cell.GetString()
        : cell.GetDouble().ToString(cell.Style.NumberFormat.Format == "0.00" ? "0.00" : "0", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Open_discrepancies_at_the_end_come_with_their_history_up_to_then()
    {
        Export("xlsx").Exit.Should().Be(0);

        using var workbook = new XLWorkbook(FilePath("xlsx"));
        IXLWorksheet open = workbook.Worksheet(InventoryWorkbook.OpenSheet);
        IXLWorksheet history = workbook.Worksheet(InventoryWorkbook.HistorySheet);

        open.Column(1).CellsUsed().Skip(2).Select(c => c.GetString()).Should().Equal("D-open", "D-late");
        open.Cell(3, 15).GetString().Should().Be("OPEN");
        open.Cell(3, 16).GetString().Should().Be("wang");
        open.Cell(3, 14).GetDouble().Should().Be(2, "age at the period's last day");
        open.Cell(4, 15).GetString().Should().Be("OPEN", "it was resolved after the period");
        open.Cell(4, 8).GetDouble().Should().Be(70);
        open.Cell(4, 8).Style.NumberFormat.Format.Should().Be("0.00");
        history.Column(4).CellsUsed().Skip(2).Select(c => c.GetString()).Should().Equal("RAISED", "ASSIGNED", "SEEN_AGAIN", "RAISED");
        history.Cell(3, 2).GetString().Should().Be("2024-11-06 09:00:00");
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
        var command = new ExportCommand(cli.Context());

        int exit = cli.Run(() => command.InventoryAsync(new CommandLine(["--from", "2024-11-05", "--to", "2024-11-07", "--out", _dir, option, value])));

        exit.Should().Be(2);
        Directory.Exists(_dir).Should().BeFalse();
    }

    [Fact]
    public void Period_ending_before_it_starts_is_refused()
    {
        var cli = new CliHarness(Store(), Cases.Morning);
        var command = new ExportCommand(cli.Context());

        int exit = cli.Run(() => command.InventoryAsync(new CommandLine(["--from", "2024-11-07", "--to", "2024-11-05", "--out", _dir])));

        exit.Should().Be(2);
        cli.Error.Should().Contain("--to 2024-11-05 is before --from 2024-11-07");
    }
}
