using System.Text;

namespace Reconcile.Formats;

/// <summary>
/// ledger.csv cut into ranges of whole records (<see cref="LedgerReader.Split"/>), each readable on its own thread
/// with <see cref="LedgerReader.ReadPart"/>; the ranges are in file order.
/// </summary>
public sealed class LedgerParts
{
    internal LedgerParts(string path, string name, Header header, Encoding? encoding, IReadOnlyList<Range> ranges)
    {
        Path = path;
        Name = name;
        Header = header;
        Encoding = encoding;
        Ranges = ranges;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>What the entries' <see cref="Reconcile.Core.Model.LedgerEntry.Source"/> name the file by.</summary>
    public string Name { get; }

    /// <summary>The number of parts (0 when the file has only its header).</summary>
    public int Count => Ranges.Count;

    internal Header Header { get; }

    internal Encoding? Encoding { get; }

    internal IReadOnlyList<Range> Ranges { get; }

    /// <summary>Bytes [Start, End) of the file, starting on physical line FirstLine.</summary>
    internal readonly record struct Range(long Start, long End, int FirstLine);
}
