using System.Globalization;
using DocumentFormat.OpenXml;
using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml.Spreadsheet;
using NodaTime;
using Reconcile.Core.Model;

namespace Reconcile.Application.Export;

/// <summary>
/// Writes an export's tables as an XLSX workbook by streaming each sheet's SpreadsheetML straight into the zip: no
/// cell objects are held and the data is compressed once, so 100,000 cases with their history take seconds, not the
/// ~45 s ClosedXML's in-memory model needs (bench/: `dotnet run -c Release -- xlsx`). The parts are written in a
/// fixed order with fixed ids and times, so the same tables give the same bytes. The sheets look as <see cref="SheetWriter"/> made
/// them: two frozen header rows (中文, English) with an autofilter on the English one, inline-string text (account
/// numbers keep their zeros), amounts as numbers shown #,##0.00, business days as dates shown yyyy-MM-dd, marked rows
/// filled, totals bold, widths that fit the longest value.
/// </summary>
public static class StreamingWorkbook
{
    private const uint AmountFormatId = 164;
    private const uint DateFormatId = 165;

    // Cell formats: 0 default; 1 + kind*6 + fill*2 + bold for the data cells; the header last.
    private const int Kinds = 4;
    private const uint HeaderStyle = 1 + Kinds * 6;

    private static readonly DateTime s_excelEpoch = new(1899, 12, 30, 0, 0, 0, DateTimeKind.Unspecified);

    public static byte[] Build(InventoryPeriod period, IReadOnlyList<ExportTable> tables)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(tables);
        DateTime stamp = InventoryWorkbook.Stamp(period);
        string title = $"资金盘点 Fund inventory {Iso(period.From)} – {Iso(period.To)}";
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Part(zip, "[Content_Types].xml", ContentTypes(tables.Count));
            Part(zip, "_rels/.rels",
                Xml + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rIdPkg1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"/xl/workbook.xml\"/>"
                + "<Relationship Id=\"rIdPkg2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"/docProps/core.xml\"/>"
                + "</Relationships>");
            string at = stamp.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            Part(zip, "docProps/core.xml",
                Xml + "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
                + "xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
                + $"<dc:title>{Escape(title)}</dc:title><dc:creator>reconcile</dc:creator>"
                + $"<dcterms:created xsi:type=\"dcterms:W3CDTF\">{at}</dcterms:created><dcterms:modified xsi:type=\"dcterms:W3CDTF\">{at}</dcterms:modified>"
                + "</cp:coreProperties>");
            Part(zip, "xl/workbook.xml", WorkbookXml(tables));
            var rels = new StringBuilder(Xml + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
            rels.Append("<Relationship Id=\"rIdStyles\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>");
            for (int i = 0; i < tables.Count; i++)
            {
                rels.Append(CultureInfo.InvariantCulture, $"<Relationship Id=\"rIdSheet{i + 1}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet{i + 1}.xml\"/>");
            }
            Part(zip, "xl/_rels/workbook.xml.rels", rels.Append("</Relationships>").ToString());
            Part(zip, "xl/styles.xml", Xml + Styles().OuterXml);
            for (int i = 0; i < tables.Count; i++)
            {
                ZipArchiveEntry entry = zip.CreateEntry($"xl/worksheets/sheet{i + 1}.xml", CompressionLevel.Fastest);
                entry.LastWriteTime = DeterministicZip.EntryTime;
                using var w = new StreamWriter(entry.Open(), new UTF8Encoding(false), 1 << 16);
                WriteSheet(w, tables[i], i == 0);
            }
        }
        return buffer.ToArray();
    }

    private const string Xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n";

    private static void Part(ZipArchive zip, string name, string content)
    {
        ZipArchiveEntry entry = zip.CreateEntry(name, CompressionLevel.Fastest);
        entry.LastWriteTime = DeterministicZip.EntryTime;
        using Stream s = entry.Open();
        s.Write(Encoding.UTF8.GetBytes(content));
    }

    private static string ContentTypes(int sheets)
    {
        var sb = new StringBuilder(Xml + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">");
        sb.Append("<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>");
        sb.Append("<Default Extension=\"xml\" ContentType=\"application/xml\"/>");
        sb.Append("<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>");
        sb.Append("<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>");
        sb.Append("<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>");
        for (int i = 1; i <= sheets; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<Override PartName=\"/xl/worksheets/sheet{i}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>");
        }
        return sb.Append("</Types>").ToString();
    }

    private static string WorkbookXml(IReadOnlyList<ExportTable> tables)
    {
        var sb = new StringBuilder(Xml + "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>");
        for (int i = 0; i < tables.Count; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<sheet name=\"{Escape(tables[i].Sheet)}\" sheetId=\"{i + 1}\" r:id=\"rIdSheet{i + 1}\"/>");
        }
        sb.Append("</sheets><definedNames>");
        for (int i = 0; i < tables.Count; i++)
        {
            string sheet = tables[i].Sheet.Replace("'", "''", StringComparison.Ordinal);
            sb.Append(CultureInfo.InvariantCulture, $"<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"{i}\" hidden=\"1\">{Escape($"'{sheet}'!{Absolute(FilterRange(tables[i]))}")}</definedName>");
        }
        return sb.Append("</definedNames></workbook>").ToString();
    }

    /// <summary>The autofilter's range: the English header row to the last row.</summary>
    private static string FilterRange(ExportTable table) =>
        $"A{SheetWriter.HeaderRows}:{ColumnName(table.Columns.Count)}{SheetWriter.HeaderRows + Math.Max(1, table.Rows.Count)}";

    private static void WriteSheet(StreamWriter w, ExportTable table, bool first)
    {
        int columns = table.Columns.Count;
        double[] widths = Widths(table);
        string[] names = Enumerable.Range(1, columns).Select(ColumnName).ToArray();
        w.Write(Xml);
        w.Write("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">");
        w.Write($"<sheetViews><sheetView{(first ? " tabSelected=\"1\"" : "")} workbookViewId=\"0\"><pane ySplit=\"{SheetWriter.HeaderRows}\" topLeftCell=\"A{SheetWriter.HeaderRows + 1}\" activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews>");
        w.Write("<cols>");
        for (int c = 0; c < columns; c++)
        {
            w.Write(string.Create(CultureInfo.InvariantCulture, $"<col min=\"{c + 1}\" max=\"{c + 1}\" width=\"{widths[c]}\" customWidth=\"1\"/>"));
        }
        w.Write("</cols><sheetData>");
        string header = HeaderStyle.ToString(CultureInfo.InvariantCulture);
        for (int h = 1; h <= SheetWriter.HeaderRows; h++)
        {
            w.Write($"<row r=\"{h}\">");
            for (int c = 0; c < columns; c++)
            {
                InlineString(w, names[c], h, header, h == 1 ? table.Columns[c].Chinese : table.Columns[c].English);
            }
            w.Write("</row>");
        }
        int rowIndex = SheetWriter.HeaderRows;
        Span<char> number = stackalloc char[32];
        foreach (ExportRow row in table.Rows)
        {
            rowIndex++;
            int fill = row.Mark switch { RowMark.Unbalanced => 1, RowMark.Missing => 2, _ => 0 };
            int bold = row.Mark == RowMark.Total || (row.Mark == RowMark.Unbalanced && row.Cells.Length > 1 && row.Cells[1] is "合计 / Total") ? 1 : 0;
            w.Write("<row r=\"");
            w.Write(rowIndex);
            w.Write("\">");
            for (int c = 0; c < columns; c++)
            {
                object? value = c < row.Cells.Length ? row.Cells[c] : null;
                string style = s_styleNames[1 + Kind(table.Columns[c].Kind) * 6 + fill * 2 + bold];
                switch (value)
                {
                    case null:
                    case string { Length: 0 }:
                        if (fill != 0 || bold != 0)
                        {
                            w.Write("<c r=\"");
                            Reference(w, names[c], rowIndex);
                            w.Write("\" s=\"");
                            w.Write(style);
                            w.Write("\"/>");
                        }
                        break;
                    case string text:
                        InlineString(w, names[c], rowIndex, style, text);
                        break;
                    case Money m:
                        NumberCell(w, names[c], rowIndex, style, m.ToString());
                        break;
                    case long n:
                        n.TryFormat(number, out int written, default, CultureInfo.InvariantCulture);
                        NumberCell(w, names[c], rowIndex, style, number[..written]);
                        break;
                    case int n:
                        n.TryFormat(number, out int written2, default, CultureInfo.InvariantCulture);
                        NumberCell(w, names[c], rowIndex, style, number[..written2]);
                        break;
                    case LocalDate d:
                        int serial = (d.ToDateTimeUnspecified() - s_excelEpoch).Days;
                        serial.TryFormat(number, out int written3, default, CultureInfo.InvariantCulture);
                        NumberCell(w, names[c], rowIndex, style, number[..written3]);
                        break;
                    default:
                        throw new ArgumentException($"an export cell cannot hold a {value.GetType().Name}", nameof(table));
                }
            }
            w.Write("</row>");
        }
        w.Write("</sheetData><autoFilter ref=\"");
        w.Write(FilterRange(table));
        w.Write("\"/></worksheet>");
    }

    private static readonly string[] s_styleNames = Enumerable.Range(0, (int)HeaderStyle + 1).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();

    private static void Reference(StreamWriter w, string column, int row)
    {
        w.Write(column);
        w.Write(row);
    }

    private static void InlineString(StreamWriter w, string column, int row, string style, string text)
    {
        w.Write("<c r=\"");
        Reference(w, column, row);
        w.Write("\" s=\"");
        w.Write(style);
        w.Write("\" t=\"inlineStr\"><is><t xml:space=\"preserve\">");
        WriteEscaped(w, text);
        w.Write("</t></is></c>");
    }

    private static void NumberCell(StreamWriter w, string column, int row, string style, ReadOnlySpan<char> value)
    {
        w.Write("<c r=\"");
        Reference(w, column, row);
        w.Write("\" s=\"");
        w.Write(style);
        w.Write("\"><v>");
        w.Write(value);
        w.Write("</v></c>");
    }

    /// <summary>XML text: &amp; &lt; &gt; escaped, characters XML 1.0 cannot hold dropped.</summary>
    private static void WriteEscaped(StreamWriter w, string text)
    {
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char ch = text[i];
            string? replacement = ch switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                _ when ch < 0x20 && ch is not ('\t' or '\n' or '\r') => "",
                '\uFFFE' or '\uFFFF' => "",
                _ => null,
            };
            if (replacement is null)
            {
                continue;
            }
            w.Write(text.AsSpan(start, i - start));
            w.Write(replacement);
            start = i + 1;
        }
        w.Write(text.AsSpan(start));
    }

    private static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (char ch in text)
        {
            sb.Append(ch switch { '&' => "&amp;", '<' => "&lt;", '>' => "&gt;", '"' => "&quot;", _ => ch.ToString() });
        }
        return sb.ToString();
    }

    private static double[] Widths(ExportTable table)
    {
        int[] chars = table.Columns.Select(c => Math.Max(SheetWriter.DisplayWidth(c.Chinese), SheetWriter.DisplayWidth(c.English))).ToArray();
        foreach (ExportRow row in table.Rows)
        {
            for (int c = 0; c < row.Cells.Length && c < chars.Length; c++)
            {
                int width = row.Cells[c] switch
                {
                    string s => SheetWriter.DisplayWidth(s),
                    Money m => m.ToString().Length + m.ToString().Length / 4,
                    long n => n.ToString(CultureInfo.InvariantCulture).Length,
                    LocalDate => 10,
                    _ => 0,
                };
                chars[c] = Math.Max(chars[c], width);
            }
        }
        return chars.Select(n => (double)Math.Clamp(n + 2, 6, 60)).ToArray();
    }

    private static int Kind(ColumnKind kind) => kind switch
    {
        ColumnKind.Amount => 1,
        ColumnKind.Number => 2,
        ColumnKind.Date => 3,
        _ => 0,
    };

    private static Stylesheet Styles()
    {
        var fonts = new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" }));
        var fills = new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            Solid("FFFFC7CE"),
            Solid("FFFFEB9C"),
            Solid("FFD9E1F2"));
        var borders = new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()));
        var formats = new NumberingFormats(
            new NumberingFormat { NumberFormatId = AmountFormatId, FormatCode = SheetWriter.AmountFormat },
            new NumberingFormat { NumberFormatId = DateFormatId, FormatCode = SheetWriter.DateFormat });
        var xfs = new CellFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 });
        uint[] numberFormats = [49, AmountFormatId, 0, DateFormatId];
        for (int kind = 0; kind < Kinds; kind++)
        {
            for (int fill = 0; fill < 3; fill++)
            {
                for (int bold = 0; bold < 2; bold++)
                {
                    xfs.Append(new CellFormat
                    {
                        NumberFormatId = numberFormats[kind],
                        FontId = (uint)bold,
                        FillId = fill == 0 ? 0u : (uint)(fill + 1),
                        BorderId = 0,
                        ApplyNumberFormat = true,
                        ApplyFont = bold == 1,
                        ApplyFill = fill != 0,
                    });
                }
            }
        }
        xfs.Append(new CellFormat { NumberFormatId = 49, FontId = 1, FillId = 4, BorderId = 0, ApplyFont = true, ApplyFill = true, ApplyNumberFormat = true });
        return new Stylesheet(formats, fonts, fills, borders, new CellStyleFormats(new CellFormat()), xfs);
    }

    private static Fill Solid(string argb) => new(new PatternFill(new ForegroundColor { Rgb = argb }, new BackgroundColor { Indexed = 64 }) { PatternType = PatternValues.Solid });

    private static string ColumnName(int index)
    {
        string name = "";
        for (int n = index; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }
        return name;
    }

    private static string Absolute(string range) =>
        string.Join(':', range.Split(':').Select(a => "$" + new string(a.TakeWhile(char.IsLetter).ToArray()) + "$" + new string(a.SkipWhile(char.IsLetter).ToArray())));

    private static string Iso(LocalDate d) => NodaTime.Text.LocalDatePattern.Iso.Format(d);
}
