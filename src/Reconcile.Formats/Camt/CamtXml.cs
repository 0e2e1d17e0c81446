using System.Xml;
using System.Xml.Linq;

namespace Reconcile.Formats;

/// <summary>
/// Opening a camt file for streaming and reading the small elements (Acct, Bal, one Ntry) the reader loads one at a
/// time, with their line numbers. The whole document is never loaded.
/// </summary>
internal static class CamtXml
{
    public static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = true,
    };

    /// <summary>
    /// An XML reader over <paramref name="path"/>: UTF-8 (or what the XML declaration says) when the bytes are valid
    /// UTF-8, else GB18030 whatever the declaration says (a GBK export often declares nothing).
    /// </summary>
    public static XmlReader Open(string path)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
        try
        {
            System.Text.Encoding? encoding = InputEncoding.Detect(stream);
            return encoding is null
                ? XmlReader.Create(stream, Settings)
                : XmlReader.Create(new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: false), Settings);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Loads the element the reader is on (with line numbers) and moves the reader past it.</summary>
    public static XElement Load(XmlReader reader)
    {
        XElement element;
        using (XmlReader subtree = reader.ReadSubtree())
        {
            element = XElement.Load(subtree, LoadOptions.SetLineInfo);
        }
        reader.Read();
        return element;
    }

    /// <summary>
    /// Calls <paramref name="onChild"/> on each child element of the element the reader is on, with the reader on the
    /// child's start; the callback must move past the child (<see cref="Load"/> or <see cref="XmlReader.Skip"/>). Ends past
    /// the element's end.
    /// </summary>
    public static void ForEachChild(XmlReader reader, Action<string> onChild)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return;
        }
        int depth = reader.Depth;
        reader.Read();
        while (!reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth)
            {
                reader.Read();
                return;
            }
            if (reader.NodeType == XmlNodeType.Element)
            {
                onChild(reader.LocalName);
            }
            else
            {
                reader.Read();
            }
        }
    }

    public static int Line(XObject node) => node is System.Xml.IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : 0;

    public static int Line(XmlReader reader) => reader is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : 0;

    /// <summary>The first descendant along <paramref name="path"/> by local name (camt elements share one namespace).</summary>
    public static XElement? At(this XElement? element, params ReadOnlySpan<string> path)
    {
        foreach (string name in path)
        {
            if (element is null)
            {
                return null;
            }
            element = Child(element, name);
        }
        return element;
    }

    /// <summary>The trimmed text along <paramref name="path"/>; null when absent or empty.</summary>
    public static string? Text(this XElement? element, params ReadOnlySpan<string> path)
    {
        string? value = element.At(path)?.Value.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }

    public static IEnumerable<XElement> All(this XElement element, string name) =>
        element.Elements().Where(e => e.Name.LocalName == name);

    private static XElement? Child(XElement element, string name)
    {
        foreach (XElement child in element.Elements())
        {
            if (child.Name.LocalName == name)
            {
                return child;
            }
        }
        return null;
    }
}
