using System.Text;
using Reconcile.Samples.Output;
using Reconcile.Samples.Random;

namespace Reconcile.Samples.Tests;

public sealed class OutputTests
{
    [Fact]
    public void Pcg32_gives_the_reference_sequence()
    {
        // pcg32-demo of the reference C implementation: pcg32_srandom(42, 54), first six outputs.
        var rng = new Pcg32(42UL, 54UL);

        uint[] first = Enumerable.Range(0, 6).Select(_ => rng.NextUInt()).ToArray();

        first.Should().Equal(0xa15c02b7u, 0x7b47f409u, 0xba1d3330u, 0x83d2f293u, 0xbfa4784bu, 0xcbed606eu);
    }

    [Fact]
    public void Pcg32_streams_of_one_seed_differ_and_repeat()
    {
        uint[] Draw(long seed, int stream)
        {
            var rng = new Pcg32(seed, stream);
            return Enumerable.Range(0, 4).Select(_ => rng.NextUInt()).ToArray();
        }

        Draw(1, 0).Should().Equal(Draw(1, 0));
        Draw(1, 0).Should().NotEqual(Draw(1, 1));
        Draw(1, 0).Should().NotEqual(Draw(2, 0));
    }

    [Theory]
    [InlineData(0L, "0.00")]
    [InlineData(5L, "0.05")]
    [InlineData(123456L, "1234.56")]
    [InlineData(-250000L, "-2500.00")]
    public void Yuan_has_two_decimals_and_no_grouping(long fen, string expected) =>
        Format(w => w.Yuan(fen)).Should().Be(expected);

    [Theory]
    [InlineData(2000L, "20.00")]
    [InlineData(99999L, "999.99")]
    [InlineData(100000L, "\"1,000.00\"")]
    [InlineData(1230000000L, "\"12,300,000.00\"")]
    public void Grouped_yuan_is_quoted_when_it_has_a_separator(long fen, string expected) =>
        Format(w => w.YuanGrouped(fen)).Should().Be(expected);

    [Theory]
    [InlineData(7L, 7, "0000007")]
    [InlineData(12345678L, 7, "12345678")]
    [InlineData(3L, 2, "03")]
    public void Padded_numbers_keep_their_leading_zeros(long value, int width, string expected) =>
        Format(w => w.Padded(value, width)).Should().Be(expected);

    [Fact]
    public void Times_are_written_with_and_without_colons() =>
        Format(w =>
        {
            w.Time(86399, colons: true);
            w.Comma();
            w.Time(3723, colons: false);
        }).Should().Be("23:59:59,010203");

    [Fact]
    public void Text_is_encoded_once_in_both_encodings()
    {
        var text = new Text("冲正");

        text.Gb.Should().Equal(0xB3, 0xE5, 0xD5, 0xFD);
        text.Utf8.Should().Equal(Encoding.UTF8.GetBytes("冲正"));
        Format(w => w.Text(text), TextEncoding.Gb18030).Should().Be("冲正");
    }

    [Fact]
    public void Text_that_would_need_quoting_is_refused()
    {
        Action comma = () => _ = new Text("a,b");

        comma.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void A_row_longer_than_the_buffer_is_drained_in_pieces()
    {
        using var w = new MemoryRowBuffer(16);
        for (int i = 0; i < 100; i++)
        {
            w.Padded(i, 3);
        }
        w.Dispose();

        w.Output.Length.Should().Be(300);
        Encoding.ASCII.GetString(w.Output.ToArray()).Should().StartWith("000001002").And.EndWith("099");
    }

    private static string Format(Action<RowBuffer> write, TextEncoding encoding = TextEncoding.Utf8)
    {
        var w = new MemoryRowBuffer(64) { Encoding = encoding };
        write(w);
        w.Dispose();
        return (encoding == TextEncoding.Utf8 ? Encoding.UTF8 : Text.Gb18030).GetString(w.Output.ToArray());
    }

    private sealed class MemoryRowBuffer(int size) : RowBuffer(new byte[size])
    {
        public MemoryStream Output { get; } = new();

        protected override byte[] Hand(byte[] buffer, int count)
        {
            Output.Write(buffer, 0, count);
            return buffer;
        }
    }
}
