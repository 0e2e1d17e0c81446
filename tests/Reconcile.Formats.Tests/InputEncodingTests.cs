using System.Text;

namespace Reconcile.Formats.Tests;

public sealed class InputEncodingTests
{
    private static Encoding? Detect(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        stream.Position = 5 % Math.Max(1, bytes.Length); // detection reads from the start whatever the position
        Encoding? encoding = InputEncoding.Detect(stream);
        stream.Position.Should().Be(0);
        return encoding;
    }

    [Fact]
    public void Utf8_bom_means_utf8()
    {
        Detect([.. Encoding.UTF8.GetPreamble(), .. InputEncoding.Gb18030.GetBytes("账号")]).Should().BeNull();
    }

    [Fact]
    public void Valid_utf8_means_utf8()
    {
        Detect(Encoding.UTF8.GetBytes("交易时间,记账日期\n")).Should().BeNull();
    }

    [Fact]
    public void Ascii_means_utf8()
    {
        Detect(Encoding.ASCII.GetBytes("entry_id,order_id\n")).Should().BeNull();
    }

    [Fact]
    public void Chinese_text_that_is_not_utf8_means_gb18030()
    {
        Detect(InputEncoding.Gb18030.GetBytes("中国光大银行对公账户交易明细\r\n")).Should().BeSameAs(InputEncoding.Gb18030);
    }

    [Fact]
    public void Gbk_text_late_in_a_large_file_means_gb18030()
    {
        byte[] bytes = [.. Encoding.ASCII.GetBytes(new string('a', 200_000)), .. InputEncoding.Gb18030.GetBytes("手续费")];

        Detect(bytes).Should().BeSameAs(InputEncoding.Gb18030);
    }

    [Theory]
    [InlineData(65_535)]
    [InlineData(65_534)]
    [InlineData(65_533)]
    public void Utf8_character_split_across_read_chunks_is_still_utf8(int asciiBefore)
    {
        byte[] bytes = [.. Encoding.ASCII.GetBytes(new string('a', asciiBefore)), .. Encoding.UTF8.GetBytes("中文𠀀结束")];

        Detect(bytes).Should().BeNull();
    }

    [Fact]
    public void Utf8_sequence_cut_at_the_end_of_the_file_means_gb18030()
    {
        byte[] utf8 = Encoding.UTF8.GetBytes("中");

        Detect([.. Encoding.ASCII.GetBytes("abc"), .. utf8.AsSpan(0, 2)]).Should().BeSameAs(InputEncoding.Gb18030);
    }
}
