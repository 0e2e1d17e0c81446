using System.Globalization;
using Reconcile.Core.Model;

namespace Reconcile.Formats;

/// <summary>
/// What the camt.053 and MT940 readers share: the escrow account a statement names (any bank of accounts.csv: these
/// formats do not tell the bank, the registry does), the currency check, and amounts in yuan.
/// </summary>
internal static class ForeignStatementParts
{
    public const string Currency = "CNY";

    /// <summary>The registry's account <paramref name="accountNo"/>, else an input error at the given place.</summary>
    public static EscrowAccount Account(string file, int line, string column, string accountNo, AccountRegistry registry)
    {
        if (accountNo.Length == 0)
        {
            throw new InputException(file, line, column, "found no account number, expected the escrow account number of the statement");
        }
        if (!registry.TryGet(accountNo, out EscrowAccount account))
        {
            throw new InputException(file, line, column, $"found account '{accountNo}', expected an escrow account listed in accounts.csv");
        }
        return account;
    }

    /// <summary>A currency other than CNY is refused: the engine reconciles yuan accounts only.</summary>
    public static void RequireCny(string file, int line, string column, string? currency)
    {
        if (currency is not null && !string.Equals(currency.Trim(), Currency, StringComparison.Ordinal))
        {
            throw new InputException(file, line, column,
                $"found currency '{currency}', expected {Currency} (escrow accounts are reconciled in yuan only; a statement in another currency cannot be read)");
        }
    }

    /// <summary>
    /// A non-negative amount with at most two decimals, '.' (camt) or ',' (MT940) as decimal separator and no
    /// thousands separator.
    /// </summary>
    public static bool TryYuan(ReadOnlySpan<char> text, char decimalSeparator, out Money amount)
    {
        amount = Money.Zero;
        text = text.Trim();
        if (text.IsEmpty || text.Length > 24)
        {
            return false;
        }
        Span<char> normal = stackalloc char[text.Length];
        int decimals = -1;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == decimalSeparator && decimals < 0)
            {
                normal[i] = '.';
                decimals = 0;
            }
            else if (char.IsAsciiDigit(c))
            {
                normal[i] = c;
                if (decimals >= 0)
                {
                    decimals++;
                }
            }
            else
            {
                return false;
            }
        }
        if (decimals > 2 || normal[0] == '.' || !decimal.TryParse(normal, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal yuan))
        {
            return false;
        }
        amount = Money.FromYuan(yuan);
        return true;
    }
}
