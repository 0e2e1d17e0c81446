using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Reconcile.Formats;

/// <summary>
/// Recognises double-encoded Chinese text: UTF-8 bytes that were once decoded as GBK and saved again, so that 卖方放款
/// reads 鍗栨柟鏀炬. Such a field, encoded back to GB18030, gives bytes that are valid UTF-8 for Chinese characters.
/// Checked only where it is cheap and safe: a field of at least four non-ASCII characters (genuine text of four or more
/// Chinese characters practically never re-encodes to valid UTF-8 Chinese — under one in 300,000 random names; shorter
/// text could) whose first non-ASCII character is one that GBK-decoded UTF-8 can start with (a table lookup that skips
/// almost every genuine field before any encoding is done).
/// </summary>
internal static class Mojibake
{
    private const int MaxFieldBytes = 512;
    private const int CjkFirst = 0x4E00, CjkLast = 0x9FFF;

    private static readonly Encoding StrictGb18030 = CreateStrictGb18030();

    // Bit c − CjkFirst: the CJK character c encodes in GB18030 as a UTF-8 lead byte followed by a continuation byte.
    private static readonly ulong[] CanStart = BuildCanStart();

    /// <summary>The text the field was before it was decoded as GBK, when it looks double-encoded; else null.</summary>
    public static string? Original(ReadOnlySpan<byte> utf8)
    {
        int first = utf8.IndexOfAnyExceptInRange((byte)0, (byte)0x7F);
        if (first < 0 || utf8.Length > MaxFieldBytes
            || Rune.DecodeFromUtf8(utf8[first..], out Rune rune, out _) != OperationStatus.Done
            || rune.Value is < CjkFirst or > CjkLast
            || (CanStart[(rune.Value - CjkFirst) >> 6] & (1UL << ((rune.Value - CjkFirst) & 63))) == 0)
        {
            return null;
        }
        Span<char> chars = stackalloc char[utf8.Length];
        if (!Encoding.UTF8.TryGetChars(utf8, chars, out int length))
        {
            return null;
        }
        chars = chars[..length];
        int nonAscii = 0;
        foreach (char c in chars)
        {
            if (c >= 0x80)
            {
                nonAscii++;
            }
        }
        if (nonAscii < 4)
        {
            return null;
        }
        Span<byte> back = stackalloc byte[length * 4];
        int written;
        try
        {
            written = StrictGb18030.GetBytes(chars, back);
        }
        catch (EncoderFallbackException)
        {
            return null;
        }
        back = back[..written];
        if (!Utf8.IsValid(back))
        {
            return null;
        }
        int cjk = 0;
        for (int i = 0; i < back.Length;)
        {
            Rune.DecodeFromUtf8(back[i..], out Rune r, out int consumed);
            i += consumed;
            if (r.Value < 0x80)
            {
                continue;
            }
            if (r.Value is < CjkFirst or > CjkLast)
            {
                return null;
            }
            cjk++;
        }
        return cjk >= 2 ? Encoding.UTF8.GetString(back) : null;
    }

    private static Encoding CreateStrictGb18030()
    {
        _ = InputEncoding.Gb18030; // registers the code pages provider
        return Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }

    private static ulong[] BuildCanStart()
    {
        var bits = new ulong[((CjkLast - CjkFirst) >> 6) + 1];
        Span<char> one = stackalloc char[1];
        Span<byte> bytes = stackalloc byte[4];
        for (int c = CjkFirst; c <= CjkLast; c++)
        {
            one[0] = (char)c;
            int n = StrictGb18030.GetBytes(one, bytes);
            if (n == 2 && bytes[0] is >= 0xC2 and <= 0xF4 && bytes[1] is >= 0x80 and <= 0xBF)
            {
                bits[(c - CjkFirst) >> 6] |= 1UL << ((c - CjkFirst) & 63);
            }
        }
        return bits;
    }
}
