using System.Buffers;
using System.Buffers.Text;

namespace Reconcile.Samples.Output;

/// <summary>
/// A byte buffer that CSV rows are formatted into without allocating: numbers digit by digit,
/// text as pre-encoded bytes. When full it hands its bytes on (<see cref="Drain"/>): to a file, or as a chunk to
/// a pipe. Not thread-safe: one buffer per writer.
/// </summary>
internal abstract class RowBuffer : IDisposable
{
    public const int Size = 1 << 20;

    private byte[] _buffer;
    private int _position;

    protected RowBuffer(byte[] buffer)
    {
        _buffer = buffer;
    }

    public TextEncoding Encoding { get; init; } = TextEncoding.Utf8;

    /// <summary>CRLF (CEB, CITIC) or LF.</summary>
    public bool CrLf { get; init; }

    /// <summary>Bytes written so far (drained or not).</summary>
    public long Length { get; private set; }

    public void Bytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > _buffer.Length - _position)
        {
            Drain();
            if (bytes.Length > _buffer.Length)
            {
                throw new InvalidOperationException("a field longer than the row buffer");
            }
        }
        bytes.CopyTo(_buffer.AsSpan(_position));
        _position += bytes.Length;
        Length += bytes.Length;
    }

    public void Text(Text text) => Bytes(text.In(Encoding));

    public void Byte(byte b)
    {
        if (_position == _buffer.Length)
        {
            Drain();
        }
        _buffer[_position++] = b;
        Length++;
    }

    public void Comma() => Byte((byte)',');

    public void Commas(int count)
    {
        for (int i = 0; i < count; i++)
        {
            Byte((byte)',');
        }
    }

    public void NewLine()
    {
        if (CrLf)
        {
            Byte((byte)'\r');
        }
        Byte((byte)'\n');
    }

    public void Long(long value)
    {
        Span<byte> span = Room(24);
        Utf8Formatter.TryFormat(value, span, out int written);
        Advance(written);
    }

    /// <summary>A non-negative number with leading zeros to <paramref name="width"/> digits (more when it needs more).</summary>
    public void Padded(long value, int width)
    {
        Span<byte> span = Room(24);
        Advance(Digits(span, (ulong)value, width));
    }

    /// <summary>Yuan with two decimals, no grouping: "-1234.50".</summary>
    public void Yuan(long fen)
    {
        Span<byte> span = Room(28);
        int n = 0;
        ulong abs = Abs(fen);
        if (fen < 0)
        {
            span[n++] = (byte)'-';
        }
        n += Digits(span[n..], abs / 100, 1);
        n += Cents(span[n..], abs);
        Advance(n);
    }

    /// <summary>Yuan with thousands separators, quoted when it has one, as CEB prints: 20.00, "12,300,000.00".</summary>
    public void YuanGrouped(long fen)
    {
        Span<byte> span = Room(36);
        int n = 0;
        ulong abs = Abs(fen);
        bool quote = abs >= 100_000;
        if (quote)
        {
            span[n++] = (byte)'"';
        }
        if (fen < 0)
        {
            span[n++] = (byte)'-';
        }
        n += Grouped(span[n..], abs / 100);
        n += Cents(span[n..], abs);
        if (quote)
        {
            span[n++] = (byte)'"';
        }
        Advance(n);
    }

    /// <summary>Seconds of the day as HH:mm:ss, or HHmmss without <paramref name="colons"/>.</summary>
    public void Time(int seconds, bool colons)
    {
        Span<byte> span = Room(8);
        int h = seconds / 3600, m = seconds / 60 % 60, s = seconds % 60;
        int n = 0;
        Two(span, ref n, h);
        if (colons)
        {
            span[n++] = (byte)':';
        }
        Two(span, ref n, m);
        if (colons)
        {
            span[n++] = (byte)':';
        }
        Two(span, ref n, s);
        Advance(n);
    }

    /// <summary>Hands the buffered bytes on.</summary>
    public void Drain()
    {
        if (_position > 0)
        {
            _buffer = Hand(_buffer, _position);
            _position = 0;
        }
    }

    /// <summary>Takes the first <paramref name="count"/> bytes of <paramref name="buffer"/>; returns the buffer to go on with.</summary>
    protected abstract byte[] Hand(byte[] buffer, int count);

    public virtual void Dispose()
    {
        Drain();
        GC.SuppressFinalize(this);
    }

    private Span<byte> Room(int bytes)
    {
        if (bytes > _buffer.Length - _position)
        {
            Drain();
        }
        return _buffer.AsSpan(_position);
    }

    private void Advance(int count)
    {
        _position += count;
        Length += count;
    }

    /// <summary>Writes <paramref name="value"/> in decimal, zero-padded to <paramref name="width"/>; returns the length.</summary>
    private static int Digits(Span<byte> span, ulong value, int width)
    {
        int length = 1;
        for (ulong v = value; v >= 10; v /= 10)
        {
            length++;
        }
        length = Math.Max(length, width);
        for (int i = length - 1; i >= 0; i--)
        {
            span[i] = (byte)('0' + (int)(value % 10));
            value /= 10;
        }
        return length;
    }

    /// <summary>Writes <paramref name="value"/> with a comma every three digits; returns the length.</summary>
    private static int Grouped(Span<byte> span, ulong value)
    {
        int digits = 1;
        for (ulong v = value; v >= 10; v /= 10)
        {
            digits++;
        }
        int length = digits + ((digits - 1) / 3);
        int i = length - 1;
        for (int d = 0; d < digits; d++)
        {
            if (d > 0 && d % 3 == 0)
            {
                span[i--] = (byte)',';
            }
            span[i--] = (byte)('0' + (int)(value % 10));
            value /= 10;
        }
        return length;
    }

    private static ulong Abs(long fen) => fen < 0 ? (ulong)(-(fen + 1)) + 1UL : (ulong)fen;

    private static int Cents(Span<byte> span, ulong abs)
    {
        int cents = (int)(abs % 100);
        span[0] = (byte)'.';
        span[1] = (byte)('0' + cents / 10);
        span[2] = (byte)('0' + cents % 10);
        return 3;
    }

    private static void Two(Span<byte> span, ref int n, int value)
    {
        span[n++] = (byte)('0' + value / 10);
        span[n++] = (byte)('0' + value % 10);
    }
}
