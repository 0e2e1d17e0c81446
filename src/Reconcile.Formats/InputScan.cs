using System.Buffers;
using System.Text;
using System.Text.Unicode;
using Reconcile.Core.Model;

namespace Reconcile.Formats;

/// <summary>
/// One forward pass over an input file's bytes, before any field is read, that decides its encoding and refuses what
/// the CSV reader would otherwise read wrongly without a word:
/// <list type="bullet">
/// <item>line ends: CRLF or LF, one kind throughout (outside quoted fields); a lone CR (classic Mac line ends) is an
/// error naming its line;</item>
/// <item>quotes: a quoted field that is never closed is an error at the line where it opens (one record per line:
/// at the end of that line), not a silent merge of the rest of the file into one field;</item>
/// <item>a UTF-8 byte order mark anywhere but at the start is an error naming its line (it would end up inside a
/// field);</item>
/// <item>encoding: a byte order mark or bytes that are valid UTF-8 throughout mean UTF-8; a file that must be UTF-8
/// (<c>allowGb18030</c> false, or one that starts with a UTF-8 byte order mark) and is not is an error naming the
/// line and byte offset of the first byte that is not UTF-8; otherwise GB18030, and <see cref="NotUtf8"/> says where
/// UTF-8 failed (a reader whose layout is UTF-8 by definition refuses it there).</item>
/// </list>
/// A file that starts with a UTF-16/32 byte order mark is left to the CSV reader (which honours it) unchecked. The
/// checks rely on '"', CR and LF never occurring inside a multi-byte character, true of UTF-8 and GB18030.
/// Memory stays constant (64 KiB chunks) whatever the file size.
/// </summary>
internal sealed class InputScan
{
    private const int ChunkSize = 64 * 1024;

    private static readonly SearchValues<byte> Events = SearchValues.Create([(byte)'"', (byte)'\r', (byte)'\n', 0xEF]);

    private readonly string _file;
    private readonly bool _recordPerLine;
    private readonly bool _strict;

    private int _line = 1;
    private bool _quoted;
    private int _quoteLine;
    private int _spanningQuoteLine;   // the line where the first quoted field that crossed a line end opened (0: none)
    private LineEnd _lineEnd;
    private int _lineEndLine;
    private int _bomLine;
    private long _notUtf8Offset = -1;
    private int _notUtf8Line;
    private byte _lastByte;
    private int _overshoot;

    private InputScan(string file, bool recordPerLine, bool strict)
    {
        _file = file;
        _recordPerLine = recordPerLine;
        _strict = strict;
    }

    private enum LineEnd
    {
        None,
        Lf,
        CrLf,
    }

    /// <summary>The encoding to read with: null for UTF-8 (or a UTF-16/32 byte order mark), else GB18030.</summary>
    public Encoding? Encoding { get; private set; }

    /// <summary>Where the file stops being valid UTF-8 (line and byte offset); null when it is UTF-8 throughout.</summary>
    public (int Line, long Offset)? NotUtf8 => _notUtf8Offset < 0 ? null : (_notUtf8Line, _notUtf8Offset);

    /// <summary>The last byte is a line feed (or the file is empty): a file cut short mid-line does not end with one.</summary>
    public bool EndsWithLineEnd => _lastByte is 0 or (byte)'\n';

    /// <summary>
    /// Scans <paramref name="stream"/> from its start and puts it back there. <paramref name="strict"/> false only
    /// decides the encoding (for recognising a file's layout, where a file that is no statement at all must be named
    /// as such rather than for its line ends).
    /// </summary>
    /// <exception cref="InputException">A structure or encoding error, naming <paramref name="file"/> and the line.</exception>
    public static InputScan Run(Stream stream, string file, bool recordPerLine, bool allowGb18030, bool strict = true)
    {
        var scan = new InputScan(file, recordPerLine, strict);
        scan.Scan(stream, allowGb18030);
        return scan;
    }

    private void Scan(Stream stream, bool allowGb18030)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            stream.Position = 0;
            bool first = true;
            bool bom = false;
            bool eof = false;
            int carry = 0;
            long baseOffset = 0;
            while (true)
            {
                int read = eof ? 0 : stream.Read(buffer, carry, ChunkSize - carry);
                if (read == 0)
                {
                    eof = true;
                    if (carry == 0)
                    {
                        break;
                    }
                }
                int length = carry + read;
                int start = 0;
                if (first)
                {
                    first = false;
                    ReadOnlySpan<byte> head = buffer.AsSpan(0, length);
                    if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
                    {
                        return; // UTF-16/32: the CSV reader decodes it; bytes are not characters here
                    }
                    if (head.StartsWith("\uFEFF"u8))
                    {
                        bom = true;
                        start = 3;
                    }
                }
                // Leave two bytes for looking ahead (CR LF, the BOM's EF BB BF) and no character cut in two.
                int end = eof ? length : CompletePrefixLength(buffer.AsSpan(0, Math.Max(start, length - 2)));
                if (end < start)
                {
                    end = start;
                }
                int lineAtStart = _line;
                if (_strict)
                {
                    Structure(buffer.AsSpan(0, length), start, end, baseOffset);
                }
                if (_notUtf8Offset < 0)
                {
                    FindNotUtf8(buffer.AsSpan(start, end - start), baseOffset + start, lineAtStart);
                }
                if (end > 0)
                {
                    _lastByte = buffer[end - 1];
                }
                carry = length - end;
                buffer.AsSpan(end, carry).CopyTo(buffer);
                baseOffset += end;
                if (eof)
                {
                    break;
                }
            }
            Finish(bom, allowGb18030);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            stream.Position = 0;
        }
    }

    private void Finish(bool bom, bool allowGb18030)
    {
        if (_strict && _quoted)
        {
            int line = _spanningQuoteLine > 0 ? _spanningQuoteLine : _quoteLine;
            throw new InputException(_file, line, null,
                "found a quote (\") that opens a field on this line and is never closed, expected a closing quote "
                + "(a quote inside a field is written twice: \"\")");
        }
        if (_notUtf8Offset >= 0 && bom && !_strict)
        {
            return; // the byte order mark says UTF-8; only a strict scan refuses what is not
        }
        if (_notUtf8Offset >= 0 && (bom || !allowGb18030))
        {
            throw new InputException(_file, _notUtf8Line, null,
                $"found a byte that is not UTF-8 at byte offset {_notUtf8Offset}, expected UTF-8 text throughout "
                + (bom ? "(the file starts with a UTF-8 byte order mark)" : "(this file is UTF-8 by definition; was a field pasted from a GBK file?)"));
        }
        if (_notUtf8Offset >= 0)
        {
            Encoding = InputEncoding.Gb18030;
            return;
        }
        if (_strict && _bomLine > 0)
        {
            throw new InputException(_file, _bomLine, null,
                "found a byte order mark (U+FEFF) inside the file, expected one only at the very start (were two files joined?)");
        }
    }

    /// <summary>Looks at the quotes, line ends and BOMs in [<paramref name="from"/>, <paramref name="end"/>); bytes up to the end of <paramref name="bytes"/> may be looked ahead at.</summary>
    private void Structure(ReadOnlySpan<byte> bytes, int from, int end, long baseOffset)
    {
        int i = from + _overshoot; // the LF of a CRLF whose CR ended the range before
        _overshoot = 0;
        while (i < end)
        {
            int k = bytes[i..end].IndexOfAny(Events);
            if (k < 0)
            {
                return;
            }
            i += k;
            switch (bytes[i])
            {
                case (byte)'"':
                    _quoted = !_quoted;
                    if (_quoted)
                    {
                        _quoteLine = _line;
                    }
                    i++;
                    break;
                case (byte)'\n':
                    EndOfLine(LineEnd.Lf);
                    i++;
                    break;
                case (byte)'\r':
                    if (i + 1 < bytes.Length && bytes[i + 1] == (byte)'\n')
                    {
                        EndOfLine(LineEnd.CrLf);
                        i += 2;
                        _overshoot = Math.Max(0, i - end);
                        break;
                    }
                    throw new InputException(_file, _line, null,
                        "found a line that ends with a lone carriage return (CR without LF), expected CRLF or LF line ends "
                        + "(was the file saved with classic Mac line ends?)");
                default: // 0xEF
                    if (_bomLine == 0 && baseOffset + i > 0 && i + 2 < bytes.Length && bytes[i + 1] == 0xBB && bytes[i + 2] == 0xBF)
                    {
                        _bomLine = _line;
                    }
                    i++;
                    break;
            }
        }
    }

    private void EndOfLine(LineEnd kind)
    {
        if (_quoted)
        {
            if (_recordPerLine)
            {
                throw new InputException(_file, _quoteLine, null,
                    "found a quote (\") that opens a field on this line and is not closed before the line ends, expected a closing quote "
                    + "(a quote inside a field is written twice: \"\")");
            }
            if (_spanningQuoteLine == 0)
            {
                _spanningQuoteLine = _quoteLine;
            }
        }
        else if (_lineEnd == LineEnd.None)
        {
            _lineEnd = kind;
            _lineEndLine = _line;
        }
        else if (_lineEnd != kind)
        {
            throw new InputException(_file, _line, null,
                $"found a line that ends with {Name(kind)}, but line {_lineEndLine} ends with {Name(_lineEnd)}: expected one kind of line end throughout the file");
        }
        _line++;
    }

    private static string Name(LineEnd kind) => kind == LineEnd.CrLf ? "CRLF" : "LF";

    private void FindNotUtf8(ReadOnlySpan<byte> bytes, long offset, int line)
    {
        if (Utf8.IsValid(bytes))
        {
            return;
        }
        int at = 0;
        while (at < bytes.Length && Rune.DecodeFromUtf8(bytes[at..], out _, out int consumed) == OperationStatus.Done)
        {
            at += consumed;
        }
        _notUtf8Offset = offset + at;
        _notUtf8Line = line + bytes[..at].Count((byte)'\n');
    }

    /// <summary>
    /// The length of <paramref name="bytes"/> without a multi-byte sequence cut off by the end of the chunk,
    /// so that a character split across two reads is validated whole with the next one.
    /// </summary>
    internal static int CompletePrefixLength(ReadOnlySpan<byte> bytes)
    {
        int stop = Math.Max(0, bytes.Length - 4);
        for (int i = bytes.Length - 1; i >= stop; i--)
        {
            byte b = bytes[i];
            if (b < 0x80)
            {
                return bytes.Length;
            }
            if (b >= 0xC0)
            {
                int needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
                return bytes.Length - i < needed ? i : bytes.Length;
            }
        }
        return bytes.Length;
    }
}
