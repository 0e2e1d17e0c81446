using System.Text;

namespace Reconcile.Formats;

/// <summary>
/// Decides how an input file is encoded: a UTF-8 byte order mark means UTF-8; otherwise bytes that are valid
/// UTF-8 throughout mean UTF-8; anything else is GB18030 (a superset of GBK and GB2312, which CEB and CITIC
/// export). A UTF-16/UTF-32 byte order mark is left to the CSV reader, which honours it.
/// </summary>
internal static class InputEncoding
{
    static InputEncoding()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Gb18030 = Encoding.GetEncoding("GB18030");
    }

    public static Encoding Gb18030 { get; }

    /// <summary>
    /// Reads <paramref name="stream"/> from its start and puts it back there. Returns null for UTF-8 (and for a
    /// UTF-16/32 byte order mark: the CSV reader's own defaults handle both), else GB18030: only the encoding, none of
    /// <see cref="InputScan"/>'s structure checks. Validation streams in 64 KiB chunks, so memory stays constant
    /// whatever the file size.
    /// </summary>
    public static Encoding? Detect(Stream stream) =>
        InputScan.Run(stream, "", recordPerLine: false, allowGb18030: true, strict: false).Encoding;
}
