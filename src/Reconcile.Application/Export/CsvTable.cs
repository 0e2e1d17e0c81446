using Reconcile.Core.Model;
using Reconcile.Engine.Outputs;

namespace Reconcile.Application.Export;

/// <summary>
/// An <see cref="ExportTable"/> as a CSV file in the dialect of the run's outputs (UTF-8 with BOM, CRLF, two decimals,
/// formula-injection guard): the English header row, then the rows. The accounts table is exactly inventory.csv.
/// </summary>
public static class CsvTable
{
    /// <summary>Writes the table to <paramref name="path"/>; returns the number of data rows.</summary>
    public static int Write(string path, ExportTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return OutputCsvWriter.WriteFile(path, w =>
        {
            w.WriteHeader(table.Columns.Select(c => c.English));
            foreach (ExportRow row in table.Rows)
            {
                foreach (object? cell in row.Cells)
                {
                    switch (cell)
                    {
                        case null:
                            w.Text((string?)null);
                            break;
                        case string text:
                            w.Text(text);
                            break;
                        case Money m:
                            w.Amount(m);
                            break;
                        case long n:
                            w.Text(n.ToString(System.Globalization.CultureInfo.InvariantCulture));
                            break;
                        case NodaTime.LocalDate d:
                            w.Date(d);
                            break;
                        default:
                            throw new ArgumentException($"an export cell cannot hold a {cell.GetType().Name}", nameof(table));
                    }
                }
                w.EndRecord();
            }
            return table.Rows.Count;
        }).Rows;
    }
}
