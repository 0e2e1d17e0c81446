using ClosedXML.Excel;
using NodaTime;
using NodaTime.Text;

namespace Reconcile.Application.Export;

/// <summary>
/// An export as an XLSX workbook (ClosedXML): one sheet per <see cref="ExportTable"/>, two header rows (中文, English),
/// frozen, with an autofilter; amounts are numbers shown <c>#,##0.00</c>, business days Excel dates shown
/// <c>yyyy-MM-dd</c>, account numbers text. The same tables give the same bytes (see <see cref="DeterministicZip"/>).
/// </summary>
public static class InventoryWorkbook
{
    public const string SummarySheet = ExportTables.SummarySheet;
    public const string AccountsSheet = ExportTables.AccountsSheet;
    public const string CasesSheet = ExportTables.CasesSheet;
    public const string HistorySheet = ExportTables.HistorySheet;
    public const string RunsSheet = ExportTables.RunsSheet;

    /// <summary>Rows that do not balance.</summary>
    public static readonly XLColor Unbalanced = XLColor.FromArgb(0xFF, 0xC7, 0xCE);

    /// <summary>Missing statements and days without a run.</summary>
    public static readonly XLColor Missing = XLColor.FromArgb(0xFF, 0xEB, 0x9C);

    /// <summary>The workbook of <c>export inventory</c>.</summary>
    public static byte[] Build(InventoryPeriod period) => Build(period, ExportTables.Inventory(period));

    /// <summary>The workbook of the given tables, deterministic for the same period and tables (streamed: <see cref="StreamingWorkbook"/>).</summary>
    public static byte[] Build(InventoryPeriod period, IReadOnlyList<ExportTable> tables) => StreamingWorkbook.Build(period, tables);

    /// <summary>The same workbook through ClosedXML's in-memory model: the baseline of bench/ XlsxBenchmarks.</summary>
    public static byte[] BuildWithClosedXml(InventoryPeriod period, IReadOnlyList<ExportTable> tables)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(tables);
        using var workbook = new XLWorkbook();
        DateTime stamp = Stamp(period);
        workbook.Properties.Created = stamp;
        workbook.Properties.Modified = stamp;
        workbook.Properties.Author = "reconcile";
        workbook.Properties.Title = $"资金盘点 Fund inventory {Iso(period.From)} – {Iso(period.To)}";
        foreach (ExportTable table in tables)
        {
            Write(workbook, table);
        }
        using var buffer = new MemoryStream();
        workbook.SaveAs(buffer);
        return DeterministicZip.Normalize(buffer.ToArray());
    }

    /// <summary>The workbook's created/modified time: when the latest run of the period finished (else the period's last day).</summary>
    public static DateTime Stamp(InventoryPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        Instant at = period.Runs.Count > 0
            ? period.Runs.Max(r => r.FinishedAt)
            : period.To.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant();
        return at.ToDateTimeUtc();
    }

    private static void Write(XLWorkbook workbook, ExportTable table)
    {
        var w = new SheetWriter(workbook, table.Sheet, table.Columns);
        foreach (ExportRow row in table.Rows)
        {
            for (int c = 0; c < row.Cells.Length; c++)
            {
                w.Cell(c + 1, row.Cells[c]);
            }
            switch (row.Mark)
            {
                case RowMark.Unbalanced:
                    w.Highlight(Unbalanced);
                    break;
                case RowMark.Missing:
                    w.Highlight(Missing);
                    break;
            }
            if (row.Mark == RowMark.Total || (row.Mark == RowMark.Unbalanced && table.Sheet == SummarySheet && row.Cells[1] is "合计 / Total"))
            {
                w.Bold();
            }
            w.NextRow();
        }
        w.Finish();
    }

    private static string Iso(LocalDate d) => LocalDatePattern.Iso.Format(d);
}
