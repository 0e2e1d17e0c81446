using System.Text;

namespace Reconcile.Samples.Output;

/// <summary>The two encodings the inbox uses: GB18030 (CEB, CITIC statements) and UTF-8 (everything else).</summary>
internal enum TextEncoding
{
    Utf8,
    Gb18030,
}

/// <summary>
/// A piece of text encoded once in both encodings, so rows are written by copying bytes (no per-row encoding).
/// Immutable.
/// </summary>
internal sealed class Text
{
    /// <summary>GB18030 from the code-pages provider (registered here: a library cannot rely on the host).</summary>
    public static readonly Encoding Gb18030 = CreateGb18030();

    public static readonly Text Empty = new("");

    /// <summary>A field value: refuses what would need CSV quoting (the generator never quotes text).</summary>
    public Text(string value)
        : this(value, field: true)
    {
    }

    private Text(string value, bool field)
    {
        if (field && (value.Contains(',', StringComparison.Ordinal) || value.Contains('"', StringComparison.Ordinal) || value.Contains('\n', StringComparison.Ordinal)))
        {
            throw new ArgumentException($"'{value}' would need CSV quoting", nameof(value));
        }
        Value = value;
        Utf8 = Encoding.UTF8.GetBytes(value);
        Gb = Gb18030.GetBytes(value);
    }

    public string Value { get; }

    public byte[] Utf8 { get; }

    public byte[] Gb { get; }

    /// <summary>Several fields at once, such as a header line.</summary>
    public static Text Fields(string line) => new(line, field: false);

    public byte[] In(TextEncoding encoding) => encoding == TextEncoding.Utf8 ? Utf8 : Gb;

    public override string ToString() => Value;

    private static Encoding CreateGb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030");
    }
}
