using NodaTime;
using Reconcile.Core.Model;

namespace Reconcile.Application.Export;

/// <summary>How a row stands out in a sheet (the CSV carries the same rows, unmarked).</summary>
public enum RowMark
{
    None,
    Unbalanced,
    Missing,
    Total,
}

/// <summary>
/// One row of an exported table: each cell a <see cref="string"/>, <see cref="Money"/>, <see cref="long"/>,
/// <see cref="LocalDate"/> or null (empty), in the order of the table's columns.
/// </summary>
public sealed record ExportRow(object?[] Cells, RowMark Mark = RowMark.None);

/// <summary>
/// One table of an export, rendered the same as a CSV file (<see cref="CsvTable"/>) and as an XLSX sheet
/// (<see cref="InventoryWorkbook"/>): one content, two renderings.
/// </summary>
/// <param name="Key">The CSV file's stem (<c>cases</c> → <c>cases_F_T.csv</c>).</param>
/// <param name="Sheet">The sheet's name.</param>
public sealed record ExportTable(string Key, string Sheet, IReadOnlyList<SheetColumn> Columns, IReadOnlyList<ExportRow> Rows)
{
    public string FileName(LocalDate from, LocalDate to) =>
        $"{Key}_{NodaTime.Text.LocalDatePattern.Iso.Format(from)}_{NodaTime.Text.LocalDatePattern.Iso.Format(to)}.csv";
}
