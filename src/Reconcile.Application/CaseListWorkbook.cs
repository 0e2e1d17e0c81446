using ClosedXML.Excel;
using NodaTime.Text;
using Reconcile.Engine.Store;

namespace Reconcile.Application;

/// <summary>A case list as an XLSX sheet: the columns of <see cref="CaseListCsv"/>, amounts as numbers with two decimals.</summary>
public static class CaseListWorkbook
{
    public static byte[] Build(IReadOnlyList<CaseSummary> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var workbook = new XLWorkbook();
        IXLWorksheet sheet = workbook.Worksheets.Add("Discrepancies 差错");
        for (int c = 0; c < CaseListCsv.Columns.Length; c++)
        {
            sheet.Cell(1, c + 1).Value = CaseListCsv.Columns[c];
            sheet.Cell(1, c + 1).Style.Font.Bold = true;
        }
        int r = 2;
        foreach (CaseSummary s in rows)
        {
            object?[] values =
            [
                s.CaseId, s.Bank.ToString(), s.Type.ToString(), s.AccountNo, s.Category.ToString(), s.Direction?.ToString(),
                s.BankAmount?.Fen / 100m, s.LedgerAmount?.Fen / 100m, s.BankSerial, string.Join(';', s.LedgerEntryIds),
                LocalDatePattern.Iso.Format(s.FirstSeen), LocalDatePattern.Iso.Format(s.LastSeen), s.AgeDays, s.Status.ToString(), s.Assignee, s.Detail,
            ];
            for (int c = 0; c < values.Length; c++)
            {
                IXLCell cell = sheet.Cell(r, c + 1);
                switch (values[c])
                {
                    case null:
                        break;
                    case decimal d:
                        cell.Value = d;
                        cell.Style.NumberFormat.Format = "#,##0.00";
                        break;
                    case int i:
                        cell.Value = i;
                        break;
                    case string text:
                        cell.SetValue(text);
                        break;
                }
            }
            r++;
        }
        sheet.SheetView.FreezeRows(1);
        using var buffer = new MemoryStream();
        workbook.SaveAs(buffer);
        return buffer.ToArray();
    }
}
