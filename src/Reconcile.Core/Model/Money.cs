using System.Globalization;

namespace Reconcile.Core.Model;

/// <summary>
/// An amount of CNY held as integer fen (分). Arithmetic is checked: an overflow throws rather than wraps.
/// <see cref="ToString"/> prints yuan with exactly two decimals and no thousands separators ("-1234.50").
/// Immutable and thread-safe.
/// </summary>
public readonly struct Money : IEquatable<Money>, IComparable<Money>
{
    public static readonly Money Zero = default;

    private Money(long fen) => Fen = fen;

    /// <summary>The amount in fen (1 yuan = 100 fen).</summary>
    public long Fen { get; }

    public bool IsZero => Fen == 0;
    public bool IsNegative => Fen < 0;

    public static Money FromFen(long fen) => new(fen);

    public static Money FromYuan(decimal yuan)
    {
        decimal fen = yuan * 100m;
        if (fen != decimal.Truncate(fen))
        {
            throw new ArgumentException($"{yuan} has more than two decimals", nameof(yuan));
        }
        return new Money(checked((long)fen));
    }

    public Money Abs() => Fen < 0 ? new Money(checked(-Fen)) : this;

    public static Money operator +(Money a, Money b) => new(checked(a.Fen + b.Fen));
    public static Money operator -(Money a, Money b) => new(checked(a.Fen - b.Fen));
    public static Money operator -(Money a) => new(checked(-a.Fen));
    public static bool operator ==(Money a, Money b) => a.Fen == b.Fen;
    public static bool operator !=(Money a, Money b) => a.Fen != b.Fen;
    public static bool operator <(Money a, Money b) => a.Fen < b.Fen;
    public static bool operator >(Money a, Money b) => a.Fen > b.Fen;
    public static bool operator <=(Money a, Money b) => a.Fen <= b.Fen;
    public static bool operator >=(Money a, Money b) => a.Fen >= b.Fen;

    public static Money Max(Money a, Money b) => a.Fen >= b.Fen ? a : b;
    public static Money Min(Money a, Money b) => a.Fen <= b.Fen ? a : b;

    public bool Equals(Money other) => Fen == other.Fen;
    public override bool Equals(object? obj) => obj is Money m && Equals(m);
    public override int GetHashCode() => Fen.GetHashCode();
    public int CompareTo(Money other) => Fen.CompareTo(other.Fen);

    /// <summary>Yuan with exactly two decimals, invariant culture, no thousands separators: "-1234.50".</summary>
    public override string ToString()
    {
        ulong abs = Fen < 0 ? (ulong)(-(Fen + 1)) + 1 : (ulong)Fen;
        string body = (abs / 100).ToString(CultureInfo.InvariantCulture) + "." + (abs % 100).ToString("00", CultureInfo.InvariantCulture);
        return Fen < 0 ? "-" + body : body;
    }

    /// <summary>The amount in yuan as a decimal (for spreadsheets that want numbers).</summary>
    public decimal ToYuan() => Fen / 100m;

    /// <summary>
    /// Parses yuan as banks and exports write it: optional sign, optional thousands separators (",") in the
    /// integer part, at most two decimals, surrounding spaces ignored. "1,234.5" = 123450 fen. No exponent, no
    /// currency sign. Returns false for anything else, including an empty string.
    /// </summary>
    public static bool TryParseYuan(ReadOnlySpan<char> text, out Money value)
    {
        value = Zero;
        text = text.Trim();
        if (text.IsEmpty)
        {
            return false;
        }
        bool negative = false;
        if (text[0] is '-' or '+')
        {
            negative = text[0] == '-';
            text = text[1..].TrimStart();
        }
        long whole = 0;
        int digits = 0;
        int i = 0;
        int groupDigits = -1; // digits since the last thousands separator; -1 = no separator seen
        for (; i < text.Length && text[i] != '.'; i++)
        {
            char c = text[i];
            if (c == ',')
            {
                if (digits == 0 || (groupDigits != -1 && groupDigits != 3) || (groupDigits == -1 && digits > 3))
                {
                    return false;
                }
                groupDigits = 0;
                continue;
            }
            if (c < '0' || c > '9')
            {
                return false;
            }
            if (digits >= 16)
            {
                return false;
            }
            whole = whole * 10 + (c - '0');
            digits++;
            if (groupDigits != -1)
            {
                groupDigits++;
            }
        }
        if (digits == 0 || (groupDigits != -1 && groupDigits != 3))
        {
            return false;
        }
        long cents = 0;
        if (i < text.Length)
        {
            ReadOnlySpan<char> frac = text[(i + 1)..];
            if (frac.Length is 0 or > 2)
            {
                return false;
            }
            foreach (char c in frac)
            {
                if (c < '0' || c > '9')
                {
                    return false;
                }
            }
            cents = (frac[0] - '0') * 10 + (frac.Length == 2 ? frac[1] - '0' : 0);
        }
        long fen = checked(whole * 100 + cents);
        value = new Money(negative ? -fen : fen);
        return true;
    }

    /// <summary>Parses signed integer fen ("-5000000"), as PAB writes amounts.</summary>
    public static bool TryParseFen(ReadOnlySpan<char> text, out Money value)
    {
        value = Zero;
        text = text.Trim();
        if (text.IsEmpty || !long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long fen))
        {
            return false;
        }
        value = new Money(fen);
        return true;
    }
}
