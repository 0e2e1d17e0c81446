using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace Reconcile.Application.Export;

/// <summary>
/// Makes a saved workbook byte-identical from one export to the next. ClosedXML (through the Open XML SDK) names the
/// core-properties part with a fresh GUID, gives the package relationships random ids and stamps every zip entry
/// with the time of saving. This rewrites the package: the core-properties part under a fixed name, the package
/// relationship ids numbered in order, every entry with one fixed time, entries in a fixed order
/// ([Content_Types].xml first, then ordinal by name).
/// </summary>
public static partial class DeterministicZip
{
    /// <summary>The time every entry carries: the earliest a zip (DOS) timestamp can hold.</summary>
    public static readonly DateTimeOffset EntryTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private const string ContentTypes = "[Content_Types].xml";
    private const string PackageRels = "_rels/.rels";
    private const string CorePropertiesFolder = "package/services/metadata/core-properties/";
    private const string CorePropertiesName = CorePropertiesFolder + "core.psmdcp";

    public static byte[] Normalize(byte[] package)
    {
        ArgumentNullException.ThrowIfNull(package);
        var parts = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        using (var input = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read))
        {
            foreach (ZipArchiveEntry entry in input.Entries)
            {
                using Stream s = entry.Open();
                using var buffer = new MemoryStream();
                s.CopyTo(buffer);
                parts.Add(entry.FullName, buffer.ToArray());
            }
        }

        string? core = parts.Keys.FirstOrDefault(n => n.StartsWith(CorePropertiesFolder, StringComparison.Ordinal) && n.EndsWith(".psmdcp", StringComparison.Ordinal));
        if (core is not null && core != CorePropertiesName)
        {
            parts[CorePropertiesName] = parts[core];
            parts.Remove(core);
        }
        if (parts.TryGetValue(PackageRels, out byte[]? rels))
        {
            string text = Encoding.UTF8.GetString(rels);
            if (core is not null)
            {
                text = text.Replace("/" + core, "/" + CorePropertiesName, StringComparison.Ordinal);
            }
            int n = 0;
            text = RandomRelationshipId().Replace(text, _ => $"Id=\"rIdPkg{++n}\"");
            parts[PackageRels] = Encoding.UTF8.GetBytes(text);
        }

        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            IEnumerable<string> order = parts.Keys.Where(k => k == ContentTypes).Concat(parts.Keys.Where(k => k != ContentTypes));
            foreach (string name in order)
            {
                ZipArchiveEntry entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                entry.LastWriteTime = EntryTime;
                using Stream s = entry.Open();
                s.Write(parts[name]);
            }
        }
        return output.ToArray();
    }

    /// <summary>The Open XML SDK's generated ids: "R" + 16 hex digits.</summary>
    [GeneratedRegex("Id=\"R[0-9a-f]{16}\"")]
    private static partial Regex RandomRelationshipId();
}
