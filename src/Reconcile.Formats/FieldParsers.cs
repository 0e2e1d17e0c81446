using System.Globalization;
using System.Text;
using NodaTime;
using NodaTime.Text;
using Reconcile.Core.Model;

namespace Reconcile.Formats;

/// <summary>
/// Parsers for field values as the CSV reader hands them over (UTF-8 bytes, already trimmed). They allocate
/// nothing on success and return false for anything that does not have the exact shape; the caller turns
/// false into an <see cref="InputException"/> naming the column.
/// </summary>
internal static class FieldParsers
{
    private const int MaxNumberLength = 64;

    /// <summary>
    /// The largest amount or balance an input field may hold, in fen: 10,000,000,000,000.00 yuan (10 万亿). Far above any
    /// escrow account, and far enough below the money type's range (±9.2·10^18 fen) that the sums a run makes of a day's
    /// lines cannot overflow; a field beyond it is an input error, not an overflow later.
    /// </summary>
    public const long MaxFen = 1_000_000_000_000_000;

    /// <summary>Yuan as <see cref="Money.TryParseYuan"/> reads it ("12,000,000.00", "-20.5"), at most <see cref="MaxFen"/> either way.</summary>
    public static bool TryYuan(ReadOnlySpan<byte> utf8, out Money value)
    {
        value = Money.Zero;
        if (utf8.Length > MaxNumberLength)
        {
            return false;
        }
        Span<char> chars = stackalloc char[utf8.Length];
        for (int i = 0; i < utf8.Length; i++)
        {
            byte b = utf8[i];
            if (b >= 0x80)
            {
                return false; // digits, signs and separators are ASCII
            }
            chars[i] = (char)b;
        }
        return Money.TryParseYuan(chars, out value) && value.Fen is >= -MaxFen and <= MaxFen;
    }

    /// <summary>Signed integer fen ("-5000000"), at most <see cref="MaxFen"/> either way.</summary>
    public static bool TryFen(ReadOnlySpan<byte> utf8, out Money value)
    {
        if (long.TryParse(utf8, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long fen) && fen is >= -MaxFen and <= MaxFen)
        {
            value = Money.FromFen(fen);
            return true;
        }
        value = Money.Zero;
        return false;
    }

    /// <summary>A non-negative count ("2").</summary>
    public static bool TryCount(ReadOnlySpan<byte> utf8, out int value) =>
        int.TryParse(utf8, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    /// <summary>yyyy-MM-dd.</summary>
    public static bool TryIsoDate(ReadOnlySpan<byte> s, out LocalDate date)
    {
        date = default;
        return s.Length == 10 && s[4] == '-' && s[7] == '-'
            && TryDigits(s, 0, 4, out int year) && TryDigits(s, 5, 2, out int month) && TryDigits(s, 8, 2, out int day)
            && TryDate(year, month, day, out date);
    }

    /// <summary>yyyyMMdd.</summary>
    public static bool TryBasicDate(ReadOnlySpan<byte> s, out LocalDate date)
    {
        date = default;
        return s.Length == 8
            && TryDigits(s, 0, 4, out int year) && TryDigits(s, 4, 2, out int month) && TryDigits(s, 6, 2, out int day)
            && TryDate(year, month, day, out date);
    }

    /// <summary>HHmmss.</summary>
    public static bool TryBasicTime(ReadOnlySpan<byte> s, out LocalTime time)
    {
        time = default;
        return s.Length == 6
            && TryDigits(s, 0, 2, out int hour) && TryDigits(s, 2, 2, out int minute) && TryDigits(s, 4, 2, out int second)
            && TryTime(hour, minute, second, out time);
    }

    /// <summary>HH:mm:ss.</summary>
    public static bool TryExtendedTime(ReadOnlySpan<byte> s, out LocalTime time)
    {
        time = default;
        return s.Length == 8 && s[2] == ':' && s[5] == ':'
            && TryDigits(s, 0, 2, out int hour) && TryDigits(s, 3, 2, out int minute) && TryDigits(s, 6, 2, out int second)
            && TryTime(hour, minute, second, out time);
    }

    /// <summary>yyyy/MM/dd HH:mm:ss (PAB 交易时间).</summary>
    public static bool TrySlashDateTime(ReadOnlySpan<byte> s, out LocalDateTime value)
    {
        value = default;
        if (s.Length != 19 || s[4] != '/' || s[7] != '/' || s[10] != ' '
            || !TryDigits(s, 0, 4, out int year) || !TryDigits(s, 5, 2, out int month) || !TryDigits(s, 8, 2, out int day)
            || !TryDate(year, month, day, out LocalDate date)
            || !TryExtendedTime(s[11..], out LocalTime time))
        {
            return false;
        }
        value = date + time;
        return true;
    }

    /// <summary>
    /// An ISO-8601 timestamp with an offset, as NodaTime's <see cref="OffsetDateTimePattern.ExtendedIso"/> reads
    /// it ("2024-11-06T03:19:50Z", "2024-11-06T09:10:00+08:00", fractions of a second, "+08"). The usual
    /// shapes (seconds, then Z or ±HH:mm) are parsed here without allocating; the rest go to the pattern.
    /// A timestamp without an offset is rejected: it would not say which instant it is.
    /// </summary>
    public static bool TryTimestamp(ReadOnlySpan<byte> s, out Instant instant)
    {
        if (TryCommonTimestamp(s, out instant))
        {
            return true;
        }
        if (s.Length > 64)
        {
            return false;
        }
        ParseResult<OffsetDateTime> result = OffsetDateTimePattern.ExtendedIso.Parse(Encoding.UTF8.GetString(s));
        if (!result.Success)
        {
            return false;
        }
        instant = result.Value.ToInstant();
        return true;
    }

    private static bool TryCommonTimestamp(ReadOnlySpan<byte> s, out Instant instant)
    {
        instant = default;
        if (s.Length is not (20 or 25) || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':'
            || !TryDigits(s, 0, 4, out int year) || !TryDigits(s, 5, 2, out int month) || !TryDigits(s, 8, 2, out int day)
            || !TryDigits(s, 11, 2, out int hour) || !TryDigits(s, 14, 2, out int minute) || !TryDigits(s, 17, 2, out int second)
            || !TryDate(year, month, day, out LocalDate date) || !TryTime(hour, minute, second, out LocalTime time))
        {
            return false;
        }
        int offsetSeconds;
        if (s.Length == 20)
        {
            if (s[19] != 'Z')
            {
                return false;
            }
            offsetSeconds = 0;
        }
        else
        {
            if (s[19] is not ((byte)'+' or (byte)'-') || s[22] != ':'
                || !TryDigits(s, 20, 2, out int offsetHours) || !TryDigits(s, 23, 2, out int offsetMinutes)
                || offsetHours > 18 || offsetMinutes > 59)
            {
                return false;
            }
            offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * (s[19] == '-' ? -1 : 1);
            if (Math.Abs(offsetSeconds) > 18 * 3600)
            {
                return false;
            }
        }
        instant = new OffsetDateTime(date + time, Offset.FromSeconds(offsetSeconds)).ToInstant();
        return true;
    }

    /// <summary>yyyy-MM-dd, for messages.</summary>
    public static string IsoText(LocalDate date) => LocalDatePattern.Iso.Format(date);

    /// <summary>yyyyMMdd, for messages.</summary>
    public static string BasicText(LocalDate date) => BasicDate.Format(date);

    private static readonly LocalDatePattern BasicDate = LocalDatePattern.CreateWithInvariantCulture("uuuuMMdd");

    private static bool TryDigits(ReadOnlySpan<byte> s, int start, int count, out int value)
    {
        value = 0;
        for (int i = start; i < start + count; i++)
        {
            int digit = s[i] - '0';
            if ((uint)digit > 9)
            {
                return false;
            }
            value = value * 10 + digit;
        }
        return true;
    }

    private static bool TryDate(int year, int month, int day, out LocalDate date)
    {
        date = default;
        if (year < 1 || month < 1 || month > 12 || day < 1 || day > CalendarSystem.Iso.GetDaysInMonth(year, month))
        {
            return false;
        }
        date = new LocalDate(year, month, day);
        return true;
    }

    private static bool TryTime(int hour, int minute, int second, out LocalTime time)
    {
        time = default;
        if (hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }
        time = new LocalTime(hour, minute, second);
        return true;
    }
}
