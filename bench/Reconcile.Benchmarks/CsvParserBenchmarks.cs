using System.Text;
using BenchmarkDotNet.Attributes;
using CsvHelper;
using nietras.SeparatedValues;
using Reconcile.Core.Model;
using Sylvan.Data.Csv;

namespace Reconcile.Benchmarks;

/// <summary>
/// The CSV parsers side by side on the real layouts (issue 13.4): CsvHelper 34 (what Formats uses), Sep 0.18 and
/// Sylvan.Data.Csv 1.4, each tokenising every field of every row of the 100k day's ledger.csv (UTF-8, ~100k rows)
/// and of its largest CEB statement (GB18030, a preamble and a trailer with other field counts). The work per row is
/// the same for all three: every field's length is summed, so no parser can skip a field. Only the parse: the
/// engine's typed readers add the field checks and the records on top (ReaderBenchmarks).
/// </summary>
[MemoryDiagnoser]
public class CsvParserBenchmarks
{
    private static readonly Encoding Gb18030 = GetGb18030();

    private string _ledger = null!;
    private string _ceb = null!;

    [GlobalSetup]
    public void Setup()
    {
        var inbox = BenchInbox.Instance;
        _ledger = inbox.LedgerPath;
        _ceb = inbox.StatementOf[Bank.CEB];
    }

    [Benchmark(Baseline = true)]
    public long Ledger_CsvHelper() => WithCsvHelper(_ledger, null);

    [Benchmark]
    public long Ledger_Sep() => WithSep(_ledger, Encoding.UTF8);

    [Benchmark]
    public long Ledger_Sylvan() => WithSylvan(_ledger, Encoding.UTF8);

    [Benchmark]
    public long CebGb18030_CsvHelper() => WithCsvHelper(_ceb, Gb18030);

    [Benchmark]
    public long CebGb18030_Sep() => WithSep(_ceb, Gb18030);

    [Benchmark]
    public long CebGb18030_Sylvan() => WithSylvan(_ceb, Gb18030);

    private static long WithCsvHelper(string path, Encoding? encoding)
    {
        using var stream = File.OpenRead(path);
        using var reader = CsvReader.Create(stream, CsvReaderOptions.Default with
        {
            Separator = ',', HasHeader = false, DetectSeparatorHint = false, Encoding = encoding,
        }, false);
        long sum = 0;
        while (reader.Read())
        {
            for (int i = 0; i < reader.FieldCount; i++)
            {
                sum += reader.GetSpan(i).Length;
            }
        }
        return sum;
    }

    private static long WithSep(string path, Encoding encoding)
    {
        using var text = new StreamReader(path, encoding, detectEncodingFromByteOrderMarks: true, 1 << 16);
        using var reader = Sep.Reader(o => o with { Sep = new Sep(','), HasHeader = false, DisableColCountCheck = true, Unescape = true })
            .From(text);
        long sum = 0;
        foreach (var row in reader)
        {
            for (int i = 0; i < row.ColCount; i++)
            {
                sum += row[i].Span.Length;
            }
        }
        return sum;
    }

    private static long WithSylvan(string path, Encoding encoding)
    {
        using var text = new StreamReader(path, encoding, detectEncodingFromByteOrderMarks: true, 1 << 16);
        using var reader = Sylvan.Data.Csv.CsvDataReader.Create(text, new CsvDataReaderOptions { HasHeaders = false, Delimiter = ',' });
        long sum = 0;
        while (reader.Read())
        {
            for (int i = 0; i < reader.RowFieldCount; i++)
            {
                sum += reader.GetFieldSpan(i).Length;
            }
        }
        return sum;
    }

    private static Encoding GetGb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030");
    }
}
