using System.Text;
using NodaTime;
using NodaTime.Text;
using Reconcile.Core.Model;

namespace Reconcile.Formats.Tests;

public sealed class FieldParsersTests
{
    private static byte[] U(string s) => Encoding.UTF8.GetBytes(s);

    [Theory]
    [InlineData("2024-11-06T03:19:50Z")]
    [InlineData("2024-11-06T09:10:00+08:00")]
    [InlineData("2024-11-06T23:59:59-05:30")]
    [InlineData("2024-11-06T09:10:00.5+08:00")]
    [InlineData("2024-11-06T09:10:00+08")]
    [InlineData("2024-02-29T00:00:00Z")]
    [InlineData("2024-11-06T24:00:00Z")]
    public void Timestamp_is_the_instant_nodatime_reads(string text)
    {
        FieldParsers.TryTimestamp(U(text), out Instant instant).Should().BeTrue();

        instant.Should().Be(OffsetDateTimePattern.ExtendedIso.Parse(text).Value.ToInstant());
    }

    [Theory]
    [InlineData("2024-11-06T09:10:00")]
    [InlineData("2024-11-06 09:10:00+08:00")]
    [InlineData("2023-02-29T00:00:00Z")]
    [InlineData("2024-11-06T25:00:00Z")]
    [InlineData("2024-11-06T09:60:00Z")]
    [InlineData("2024-11-06T09:10:00+19:00")]
    [InlineData("")]
    public void Timestamp_without_offset_or_impossible_is_rejected(string text)
    {
        FieldParsers.TryTimestamp(U(text), out _).Should().BeFalse();
    }

    [Theory]
    [InlineData("12,000,000.00", 1_200_000_000)]
    [InlineData("20.00", 2000)]
    [InlineData("-1,234.5", -123_450)]
    [InlineData("8800000.00", 880_000_000)]
    public void Yuan_with_thousands_separators_is_read_as_fen(string text, long fen)
    {
        FieldParsers.TryYuan(U(text), out Money money).Should().BeTrue();

        money.Should().Be(Money.FromFen(fen));
    }

    [Theory]
    [InlineData("1.001")]
    [InlineData("12,00.00")]
    [InlineData("１２.00")]
    [InlineData("")]
    public void Malformed_yuan_is_rejected(string text)
    {
        FieldParsers.TryYuan(U(text), out _).Should().BeFalse();
    }

    [Theory]
    [InlineData("20240229", true)]
    [InlineData("20230229", false)]
    [InlineData("2024110", false)]
    [InlineData("2024-11-06", false)]
    public void Basic_date_is_checked_against_the_calendar(string text, bool valid)
    {
        FieldParsers.TryBasicDate(U(text), out _).Should().Be(valid);
    }
}
