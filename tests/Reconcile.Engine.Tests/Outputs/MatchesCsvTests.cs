using CsvHelper;
using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;
using Reconcile.Engine.Outputs;

namespace Reconcile.Engine.Tests.Outputs;

/// <summary>matches.csv against what the CsvHelper writer with one full sort of the rows wrote before.</summary>
public sealed class MatchesCsvTests : IDisposable
{
    private static readonly string[] Serials =
    [
        "", "S1", "S10", "S2", "C241106030036789", "PA883120241106110000001", "PA883120241106110000002",
        "PA8831202411061100000010000000000001", "PA8831202411061100000010000000000002", "PA883120241106110000001000000000000",
        "S1\u0000", "S1\u0000\u0000", "S\u00001", "流水001", "流水002", "S流水", "S\u007F", "S\u0080", "S\uFFFF", "\uD83D\uDE00",
        "-S1", "=S1", "S,1", "S\"1", "S\r\n1", " S1", "s1",
    ];

    private static readonly string[] Ids = ["L1", "L2", "L10", "", "L1;L2", "中", "-L", "L,1", "L\"1", "L\n1"];

    private readonly OutputFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(1, MatchesCsv.DefaultChunkRows)]
    [InlineData(2, MatchesCsv.DefaultChunkRows)]
    [InlineData(3, MatchesCsv.DefaultChunkRows)]
    [InlineData(1, 97)]
    [InlineData(2, 1)]
    [InlineData(3, 5099)]
    public void Matches_csv_has_the_bytes_of_one_full_sort_written_by_CsvHelper_for_tricky_values(int seed, int chunkRows)
    {
        var random = new Random(seed);
        string[] accounts = ["A1", "A10", "A2", "B", "账户", "-A", "A,1", "A1"[..1] + "1"];
        var matches = new List<MatchRecord>();
        for (int i = 0; i < 5000; i++)
        {
            string serial = random.Next(4) == 0
                ? Serials[random.Next(Serials.Length)]
                : (random.Next(2) == 0 ? "PA8831202411061" : "C24110603") + random.Next(1000).ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
            string[] ids = [.. Enumerable.Range(0, random.Next(4)).Select(_ => Ids[random.Next(Ids.Length)])];
            matches.Add(new MatchRecord(
                accounts[random.Next(accounts.Length)],
                serial,
                ids,
                (MatchRule)random.Next(Enum.GetValues<MatchRule>().Length),
                Money.FromFen(random.Next(-300, 300))));
        }
        matches.AddRange(matches.Take(100).ToList());

        string path = _folder.File("matches.csv");
        OutputCsvWriter.WriteFile(path, w => MatchesCsv.Write(w, matches, chunkRows)).Rows.Should().Be(matches.Count);

        File.ReadAllBytes(path).Should().Equal(WrittenBefore(matches));
    }

    [Fact]
    public void Ledger_entry_ids_compare_as_the_joined_text()
    {
        string[][] lists = [[], [""], ["", ""], ["a"], ["a", ""], ["a", "b"], ["a;b"], ["a:"], ["a", "b", "c"], ["ab"], [";"], ["a\u0000"]];
        foreach (string[] a in lists)
        {
            foreach (string[] b in lists)
            {
                int expected = Math.Sign(string.CompareOrdinal(string.Join(';', a), string.Join(';', b)));
                Math.Sign(MatchOrder.CompareJoined(a, b)).Should().Be(expected, $"[{string.Join('|', a)}] vs [{string.Join('|', b)}]");
            }
        }
    }

    /// <summary>The writer before: a comparison sort of the rows with their ids joined, then CsvHelper.</summary>
    private static byte[] WrittenBefore(IEnumerable<MatchRecord> matches)
    {
        var rows = matches.Select(m => (Match: m, Ids: string.Join(';', m.LedgerEntryIds), Rule: m.Rule.ToString())).ToList();
        rows.Sort((a, b) =>
        {
            int c = string.CompareOrdinal(a.Match.AccountNo, b.Match.AccountNo);
            if (c == 0) c = string.CompareOrdinal(a.Match.BankSerial, b.Match.BankSerial);
            if (c == 0) c = string.CompareOrdinal(a.Ids, b.Ids);
            if (c == 0) c = string.CompareOrdinal(a.Rule, b.Rule);
            if (c == 0) c = a.Match.Amount.CompareTo(b.Match.Amount);
            return c;
        });
        using var stream = new MemoryStream();
        using (CsvWriter w = CsvWriter.Create(stream, OutputCsv.Options, leaveOpen: true))
        {
            w.WriteHeader(MatchesCsv.Header);
            foreach (var r in rows)
            {
                w.Text(r.Match.AccountNo);
                w.Text(r.Match.BankSerial);
                w.Text(r.Ids);
                w.Text(r.Rule);
                w.Amount(r.Match.Amount);
                w.EndRecord();
            }
        }
        return stream.ToArray();
    }
}
