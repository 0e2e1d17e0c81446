using System.Text;
using System.Xml;

namespace Reconcile.Formats;

/// <summary>The kind of a statement file, told from its first bytes (never from its name).</summary>
internal enum StatementFormat
{
    /// <summary>A comma-separated export: CEB, CITIC or PAB (<see cref="StatementLayout"/>).</summary>
    Csv,

    /// <summary>ISO 20022 camt.053 XML (BankToCustomerStatement).</summary>
    Camt053,

    /// <summary>SWIFT MT940 text (first field :20:, or a {1: basic header block).</summary>
    Mt940,
}

internal static class StatementFormats
{
    /// <summary>The namespace every camt.053 version shares before its version number.</summary>
    public const string CamtNamespacePrefix = "urn:iso:std:iso:20022:tech:xsd:camt.053.";

    private const int SniffBytes = 4096;

    public const string Expected =
        "a camt.053 XML statement (root Document in namespace urn:iso:std:iso:20022:tech:xsd:camt.053.001.02, .001.04 or .001.08), "
        + "or a SWIFT MT940 statement (first line :20:<reference> or a {1:...} header)";

    /// <summary>
    /// Csv unless the file is XML whose root element is a camt.053 Document (any version: the reader names an
    /// unsupported one), or text whose first non-blank line starts with <c>:20:</c> or <c>{1:</c>. A missing file is Csv
    /// (the CSV reader names it).
    /// </summary>
    public static StatementFormat Sniff(string path)
    {
        byte[] head;
        try
        {
            using FileStream stream = File.OpenRead(path);
            head = new byte[Math.Min(SniffBytes, stream.Length)];
            stream.ReadExactly(head);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return StatementFormat.Csv;
        }
        ReadOnlySpan<byte> text = head;
        if (text.StartsWith("\uFEFF"u8))
        {
            text = text[3..];
        }
        text = text.TrimStart(" \t\r\n"u8);
        if (text.StartsWith("<"u8))
        {
            return IsCamt053(path) ? StatementFormat.Camt053 : StatementFormat.Csv;
        }
        if (text.StartsWith(":20:"u8) || text.StartsWith("{1:"u8))
        {
            return StatementFormat.Mt940;
        }
        return StatementFormat.Csv;
    }

    private static bool IsCamt053(string path)
    {
        try
        {
            using XmlReader reader = XmlReader.Create(path, CamtXml.Settings);
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element)
                {
                    return reader.LocalName == "Document" && reader.NamespaceURI.StartsWith(CamtNamespacePrefix, StringComparison.Ordinal);
                }
            }
        }
        catch (Exception e) when (e is XmlException or IOException or DecoderFallbackException or ArgumentException)
        {
            // not XML a camt reader could read: left to the CSV detection, which names the layouts expected
        }
        return false;
    }
}
