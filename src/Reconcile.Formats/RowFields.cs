using NodaTime;
using Reconcile.Core.Model;

namespace Reconcile.Formats;

/// <summary>
/// Reading one field of the current row of an internal export (accounts, ledger, sub-accounts) or throwing an
/// <see cref="InputException"/> that names the line, the column, what was found and what was expected.
/// </summary>
internal static class RowFields
{
    public static string Required(CsvInput input, int index, string column, string expected) =>
        input.IsEmpty(index) ? throw input.Found(index, column, expected) : input.Text(index);

    public static T Code<T>(CsvInput input, int index, string column)
        where T : struct, Enum =>
        Utf8Enum<T>.TryParse(input.Span(index), out T value) ? value : throw input.Found(index, column, Utf8Enum<T>.Expected);

    public static LocalDate IsoDate(CsvInput input, int index, string column) =>
        FieldParsers.TryIsoDate(input.Span(index), out LocalDate date) ? date : throw input.Found(index, column, "a date yyyy-MM-dd");

    public static Instant Timestamp(CsvInput input, int index, string column) =>
        FieldParsers.TryTimestamp(input.Span(index), out Instant instant)
            ? instant
            : throw input.Found(index, column, "an ISO-8601 timestamp with an offset, such as 2024-11-06T09:10:00+08:00 or 2024-11-06T03:19:50Z");

    public static Instant? OptionalTimestamp(CsvInput input, int index, string column) =>
        input.IsEmpty(index) ? null : Timestamp(input, index, column);

    /// <summary>
    /// The escrow account of a ledger or sub-account row: it must be in accounts.csv, and the row's bank and
    /// escrow_type must be the ones accounts.csv gives it. Returns the registry's account (whose strings the
    /// rows then share).
    /// </summary>
    public static EscrowAccount RegisteredAccount(CsvInput input, int accountIndex, int bankIndex, int typeIndex, AccountRegistry registry)
    {
        Bank bank = Code<Bank>(input, bankIndex, "bank");
        EscrowType type = Code<EscrowType>(input, typeIndex, "escrow_type");
        if (!registry.TryGet(input.Span(accountIndex), out EscrowAccount account))
        {
            throw input.Found(accountIndex, "escrow_account_no", "an escrow account listed in accounts.csv");
        }
        if (account.Bank != bank)
        {
            throw input.Found(bankIndex, "bank", $"{account.Bank}, the bank accounts.csv gives escrow account {account.AccountNo}");
        }
        if (account.Type != type)
        {
            throw input.Found(typeIndex, "escrow_type", $"{account.Type}, the escrow type accounts.csv gives escrow account {account.AccountNo}");
        }
        return account;
    }

    /// <summary>Positions the input on the header (the first non-blank line) and checks it.</summary>
    public static Header ReadHeader(CsvInput input, IReadOnlyList<string> columns)
    {
        if (!input.ReadRecord())
        {
            throw input.FileError($"found an empty file, expected the header {string.Join(',', columns)}");
        }
        return Header.Resolve(input, columns);
    }
}
