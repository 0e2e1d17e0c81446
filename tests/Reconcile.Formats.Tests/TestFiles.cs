using System.Text;
using Reconcile.Core.Model;
using NodaTime;

namespace Reconcile.Formats.Tests;

public enum TextEncoding
{
    Utf8,
    Utf8Bom,
    Gb18030,
}

public enum LineEnd
{
    Lf,
    CrLf,
}

/// <summary>Noise a forgiving reader must ignore.</summary>
public enum Noise
{
    None,
    TrailingBlankLines,
    SpacesAroundFields,
}

/// <summary>A temporary folder for input files, deleted with the test.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "reconcile-formats-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>Writes <paramref name="text"/> (LF line ends) as the given encoding, line ends and noise.</summary>
    public string Write(string name, string text, TextEncoding encoding = TextEncoding.Utf8, LineEnd lineEnd = LineEnd.Lf, Noise noise = Noise.None)
    {
        text = noise switch
        {
            Noise.TrailingBlankLines => text + "\n\n   \n,,,,\n\n",
            Noise.SpacesAroundFields => PadFields(text),
            _ => text,
        };
        if (lineEnd == LineEnd.CrLf)
        {
            text = text.Replace("\n", "\r\n", StringComparison.Ordinal);
        }
        byte[] bytes = encoding switch
        {
            TextEncoding.Utf8 => Encoding.UTF8.GetBytes(text),
            TextEncoding.Utf8Bom => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)],
            _ => InputEncoding.Gb18030.GetBytes(text),
        };
        string path = System.IO.Path.Combine(Path, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Puts spaces around every field (outside quotes): " a , \"1,000.00\" , b ".</summary>
    private static string PadFields(string text)
    {
        var sb = new StringBuilder();
        foreach (string line in text.Split('\n'))
        {
            if (line.Length == 0)
            {
                sb.Append('\n');
                continue;
            }
            bool quoted = false;
            sb.Append(' ');
            foreach (char c in line)
            {
                if (c == '"')
                {
                    quoted = !quoted;
                }
                sb.Append(c == ',' && !quoted ? " , " : c.ToString());
            }
            sb.Append(" \n");
        }
        return sb.ToString(0, sb.Length - 1);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }
}

internal static class TestRegistry
{
    public static readonly AccountRegistry Default = new(
    [
        Account("38450188000123456", Bank.CEB, EscrowType.SECOND_HAND),
        Account("8110701234500000", Bank.CITIC, EscrowType.RENOVATION),
        Account("15000000000001", Bank.PAB, EscrowType.SECOND_HAND),
    ]);

    public static EscrowAccount Account(string accountNo, Bank bank, EscrowType type) =>
        new(accountNo, bank, type, "北京", "某某监管专户", new LocalDate(2021, 3, 1), new SourceRef("accounts.csv", 2));
}

/// <summary>What a statement reader streamed and returned.</summary>
internal sealed record StatementRead(StatementSummary Summary, IReadOnlyList<BankLine> Lines)
{
    public static StatementRead From(string path, AccountRegistry? registry = null)
    {
        var lines = new List<BankLine>();
        StatementSummary summary = StatementReader.Read(path, registry ?? TestRegistry.Default, lines.Add);
        return new StatementRead(summary, lines);
    }
}

internal static class Variants
{
    private static readonly LineEnd[] LineEnds = [LineEnd.Lf, LineEnd.CrLf];
    private static readonly Noise[] Noises = [Noise.None, Noise.TrailingBlankLines, Noise.SpacesAroundFields];

    /// <summary>Every encoding, line end and noise (the GBK banks: CEB, CITIC).</summary>
    public static TheoryData<TextEncoding, LineEnd, Noise> AllEncodings() =>
        Build([TextEncoding.Utf8, TextEncoding.Utf8Bom, TextEncoding.Gb18030]);

    /// <summary>UTF-8 with and without BOM, every line end and noise (PAB and the internal exports).</summary>
    public static TheoryData<TextEncoding, LineEnd, Noise> Utf8() => Build([TextEncoding.Utf8, TextEncoding.Utf8Bom]);

    private static TheoryData<TextEncoding, LineEnd, Noise> Build(TextEncoding[] encodings)
    {
        var data = new TheoryData<TextEncoding, LineEnd, Noise>();
        foreach (TextEncoding encoding in encodings)
        {
            foreach (LineEnd lineEnd in LineEnds)
            {
                foreach (Noise noise in Noises)
                {
                    data.Add(encoding, lineEnd, noise);
                }
            }
        }
        return data;
    }
}

internal static class InputErrorAssertions
{
    /// <summary>Asserts an InputException at file, line and column, and returns it for message checks.</summary>
    public static InputException ShouldFailAt(this Action act, string file, int line, string? column)
    {
        InputException e = act.Should().Throw<InputException>().Which;
        e.File.Should().Be(file);
        e.Line.Should().Be(line);
        e.Column.Should().Be(column);
        return e;
    }
}

internal static class TextEdits
{
    /// <summary>Replaces the single occurrence of <paramref name="old"/> (fails the test if it is not there exactly once).</summary>
    public static string With(this string text, string old, string @new)
    {
        int at = text.IndexOf(old, StringComparison.Ordinal);
        if (at < 0 || text.IndexOf(old, at + 1, StringComparison.Ordinal) >= 0)
        {
            throw new ArgumentException($"'{old}' is not in the example exactly once", nameof(old));
        }
        return string.Concat(text.AsSpan(0, at), @new, text.AsSpan(at + old.Length));
    }
}
