using System.Globalization;
using CsvHelper;
using NodaTime;
using NodaTime.Text;
using Reconcile.Core.Model;

namespace Reconcile.Engine.Outputs;

/// <summary>
/// The dialect of every CSV that <c>run</c> writes (CONTRACT.md): UTF-8 with a byte order mark, comma-separated,
/// RFC 4180 quoting, records ending with CRLF (what Excel writes and RFC 4180 specifies), amounts in yuan with
/// exactly two decimals, dates yyyy-MM-dd. A text cell that starts with = + - @ tab or CR is written with a
/// leading ' (and therefore quoted): CsvHelper's injection guard applies to text only, and amounts are written
/// as numbers, so "-12.30" stays a number. <c>run</c> writes its files with <see cref="OutputCsvWriter"/>, which writes
/// the same bytes as a CsvHelper writer with <see cref="Options"/> and these cell methods.
/// </summary>
public static class OutputCsv
{
    /// <summary>The characters that make a text cell a possible spreadsheet formula.</summary>
    public const string InjectionCharacters = "=+-@\t\r";

    public static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
    {
        WriteByteOrderMark = true,
        NewLine = "\r\n",
        Separator = ',',
        Injection = CsvInjection.Escape,
        InjectionCharacters = InjectionCharacters,
        InjectionEscape = '\'',
        FormatProvider = CultureInfo.InvariantCulture,
    };

    /// <summary>A text cell; null is an empty cell. Guarded against formula injection.</summary>
    public static void Text(this CsvWriter writer, string? value) => writer.WriteField(value);

    /// <summary>An amount in yuan with exactly two decimals (as <see cref="Money.ToString"/>); null is an empty cell. Not guarded: it is a number.</summary>
    public static void Amount(this CsvWriter writer, Money? value)
    {
        if (value is { } m)
        {
            writer.WriteField(m.ToYuan(), "0.00");
        }
        else
        {
            writer.WriteField((string?)null);
        }
    }

    public static void Date(this CsvWriter writer, LocalDate value) => writer.WriteField(LocalDatePattern.Iso.Format(value));

    public static void Number(this CsvWriter writer, int value) => writer.WriteField(value, "");
}
