using System.IO.Compression;
using System.Text;
using Reconcile.Application.Export;

namespace Reconcile.Cli.Tests.Export;

public sealed class DeterministicZipTests
{
    private static byte[] Zip(DateTimeOffset time, string coreGuid, string relId, params string[] order)
    {
        var parts = new Dictionary<string, string>
        {
            ["[Content_Types].xml"] = "<Types/>",
            ["xl/workbook.xml"] = "<workbook/>",
            [$"package/services/metadata/core-properties/{coreGuid}.psmdcp"] = "<coreProperties/>",
            ["_rels/.rels"] = $"<Relationships><Relationship Target=\"/package/services/metadata/core-properties/{coreGuid}.psmdcp\" Id=\"{relId}\" /></Relationships>",
        };
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (string key in order.Select(o => parts.Keys.Single(k => k.StartsWith(o, StringComparison.Ordinal))))
            {
                ZipArchiveEntry e = zip.CreateEntry(key, CompressionLevel.Fastest);
                e.LastWriteTime = time;
                using Stream s = e.Open();
                s.Write(Encoding.UTF8.GetBytes(parts[key]));
            }
        }
        return buffer.ToArray();
    }

    [Fact]
    public void Saves_at_different_times_with_fresh_ids_normalize_to_the_same_bytes()
    {
        byte[] a = Zip(new DateTimeOffset(2024, 11, 7, 10, 0, 0, TimeSpan.Zero), "452ecc26f607439c980df06b49340a11", "Rf6585eb0819949c9",
            "xl/", "package/", "_rels/", "[Content_Types]");
        byte[] b = Zip(new DateTimeOffset(2025, 1, 2, 3, 4, 6, TimeSpan.Zero), "bf13718b9c9b4dcf9c096aadf9ff6460", "R26ec45a9ce4142d5",
            "[Content_Types]", "_rels/", "package/", "xl/");

        a.Should().NotEqual(b);
        DeterministicZip.Normalize(a).Should().Equal(DeterministicZip.Normalize(b));
    }

    [Fact]
    public void Normalized_package_has_fixed_names_ids_times_and_order()
    {
        byte[] normalized = DeterministicZip.Normalize(Zip(DateTimeOffset.UtcNow, "452ecc26f607439c980df06b49340a11", "Rf6585eb0819949c9",
            "xl/", "package/", "_rels/", "[Content_Types]"));

        using var zip = new ZipArchive(new MemoryStream(normalized), ZipArchiveMode.Read);
        zip.Entries.Select(e => e.FullName).Should().Equal(
            "[Content_Types].xml", "_rels/.rels", "package/services/metadata/core-properties/core.psmdcp", "xl/workbook.xml");
        zip.Entries.Should().OnlyContain(e => e.LastWriteTime.DateTime == new DateTime(1980, 1, 1));
        using var rels = new StreamReader(zip.GetEntry("_rels/.rels")!.Open());
        rels.ReadToEnd().Should().Be("<Relationships><Relationship Target=\"/package/services/metadata/core-properties/core.psmdcp\" Id=\"rIdPkg1\" /></Relationships>");
    }
}
