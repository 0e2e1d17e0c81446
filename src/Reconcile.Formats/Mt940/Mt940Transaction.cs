using NodaTime;
using Reconcile.Core.Model;

namespace Reconcile.Formats;

/// <summary>
/// The first subfields of an MT940 <c>:61:</c> statement line:
/// <c>6!n[4!n]2a[1!a]15d1!a3!c16x[//16x]</c> then, on the next line, <c>[34x]</c> supplementary details —
/// value date YYMMDD, entry (booking) date MMDD, mark C / D / RC (reversal of a credit: money out) / RD (reversal of
/// a debit: money in), funds code, amount with a decimal comma, transaction type (N + 3 characters, e.g. NTRF),
/// the account owner's reference (NONREF when none) and the bank's reference after //.
/// </summary>
internal sealed record Mt940Transaction(
    LocalDate ValueDate,
    LocalDate BookingDate,
    Direction Direction,
    bool Reversal,
    Money Amount,
    string TransactionType,
    string? CustomerRef,
    string? BankRef,
    string? Supplementary)
{
    public const string Shape = "YYMMDD[MMDD](C|D|RC|RD)[funds code]amount with a decimal comma, the type (such as NTRF), the reference and //the bank reference";

    /// <summary>The parsed field, or null with the problem's description in <paramref name="problem"/>.</summary>
    public static Mt940Transaction? Parse(string text, out string problem)
    {
        problem = "";
        int newline = text.IndexOf('\n');
        string first = newline < 0 ? text : text[..newline];
        string? supplementary = newline < 0 ? null : text[(newline + 1)..].Replace("\n", "", StringComparison.Ordinal).Trim();
        int i = 0;
        if (!TryDate(first, 0, out LocalDate value))
        {
            problem = $"found '{Head(first, 0)}', expected the value date YYMMDD";
            return null;
        }
        i = 6;
        LocalDate booking = value;
        if (first.Length >= i + 4 && char.IsAsciiDigit(first[i]) && char.IsAsciiDigit(first[i + 3]))
        {
            if (!TryEntryDate(first.AsSpan(i, 4), value, out booking))
            {
                problem = $"found the entry date '{first.Substring(i, 4)}', expected MMDD";
                return null;
            }
            i += 4;
        }
        bool reversal = first.Length > i && first[i] == 'R';
        if (reversal)
        {
            i++;
        }
        Direction direction;
        if (first.Length > i && first[i] is 'C' or 'D')
        {
            bool credit = first[i] == 'C';
            direction = credit != reversal ? Direction.IN : Direction.OUT;
            i++;
        }
        else
        {
            problem = $"found '{Head(first, i)}', expected the mark C, D, RC or RD after the dates";
            return null;
        }
        if (first.Length > i && char.IsAsciiLetter(first[i]))
        {
            i++; // funds code: the third letter of the currency
        }
        int amountStart = i;
        while (i < first.Length && (char.IsAsciiDigit(first[i]) || first[i] == ','))
        {
            i++;
        }
        if (!first.Contains(',', StringComparison.Ordinal) || !ForeignStatementParts.TryYuan(first.AsSpan(amountStart, i - amountStart), ',', out Money amount) || amount.IsZero)
        {
            problem = $"found '{Head(first, amountStart)}', expected a positive amount with a decimal comma, such as 300000,00";
            return null;
        }
        if (first.Length < i + 4 || !char.IsAsciiLetter(first[i]))
        {
            problem = $"found '{Head(first, i)}', expected the transaction type after the amount, such as NTRF";
            return null;
        }
        string type = first.Substring(i, 4);
        i += 4;
        string rest = first[i..];
        int split = rest.IndexOf("//", StringComparison.Ordinal);
        string customer = (split < 0 ? rest : rest[..split]).Trim();
        string? bank = split < 0 ? null : rest[(split + 2)..].Trim();
        return new Mt940Transaction(value, booking, direction, reversal, amount, type,
            customer.Length == 0 || customer == "NONREF" ? null : customer,
            string.IsNullOrEmpty(bank) ? null : bank,
            string.IsNullOrEmpty(supplementary) ? null : supplementary);
    }

    /// <summary>YYMMDD at <paramref name="at"/> (years 2000-2099).</summary>
    public static bool TryDate(string text, int at, out LocalDate date)
    {
        date = default;
        if (text.Length < at + 6 || !int.TryParse(text.AsSpan(at, 6), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int n))
        {
            return false;
        }
        int year = 2000 + n / 10000, month = n / 100 % 100, day = n % 100;
        if (month is < 1 or > 12 || day < 1 || day > CalendarSystem.Iso.GetDaysInMonth(year, month))
        {
            return false;
        }
        date = new LocalDate(year, month, day);
        return true;
    }

    /// <summary>MMDD in the year of the value date, or the year next to it across a year end.</summary>
    private static bool TryEntryDate(ReadOnlySpan<char> mmdd, LocalDate value, out LocalDate booking)
    {
        booking = value;
        if (!int.TryParse(mmdd, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int n))
        {
            return false;
        }
        int month = n / 100, day = n % 100;
        int year = value.Month == 12 && month == 1 ? value.Year + 1 : value.Month == 1 && month == 12 ? value.Year - 1 : value.Year;
        if (month is < 1 or > 12 || day < 1 || day > CalendarSystem.Iso.GetDaysInMonth(year, month))
        {
            return false;
        }
        booking = new LocalDate(year, month, day);
        return true;
    }

    private static string Head(string text, int at) => at >= text.Length ? "" : text[at..Math.Min(text.Length, at + 20)];
}
