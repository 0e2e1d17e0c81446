using System.Security.Cryptography;
using CsvHelper;
using NodaTime;
using Reconcile.Core.Model;
using Reconcile.Engine.Outputs;

namespace Reconcile.Engine.Tests.Outputs;

/// <summary>
/// <see cref="OutputCsvWriter"/> against the CsvHelper writer it replaced (<see cref="OutputCsv.Options"/> and the
/// <see cref="OutputCsv"/> cell methods): the same bytes for every kind of cell.
/// </summary>
public sealed class OutputCsvWriterTests : IDisposable
{
    private readonly OutputFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string?> TrickyText() =>
    [
        null, "", "plain", "a,b", ",", "\"", "a\"b", "\"quoted\"", "a\r\nb", "a\nb", "a\rb", "\r", "\n", "\r\n",
        " leading", "trailing ", " ", "\t", "\tx", "x\t", "=1+2", "+1", "-12.30", "-", "@SUM(A1)", "=HYPERLINK(\"http://x\")",
        "'already", "a'b", "中文备注", "跨行转入 转账", "收款,备注", "“引号”", "=中文", "😀", "a😀,b", "\uD800", "x\uDC00y", "\uD83D\"",
        "\u0000", "a\u0000b", "semi;colon", "#comment", "\u00A0nbsp", "é", new string('x', 5000),
    ];

    [Theory]
    [MemberData(nameof(TrickyText))]
    public void Text_cells_are_quoted_guarded_and_encoded_as_CsvHelper_did(string? value) =>
        SameBytesAsCsvHelper(w =>
        {
            w.Text(value);
            w.Text("x");
            w.Text(value);
            w.EndRecord();
            w.Text("x");
            w.Text(value);
            w.Text(value);
            w.EndRecord();
        });

    [Theory]
    [MemberData(nameof(TrickyText))]
    public void A_record_of_one_text_cell_is_written_as_CsvHelper_did(string? value) =>
        SameBytesAsCsvHelper(w =>
        {
            w.Text(value);
            w.EndRecord();
            w.Text(value);
            w.EndRecord();
        });

    [Fact]
    public void Amounts_numbers_and_dates_are_written_as_CsvHelper_did()
    {
        long[] fens = [0, 1, -1, 5, -5, 10, -10, 99, 100, -100, 123450, -2800050, 100_000_000_000, long.MaxValue, long.MinValue, long.MinValue + 1];
        int[] numbers = [0, 1, -1, 2, 3, 42, int.MaxValue, int.MinValue];
        LocalDate[] dates = [new(2024, 11, 6), new(1, 1, 1), new(9999, 12, 31), new(2024, 2, 29)];

        SameBytesAsCsvHelper(w =>
        {
            foreach (long fen in fens)
            {
                w.Amount(Money.FromFen(fen));
                w.Amount(null);
                w.EndRecord();
            }
            foreach (int n in numbers)
            {
                w.Number(n);
                w.Date(dates[n & 3]);
                w.EndRecord();
            }
            w.Amount(null);
            w.Amount(null);
            w.EndRecord();
        });
    }

    [Fact]
    public void Cells_longer_than_the_buffer_are_written_whole()
    {
        // 3 MiB of characters that take 1, 2, 3 and 4 bytes, with quotes to double: buffer ends fall inside them.
        string huge = string.Concat(Enumerable.Repeat("ab\"é中😀,", 300_000));

        byte[] written = SameBytesAsCsvHelper(w =>
        {
            w.Text("=" + huge);
            w.Text(huge);
            w.EndRecord();
        });

        written.Should().HaveCountGreaterThan(3 << 20);
    }

    [Fact]
    public void Sha256_is_computed_while_writing_and_equals_the_hash_of_the_file_bytes()
    {
        string path = _folder.File("big.csv");
        (int rows, string sha256) = OutputCsvWriter.WriteFile(path, w =>
        {
            w.WriteHeader(["a", "b", "c"]);
            for (int i = 0; i < 100_000; i++)
            {
                w.Text($"row {i}, 中文");
                w.Amount(Money.FromFen(-i));
                w.Number(i);
                w.EndRecord();
            }
            return 100_000;
        });

        byte[] bytes = File.ReadAllBytes(path);
        bytes.Length.Should().BeGreaterThan(2 << 20, "the file spans several buffers");
        rows.Should().Be(100_000);
        sha256.Should().Be(Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    [Fact]
    public void An_empty_file_is_the_byte_order_mark_and_its_hash()
    {
        string path = _folder.File("empty.csv");
        (_, string sha256) = OutputCsvWriter.WriteFile(path, _ => 0);

        File.ReadAllBytes(path).Should().Equal(0xEF, 0xBB, 0xBF);
        sha256.Should().Be(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))));
    }

    /// <summary>Writes the cells with an <see cref="OutputCsvWriter"/> and with CsvHelper; asserts the same bytes and returns them.</summary>
    [Fact]
    public void Chunks_appended_in_order_give_the_bytes_and_hash_of_one_pass()
    {
        string whole = _folder.File("whole.csv");
        string chunked = _folder.File("chunked.csv");
        string[] cells = [.. Enumerable.Range(0, 40_000).Select(i => i % 7 == 0 ? $"=流水{i},\"x\"" : $"S{i:D12}")];

        var (_, wholeHash) = OutputCsvWriter.WriteFile(whole, w =>
        {
            foreach (string c in cells)
            {
                w.Text(c);
                w.EndRecord();
            }
            return cells.Length;
        });
        var (_, chunkedHash) = OutputCsvWriter.WriteFile(chunked, w =>
        {
            foreach (string[] part in cells.Chunk(13_001))
            {
                using OutputCsvWriter chunk = OutputCsvWriter.Chunk();
                foreach (string c in part)
                {
                    chunk.Text(c);
                    chunk.EndRecord();
                }
                w.Append(chunk);
            }
            return cells.Length;
        });

        File.ReadAllBytes(chunked).Should().Equal(File.ReadAllBytes(whole));
        chunkedHash.Should().Be(wholeHash);
    }

    [Fact]
    public void A_chunk_that_ends_inside_a_record_is_refused_and_has_no_file_of_its_own()
    {
        using var file = new OutputCsvWriter(_folder.File("f.csv"));
        using OutputCsvWriter chunk = OutputCsvWriter.Chunk();
        chunk.Text("half");

        file.Invoking(f => f.Append(chunk)).Should().Throw<InvalidOperationException>().WithMessage("*inside a record*");
        chunk.Invoking(c => c.Complete()).Should().Throw<InvalidOperationException>();
    }

    private byte[] SameBytesAsCsvHelper(Action<ICells> write)
    {
        string path = _folder.File(Guid.NewGuid().ToString("N") + ".csv");
        OutputCsvWriter.WriteFile(path, w =>
        {
            write(new WriterCells(w));
            return 0;
        });
        byte[] actual = File.ReadAllBytes(path);

        using var stream = new MemoryStream();
        using (CsvWriter w = CsvWriter.Create(stream, OutputCsv.Options, leaveOpen: true))
        {
            write(new CsvHelperCells(w));
        }

        actual.Should().Equal(stream.ToArray());
        return actual;
    }

    /// <summary>The cell methods both writers have.</summary>
    private interface ICells
    {
        void Text(string? value);
        void Amount(Money? value);
        void Number(int value);
        void Date(LocalDate value);
        void EndRecord();
    }

    private sealed class WriterCells(OutputCsvWriter w) : ICells
    {
        public void Text(string? value) => w.Text(value);
        public void Amount(Money? value) => w.Amount(value);
        public void Number(int value) => w.Number(value);
        public void Date(LocalDate value) => w.Date(value);
        public void EndRecord() => w.EndRecord();
    }

    /// <summary>The CsvHelper writer with the cell methods the outputs used before.</summary>
    private sealed class CsvHelperCells(CsvWriter w) : ICells
    {
        public void Text(string? value) => w.Text(value);
        public void Amount(Money? value) => w.Amount(value);
        public void Number(int value) => w.Number(value);
        public void Date(LocalDate value) => w.Date(value);
        public void EndRecord() => w.EndRecord();
    }
}
