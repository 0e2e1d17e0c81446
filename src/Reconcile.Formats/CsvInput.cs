using System.Text;
using CsvHelper;
using Reconcile.Core.Model;

namespace Reconcile.Formats;

/// <summary>
/// One input file opened for reading: its encoding detected, a CsvHelper reader over it with line numbers,
/// blank records skipped, and the field accessors and error builders the readers share. Fields are read as
/// UTF-8 spans; strings are only made for the fields that end up in a record.
/// </summary>
internal sealed class CsvInput : IDisposable
{
    private const int MaxRecordBytes = 1024 * 1024;

    private readonly CsvReader _reader;
    private readonly int _lineOffset;

    private CsvInput(string file, string? name, CsvReader reader, Encoding? encoding, int lineOffset, TextPool? pool)
    {
        File = file;
        Name = name ?? file;
        _reader = reader;
        Encoding = encoding;
        _lineOffset = lineOffset;
        Pool = pool ?? new TextPool();
    }

    /// <summary>The encoding the file was found in; null for UTF-8 (with or without a byte order mark).</summary>
    public Encoding? Encoding { get; }

    /// <summary>Where a file read as GB18030 stops being valid UTF-8 (line, byte offset); null for a UTF-8 file or a range.</summary>
    public (int Line, long Offset)? NotUtf8 { get; private init; }

    /// <summary>The file ends with a line feed (false: its last line may be cut short); true for a range.</summary>
    public bool EndsWithLineEnd { get; private init; } = true;

    /// <summary>The file's path as given (what messages name).</summary>
    public string File { get; }

    /// <summary>
    /// What <see cref="SourceRef"/>s name the file by, which end up in output cells: the caller's name for it (the
    /// run's inbox-relative path, so outputs do not depend on where the inbox is), else <see cref="File"/>.
    /// </summary>
    public string Name { get; }

    /// <summary>1-based physical line where the current record starts.</summary>
    public int Line { get; private set; }

    public int FieldCount => _reader.FieldCount;

    public SourceRef Source => new(Name, Line);

    /// <summary>
    /// Opens <paramref name="path"/>. Bank statements are read with one record per physical line
    /// (<paramref name="recordPerLine"/>), so a stray quote in a memo cannot swallow the lines after it.
    /// <paramref name="name"/>: what <see cref="Source"/> names the file by (default: <paramref name="path"/>).
    /// </summary>
    /// <remarks>
    /// Before any field is read the whole file is scanned (<see cref="InputScan"/>): mixed or lone-CR line ends, a quote
    /// never closed, a byte order mark inside the file and bytes that are not UTF-8 are input errors naming the line.
    /// <paramref name="allowGb18030"/>: the file may be GB18030 (the CEB and CITIC statement layouts); otherwise it must be
    /// UTF-8. <paramref name="strict"/> false only decides the encoding (recognising what a file is).
    /// </remarks>
    public static CsvInput Open(string path, bool recordPerLine, TextPool? pool = null, string? name = null, bool allowGb18030 = false, bool strict = true)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InputException(path, 0, null, "found no such file, expected an input file at this path");
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new InputException(path, 0, null, $"cannot open the file ({e.Message})");
        }
        try
        {
            InputScan scan = InputScan.Run(stream, path, recordPerLine, allowGb18030, strict);
            Encoding? encoding = scan.Encoding;
            return new CsvInput(path, name, CsvReader.Create(stream, Options(encoding, recordPerLine), false), encoding, 0, pool)
            {
                NotUtf8 = scan.NotUtf8,
                EndsWithLineEnd = scan.EndsWithLineEnd,
            };
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens the records in bytes [<paramref name="start"/>, <paramref name="end"/>) of a file whose encoding is
    /// known (<see cref="RecordBoundaries"/> finds such ranges); <paramref name="firstLine"/> is the physical line
    /// the range starts on, so that <see cref="Line"/> and errors name the file's own lines.
    /// </summary>
    public static CsvInput OpenRange(string path, Encoding? encoding, long start, long end, int firstLine, bool recordPerLine, TextPool? pool = null, string? name = null)
    {
        var stream = new FileRangeStream(path, start, end);
        try
        {
            return new CsvInput(path, name, CsvReader.Create(stream, Options(encoding, recordPerLine), false), encoding, firstLine - 1, pool);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    private static CsvReaderOptions Options(Encoding? encoding, bool recordPerLine) =>
        CsvReaderOptions.Default with
        {
            Separator = ',',
            HasHeader = false,
            TrackLineNumbers = true,
            TrimWhitespace = true,
            TrimInsideQuotes = true,
            SkipEmptyLines = true,
            DetectSeparatorHint = false,
            AllowLineBreaksInQuotes = !recordPerLine,
            MaxRecordSize = MaxRecordBytes,
            PoolStrings = true,
            Encoding = encoding,
        };

    /// <summary>
    /// Moves to the next record that has something in it: empty lines, lines of spaces and lines of bare
    /// separators (",,,,") are noise and skipped. False at the end of the file.
    /// </summary>
    public bool ReadRecord()
    {
        try
        {
            while (_reader.Read())
            {
                if (!IsBlank())
                {
                    Line = checked((int)_reader.LineNumber + _lineOffset);
                    return true;
                }
            }
            return false;
        }
        catch (CsvFormatException e)
        {
            throw new InputException(File, checked((int)e.LineNumber + _lineOffset), null, $"found malformed CSV ({e.Message}), expected comma-separated fields");
        }
    }

    private bool IsBlank()
    {
        for (int i = 0; i < _reader.FieldCount; i++)
        {
            if (!_reader.IsEmpty(i))
            {
                return false;
            }
        }
        return true;
    }

    public ReadOnlySpan<byte> Span(int index) => _reader.GetSpan(index);

    public bool IsEmpty(int index) => _reader.IsEmpty(index);

    /// <summary>The field as text; "" when empty.</summary>
    public string Text(int index) => _reader.GetString(index);

    /// <summary>The field as text; null when empty.</summary>
    public string? OptionalText(int index) => _reader.IsEmpty(index) ? null : _reader.GetString(index);

    /// <summary>
    /// A column of words (names, memos, remarks) as <see cref="Text"/>, refused when it reads like double-encoded text
    /// (<see cref="Mojibake"/>: 鍗栨柟鏀炬 for 卖方放款).
    /// </summary>
    public string Words(int index, string column)
    {
        if (Mojibake.Original(_reader.GetSpan(index)) is { } original)
        {
            throw Found(index, column, $"text as written, but this reads like UTF-8 text decoded as GBK and saved again (for '{original}'?); was the file converted twice?");
        }
        return Text(index);
    }

    /// <summary>As <see cref="Words"/>; null when empty.</summary>
    public string? OptionalWords(int index, string column) => _reader.IsEmpty(index) ? null : Words(index, column);

    /// <summary>
    /// The field as text shared through the run's <see cref="TextPool"/>, for the columns whose values repeat across the
    /// day's files (contract and sub-account numbers): equal to <see cref="Text"/>; "" when empty. CsvHelper's span is
    /// already unquoted, unescaped, trimmed and UTF-8.
    /// </summary>
    public string Shared(int index) => Pool.Get(_reader.GetSpan(index));

    /// <summary>As <see cref="Shared"/>; null when empty.</summary>
    public string? OptionalShared(int index) => _reader.IsEmpty(index) ? null : Shared(index);

    /// <summary>The run's pool, for text cut out of fields (memo tokens).</summary>
    public TextPool Pool { get; }

    /// <summary>Every field of the current record, for header checks and messages (allocates: not per row).</summary>
    public string[] Fields()
    {
        var fields = new string[_reader.FieldCount];
        for (int i = 0; i < fields.Length; i++)
        {
            fields[i] = _reader.GetString(i);
        }
        return fields;
    }

    /// <summary>The current record as one line of text for messages, shortened past 120 characters.</summary>
    public string Describe()
    {
        string text = string.Join(',', Fields());
        if (text.Any(char.IsControl))
        {
            // A binary file's bytes must not break the one-line message.
            text = string.Concat(text.Select(c => char.IsControl(c) ? '?' : c));
        }
        return text.Length <= 120 ? text : string.Concat(text.AsSpan(0, 117), "...");
    }

    public InputException Error(string? column, string problem) => new(File, Line, column, problem);

    /// <summary>"found '&lt;field&gt;', expected &lt;expected&gt;" on the current line, for column <paramref name="column"/>.</summary>
    public InputException Found(int index, string column, string expected) =>
        new(File, Line, column, $"found {Quote(index)}, expected {expected}");

    /// <summary>The field quoted for a message: 'text', or "an empty field".</summary>
    public string Quote(int index) => IsEmpty(index) ? "an empty field" : $"'{Text(index)}'";

    public InputException FileError(string problem) => new(File, 0, null, problem);

    public void Dispose() => _reader.Dispose();
}
