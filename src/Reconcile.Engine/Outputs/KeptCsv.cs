using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Reconcile.Core.Model;

namespace Reconcile.Engine.Outputs;

/// <summary>
/// The records of one CSV of the day's folder that a subset re-run keeps (the rows of the partitions it did not run),
/// read back in file order — which is the file's sort order — and written into the new file between the re-run's own
/// rows (<see cref="WriteBefore"/>). Records are copied as their bytes, never parsed and written again, so a kept row
/// is byte for byte the row the earlier run wrote. The file's SHA-256 is computed on the way and checked against the
/// folder's manifest.json by <see cref="Finish"/>: a folder changed after it was written is refused, not merged.
/// </summary>
internal sealed class KeptCsv : IDisposable
{
    private const int InitialBuffer = 1 << 20;

    private readonly string _path;
    private readonly string _expectedSha256;
    private readonly Func<ReadOnlySpan<byte>, string?> _keyOf;
    private readonly FileStream _file;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialBuffer);
    private int _start;
    private int _end;
    private bool _eof;
    // The record read but not yet written (its key sorts after what was asked for).
    private int _heldLength = -1;
    private string? _heldKey;

    /// <param name="keyOf">The record's merge key (ordinal order = file order), or null when the record is not kept.</param>
    private KeptCsv(string path, string expectedSha256, Func<ReadOnlySpan<byte>, string?> keyOf)
    {
        _path = path;
        _expectedSha256 = expectedSha256;
        _keyOf = keyOf;
        _file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
    }

    /// <summary>How many records were kept (written) so far.</summary>
    public int Kept { get; private set; }

    /// <summary>
    /// Opens <paramref name="path"/>, checks its byte order mark and header (<paramref name="header"/>) and positions
    /// it at the first record.
    /// </summary>
    public static KeptCsv Open(string path, string expectedSha256, IReadOnlyList<string> header, Func<ReadOnlySpan<byte>, string?> keyOf)
    {
        var kept = new KeptCsv(path, expectedSha256, keyOf);
        try
        {
            byte[] expected = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(string.Join(',', header) + "\r\n")];
            if (!kept.Next(out ReadOnlySpan<byte> first) || !first.SequenceEqual(expected))
            {
                throw EarlierDayFolder.Refused(path, 1, "the header is not the header this engine writes");
            }
            return kept;
        }
        catch
        {
            kept.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Writes, in file order, the kept records whose key is ordinal-less than <paramref name="before"/> (every one left
    /// when null), skipping the records that are not kept.
    /// </summary>
    public void WriteBefore(OutputCsvWriter w, string? before)
    {
        while (true)
        {
            if (_heldLength < 0)
            {
                if (!NextKept())
                {
                    return;
                }
            }
            if (before is not null && string.CompareOrdinal(_heldKey, before) >= 0)
            {
                return;
            }
            w.Record(_buffer.AsSpan(_start, _heldLength));
            Kept++;
            _start += _heldLength;
            _heldLength = -1;
        }
    }

    /// <summary>
    /// Reads what is left (the key function still sees each record) and checks the file's SHA-256 against the
    /// manifest's. Every kept record must have been written (<see cref="WriteBefore"/> with null).
    /// </summary>
    public void Finish()
    {
        if (_heldLength >= 0 || NextKept())
        {
            throw new InvalidOperationException("kept records were left unwritten");
        }
        string actual = Convert.ToHexStringLower(_hash.GetHashAndReset());
        if (!string.Equals(actual, _expectedSha256, StringComparison.OrdinalIgnoreCase))
        {
            throw EarlierDayFolder.Refused(_path, 0, $"its SHA-256 is {actual}, manifest.json says {_expectedSha256}: the file was changed after the run wrote it");
        }
    }

    public void Dispose()
    {
        _file.Dispose();
        _hash.Dispose();
        byte[] buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// The cell at <paramref name="index"/> of an encoded record, as the value it stands for: unquoted, doubled quotes
    /// made single, and the formula guard (a leading ' before = + - @ tab CR) taken off.
    /// </summary>
    public static string Cell(ReadOnlySpan<byte> record, int index)
    {
        int at = 0;
        for (int cell = 0; ; cell++)
        {
            bool quoted = at < record.Length && record[at] == (byte)'"';
            int end = quoted ? ClosingQuote(record, at + 1) + 1 : IndexOfCellEnd(record, at);
            if (cell == index)
            {
                if (!quoted)
                {
                    return Encoding.UTF8.GetString(record[at..end]);
                }
                string text = Encoding.UTF8.GetString(record[(at + 1)..(end - 1)]).Replace("\"\"", "\"", StringComparison.Ordinal);
                return text.Length > 1 && text[0] == '\'' && OutputCsv.InjectionCharacters.Contains(text[1], StringComparison.Ordinal) ? text[1..] : text;
            }
            if (end >= record.Length || record[end] != (byte)',')
            {
                throw new FormatException($"the record has no cell {index}");
            }
            at = end + 1;
        }
    }

    /// <summary>The (bank, escrow_type) merge key of two cells: ordinal order of the key = order of the pair.</summary>
    public static string PartitionOrderKey(string bank, string type) => bank + "\0" + type;

    /// <summary>The merge key of a partition.</summary>
    public static string PartitionOrderKey(Bank bank, EscrowType type) => PartitionOrderKey(bank.ToString(), type.ToString());

    private static int ClosingQuote(ReadOnlySpan<byte> record, int from)
    {
        int i = from;
        while (i < record.Length)
        {
            if (record[i] == (byte)'"')
            {
                if (i + 1 < record.Length && record[i + 1] == (byte)'"')
                {
                    i += 2;
                    continue;
                }
                return i;
            }
            i++;
        }
        throw new FormatException("a quoted cell is not closed");
    }

    private static int IndexOfCellEnd(ReadOnlySpan<byte> record, int from)
    {
        int n = record[from..].IndexOfAny((byte)',', (byte)'\r');
        return n < 0 ? record.Length : from + n;
    }

    /// <summary>The next record that is kept (held until written).</summary>
    private bool NextKept()
    {
        while (Next(out ReadOnlySpan<byte> record))
        {
            string? key;
            try
            {
                key = _keyOf(record);
            }
            catch (FormatException e)
            {
                throw EarlierDayFolder.Refused(_path, 0, $"a record cannot be read ({e.Message})");
            }
            if (key is not null)
            {
                _start -= record.Length;
                _heldLength = record.Length;
                _heldKey = key;
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// The next record (CRLF included) from the buffer, reading more as needed; valid until the next call. A record
    /// ends at a line feed outside quotes.
    /// </summary>
    private bool Next(out ReadOnlySpan<byte> record)
    {
        int scanned = _start;
        bool quoted = false;
        while (true)
        {
            for (int i = scanned; i < _end; i++)
            {
                byte b = _buffer[i];
                if (b == (byte)'"')
                {
                    quoted = !quoted;
                }
                else if (b == (byte)'\n' && !quoted)
                {
                    record = _buffer.AsSpan(_start, i + 1 - _start);
                    _start = i + 1;
                    return true;
                }
            }
            scanned = _end;
            if (_eof)
            {
                if (_start < _end)
                {
                    throw EarlierDayFolder.Refused(_path, 0, "the last record does not end with CRLF");
                }
                record = default;
                return false;
            }
            scanned -= Fill();
        }
    }

    /// <summary>Moves the unread bytes to the front (growing the buffer when a record fills it) and reads more; returns how far they moved.</summary>
    private int Fill()
    {
        int moved = _start;
        int left = _end - _start;
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, left);
        }
        else if (left == _buffer.Length)
        {
            byte[] bigger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            Buffer.BlockCopy(_buffer, 0, bigger, 0, left);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }
        _start = 0;
        _end = left;
        int read = _file.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _eof = true;
        }
        else
        {
            _hash.AppendData(_buffer, _end, read);
            _end += read;
        }
        return moved;
    }
}
