using ClosedXML.Excel;
using Reconcile.Core.Model;

namespace Reconcile.Application.Export;

/// <summary>A column of an exported sheet: its Chinese and English header and what it holds.</summary>
public sealed record SheetColumn(string Chinese, string English, ColumnKind Kind = ColumnKind.Text);

public enum ColumnKind
{
    Text,
    Amount,
    Number,

    /// <summary>A business day: an Excel date shown yyyy-MM-dd in the sheet, ISO text in the CSV.</summary>
    Date,
}

/// <summary>
/// Writes one worksheet: two header rows (中文, then English), frozen, the English row carrying an autofilter; text
/// cells as text (account numbers keep their leading zeros), amounts as numbers shown #,##0.00, business days as Excel
/// dates shown yyyy-MM-dd, widths that fit the longest value.
/// </summary>
internal sealed class SheetWriter
{
    public const int HeaderRows = 2;
    public const string AmountFormat = "#,##0.00";
    public const string DateFormat = "yyyy-MM-dd";

    private const int MinWidth = 6;
    private const int MaxWidth = 60;

    private readonly IXLWorksheet _sheet;
    private readonly IReadOnlyList<SheetColumn> _columns;
    private readonly int[] _widths;

    public SheetWriter(XLWorkbook workbook, string name, IReadOnlyList<SheetColumn> columns)
    {
        _sheet = workbook.Worksheets.Add(name);
        _columns = columns;
        _widths = new int[columns.Count];
        for (int c = 0; c < columns.Count; c++)
        {
            Put(1, c + 1, columns[c].Chinese);
            Put(2, c + 1, columns[c].English);
        }
        IXLRange header = _sheet.Range(1, 1, HeaderRows, columns.Count);
        header.Style.Font.Bold = true;
        header.Style.Fill.BackgroundColor = XLColor.FromArgb(0xD9, 0xE1, 0xF2);
        _sheet.SheetView.FreezeRows(HeaderRows);
        Row = HeaderRows + 1;
    }

    /// <summary>The row being written (1-based).</summary>
    public int Row { get; private set; }

    public void Text(int column, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            Put(Row, column, value);
        }
    }

    public void Amount(int column, Money? value)
    {
        if (value is { } m)
        {
            _sheet.Cell(Row, column).Value = m.ToYuan();
            Measure(column, m.ToString());
        }
    }

    /// <summary>A cell of an <see cref="ExportRow"/>: text, amount, whole number, business day or nothing.</summary>
    public void Cell(int column, object? value)
    {
        switch (value)
        {
            case null:
                break;
            case string text:
                Text(column, text);
                break;
            case Money m:
                Amount(column, m);
                break;
            case long n:
                Number(column, n);
                break;
            case int n:
                Number(column, n);
                break;
            case NodaTime.LocalDate d:
                _sheet.Cell(Row, column).Value = d.ToDateTimeUnspecified();
                Measure(column, DateFormat);
                break;
            default:
                throw new ArgumentException($"an export cell cannot hold a {value.GetType().Name}", nameof(value));
        }
    }

    public void Number(int column, long value)
    {
        _sheet.Cell(Row, column).Value = value;
        Measure(column, value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Fills the current row across the sheet's columns.</summary>
    public void Highlight(XLColor colour) => _sheet.Range(Row, 1, Row, _columns.Count).Style.Fill.BackgroundColor = colour;

    public void Bold() => _sheet.Range(Row, 1, Row, _columns.Count).Style.Font.Bold = true;

    public void NextRow() => Row++;

    /// <summary>Applies the amount format to the data rows and sets each column's width.</summary>
    public void Finish()
    {
        int last = Math.Max(Row - 1, HeaderRows + 1);
        for (int c = 0; c < _columns.Count; c++)
        {
            if (_columns[c].Kind == ColumnKind.Amount)
            {
                _sheet.Range(HeaderRows + 1, c + 1, last, c + 1).Style.NumberFormat.Format = AmountFormat;
            }
            else if (_columns[c].Kind == ColumnKind.Date)
            {
                _sheet.Range(HeaderRows + 1, c + 1, last, c + 1).Style.NumberFormat.Format = DateFormat;
            }
            _sheet.Column(c + 1).Width = Math.Clamp(_widths[c] + 2, MinWidth, MaxWidth);
        }
        _sheet.Range(HeaderRows, 1, last, _columns.Count).SetAutoFilter();
    }

    private void Put(int row, int column, string value)
    {
        _sheet.Cell(row, column).SetValue(value);
        Measure(column, value);
    }

    private void Measure(int column, string text)
    {
        int width = DisplayWidth(text);
        if (width > _widths[column - 1])
        {
            _widths[column - 1] = width;
        }
    }

    /// <summary>Characters a cell needs: CJK and full-width characters take two.</summary>
    public static int DisplayWidth(string text)
    {
        int width = 0;
        foreach (char ch in text)
        {
            width += ch >= '\u2E80' ? 2 : 1;
        }
        return width;
    }
}
