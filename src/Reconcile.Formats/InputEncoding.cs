using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Reconcile.Formats;

/// <summary>
/// Decides how an input file is encoded: a UTF-8 byte order mark means UTF-8; otherwise bytes that are valid
/// UTF-8 throughout mean UTF-8; anything else is GB18030 (a superset of GBK and GB2312, which CEB and CITIC
/// export). A UTF-16/UTF-32 byte order mark is left to the CSV reader, which honours it.
/// </summary>
internal static class InputEncoding
{
    private const int ChunkSize = 64 * 1024;

    static InputEncoding()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Gb18030 = Encoding.GetEncoding("GB18030");
    }

    public static Encoding Gb18030 { get; }

    /// <summary>
    /// Reads <paramref name="stream"/> from its start and puts it back there. Returns null for UTF-8 (and for a
    /// UTF-16/32 byte order mark: the CSV reader's own defaults handle both), else GB18030.
    /// Validation streams in 64 KiB chunks, so memory stays constant whatever the file size.
    /// </summary>
    public static Encoding? Detect(Stream stream)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            stream.Position = 0;
            int carry = 0;
            bool first = true;
            int read;
            while ((read = stream.Read(buffer, carry, ChunkSize - carry)) > 0)
            {
                int length = carry + read;
                if (first)
                {
                    first = false;
                    if (HasUnicodeBom(buffer.AsSpan(0, length)))
                    {
                        return null;
                    }
                }
                int complete = CompletePrefixLength(buffer.AsSpan(0, length));
                if (!Utf8.IsValid(buffer.AsSpan(0, complete)))
                {
                    return Gb18030;
                }
                carry = length - complete;
                buffer.AsSpan(complete, carry).CopyTo(buffer);
            }
            return carry == 0 || Utf8.IsValid(buffer.AsSpan(0, carry)) ? null : Gb18030;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            stream.Position = 0;
        }
    }

    private static bool HasUnicodeBom(ReadOnlySpan<byte> start) =>
        start.StartsWith("\uFEFF"u8) || start.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || start.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]);

    /// <summary>
    /// The length of <paramref name="bytes"/> without a multi-byte sequence cut off by the end of the chunk,
    /// so that a character split across two reads is validated whole with the next one.
    /// </summary>
    private static int CompletePrefixLength(ReadOnlySpan<byte> bytes)
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
