using System.Buffers;
using System.Security.Cryptography;
using System.Text.Unicode;
using NodaTime;
using NodaTime.Text;
using Reconcile.Core.Model;

namespace Reconcile.Engine.Outputs;

/// <summary>
/// Writes a CSV file in the <see cref="OutputCsv"/> dialect, byte for byte what a CsvHelper writer with
/// <see cref="OutputCsv.Options"/> and the <see cref="OutputCsv"/> cell methods writes, and computes its SHA-256 on the
/// way (so the file is never read back). It formats straight into a 1 MiB UTF-8 buffer that goes to the file and the
/// hash when full: for a million-row matches.csv far cheaper than CsvHelper's per-field handling and a second pass.
/// <list type="bullet">
/// <item>A text cell is quoted when it contains a comma, a quote, CR or LF (quotes doubled), or when it starts with one of
/// <see cref="OutputCsv.InjectionCharacters"/>: then it is written as <c>"'…"</c>. Null and empty text are an empty cell,
/// except that a record whose only cell is empty is written as <c>""</c>.</item>
/// <item>Text is encoded as UTF-8; an unpaired surrogate becomes U+FFFD.</item>
/// <item>Amounts, numbers are never guarded or quoted; dates are text (yyyy-MM-dd).</item>
/// </list>
/// Not thread-safe: one writer per thread; records rendered on other threads come in as <see cref="Chunk"/> writers.
/// </summary>
public sealed class OutputCsvWriter : IDisposable
{
    private const int BufferSize = 1 << 20;

    /// <summary>Room for any cell that is not text: an amount, a number, a separator and CRLF.</summary>
    private const int SmallCell = 64;

    private static readonly SearchValues<char> NeedsQuotes = SearchValues.Create(",\"\r\n");
    private static readonly SearchValues<char> Injection = SearchValues.Create(OutputCsv.InjectionCharacters);

    private readonly FileStream? _file;
    private readonly IncrementalHash? _hash;
    // A chunk's filled buffers, in order (chunk mode: no file, no hash; see Chunk and Append).
    private readonly List<(byte[] Buffer, int Length)>? _filled;
    private byte[]? _buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
    private int _used;
    private int _cells;
    private bool _lastCellEmpty;
    private string? _sha256;

    /// <summary>Creates (or replaces) the file at <paramref name="path"/> and writes the byte order mark.</summary>
    public OutputCsvWriter(string path)
    {
        _file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
        _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        "\uFEFF"u8.CopyTo(_buffer);
        _used = 3;
    }

    private OutputCsvWriter()
    {
        _filled = [];
    }

    /// <summary>
    /// A writer that keeps what it writes in memory, for records rendered on another thread: a file's writer then takes
    /// them whole, in order, with <see cref="Append"/>. Its records must be complete (<see cref="EndRecord"/>).
    /// </summary>
    public static OutputCsvWriter Chunk() => new();

    /// <summary>Writes the records of <paramref name="chunk"/> (a <see cref="Chunk"/> writer) here, and releases its memory.</summary>
    public void Append(OutputCsvWriter chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        if (chunk._filled is null || _file is null)
        {
            throw new InvalidOperationException("Append takes a chunk writer's records into a file's writer");
        }
        if (chunk._cells != 0)
        {
            throw new InvalidOperationException("the chunk ends inside a record");
        }
        Flush();
        chunk.Flush();
        foreach (var (buffer, length) in chunk._filled)
        {
            _hash!.AppendData(buffer, 0, length);
            _file.Write(buffer, 0, length);
            ArrayPool<byte>.Shared.Return(buffer);
        }
        chunk._filled.Clear();
    }

    /// <summary>Writes the file at <paramref name="path"/> with <paramref name="write"/>, which returns its row count.</summary>
    /// <returns>The row count and the file's SHA-256 (hex, lower case).</returns>
    public static (int Rows, string Sha256) WriteFile(string path, Func<OutputCsvWriter, int> write)
    {
        using var w = new OutputCsvWriter(path);
        int rows = write(w);
        return (rows, w.Complete());
    }

    /// <summary>Writes the header record.</summary>
    public void WriteHeader(IEnumerable<string> names)
    {
        foreach (string name in names)
        {
            Text(name);
        }
        EndRecord();
    }

    /// <summary>A text cell; null is an empty cell. Guarded against formula injection.</summary>
    public void Text(string? value) => Text(value.AsSpan());

    /// <summary>A text cell. Guarded against formula injection.</summary>
    public void Text(ReadOnlySpan<char> value)
    {
        Separate(value.IsEmpty);
        if (value.IsEmpty)
        {
            return;
        }
        bool injection = Injection.Contains(value[0]);
        if (!injection && !value.ContainsAny(NeedsQuotes))
        {
            Chars(value);
            return;
        }
        Byte((byte)'"');
        if (injection)
        {
            Byte((byte)'\'');
        }
        int quote;
        while ((quote = value.IndexOf('"')) >= 0)
        {
            Chars(value[..(quote + 1)]);
            Byte((byte)'"');
            value = value[(quote + 1)..];
        }
        Chars(value);
        Byte((byte)'"');
    }

    /// <summary>An amount in yuan with exactly two decimals (as <see cref="Money.ToString"/>); null is an empty cell.</summary>
    public void Amount(Money? value)
    {
        Separate(value is null);
        if (value is not { } money)
        {
            return;
        }
        Span<byte> to = Room(SmallCell);
        int n = 0;
        long fen = money.Fen;
        if (fen < 0)
        {
            to[n++] = (byte)'-';
        }
        ulong abs = fen < 0 ? (ulong)(-(fen + 1)) + 1 : (ulong)fen;
        (abs / 100).TryFormat(to[n..], out int written, default, null);
        n += written;
        ulong cents = abs % 100;
        to[n++] = (byte)'.';
        to[n++] = (byte)('0' + (int)(cents / 10));
        to[n++] = (byte)('0' + (int)(cents % 10));
        _used += n;
    }

    /// <summary>A date, yyyy-MM-dd, written as text.</summary>
    public void Date(LocalDate value) => Text(LocalDatePattern.Iso.Format(value));

    /// <summary>An integer.</summary>
    public void Number(int value)
    {
        Separate(false);
        value.TryFormat(Room(SmallCell), out int written, default, null);
        _used += written;
    }

    /// <summary>Ends the record with CRLF.</summary>
    public void EndRecord()
    {
        if (_cells == 1 && _lastCellEmpty)
        {
            Byte((byte)'"');
            Byte((byte)'"');
        }
        Span<byte> to = Room(2);
        to[0] = (byte)'\r';
        to[1] = (byte)'\n';
        _used += 2;
        _cells = 0;
    }

    /// <summary>
    /// Writes one complete record as its encoded bytes, CRLF included: a record an earlier run of the day wrote in
    /// this dialect and a subset re-run keeps (<see cref="KeptCsv"/>).
    /// </summary>
    public void Record(ReadOnlySpan<byte> encoded)
    {
        if (_cells != 0)
        {
            throw new InvalidOperationException("a record is still open");
        }
        while (!encoded.IsEmpty)
        {
            if (_used == BufferSize)
            {
                Flush();
            }
            int n = Math.Min(encoded.Length, BufferSize - _used);
            encoded[..n].CopyTo(_buffer.AsSpan(_used));
            _used += n;
            encoded = encoded[n..];
        }
    }

    /// <summary>Writes what is buffered, closes the file and returns its SHA-256 (hex, lower case).</summary>
    public string Complete()
    {
        if (_file is null || _hash is null)
        {
            throw new InvalidOperationException("a chunk writer has no file: Append it to one");
        }
        if (_sha256 is null)
        {
            Flush();
            _file.Dispose();
            _sha256 = Convert.ToHexStringLower(_hash.GetHashAndReset());
        }
        return _sha256;
    }

    public void Dispose()
    {
        _file?.Dispose();
        _hash?.Dispose();
        if (_buffer is { } buffer)
        {
            _buffer = null;
            ArrayPool<byte>.Shared.Return(buffer);
        }
        if (_filled is not null)
        {
            foreach (var (filled, _) in _filled)
            {
                ArrayPool<byte>.Shared.Return(filled);
            }
            _filled.Clear();
        }
    }

    private void Separate(bool empty)
    {
        if (_cells++ > 0)
        {
            Byte((byte)',');
        }
        _lastCellEmpty = empty;
    }

    private void Byte(byte value)
    {
        if (_used == BufferSize)
        {
            Flush();
        }
        _buffer![_used++] = value;
    }

    /// <summary>Encodes <paramref name="chars"/> as UTF-8, flushing as often as the buffer fills.</summary>
    private void Chars(ReadOnlySpan<char> chars)
    {
        while (true)
        {
            OperationStatus status = Utf8.FromUtf16(chars, _buffer.AsSpan(_used), out int read, out int written, replaceInvalidSequences: true);
            _used += written;
            if (status == OperationStatus.Done)
            {
                return;
            }
            // DestinationTooSmall: a character did not fit whole.
            chars = chars[read..];
            Flush();
        }
    }

    private Span<byte> Room(int bytes)
    {
        if (BufferSize - _used < bytes)
        {
            Flush();
        }
        return _buffer.AsSpan(_used);
    }

    private void Flush()
    {
        ObjectDisposedException.ThrowIf(_sha256 is not null || _buffer is null, this);
        if (_filled is not null)
        {
            if (_used > 0)
            {
                _filled.Add((_buffer, _used));
                _buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
                _used = 0;
            }
            return;
        }
        ReadOnlySpan<byte> data = _buffer.AsSpan(0, _used);
        _hash!.AppendData(data);
        _file!.Write(data);
        _used = 0;
    }
}
