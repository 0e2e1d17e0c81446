using NodaTime;
using Reconcile.Core.Model;

namespace Reconcile.Formats;

/// <summary>accounts.csv: the registry of escrow accounts.</summary>
public static class AccountsReader
{
    private static readonly string[] Columns = ["escrow_account_no", "bank", "escrow_type", "city", "account_name", "opened_on"];

    private const int AccountNo = 0, BankColumn = 1, Type = 2, City = 3, Name = 4, OpenedOn = 5;

    /// <exception cref="InputException">A missing column, an unknown bank or escrow type, a malformed date, or
    /// an account number listed twice.</exception>
    /// <param name="name">What the accounts' <see cref="EscrowAccount.Source"/> name the file by; default <paramref name="path"/>.</param>
    public static AccountRegistry Read(string path, string? name = null)
    {
        using CsvInput input = CsvInput.Open(path, recordPerLine: false, name: name);
        Header header = RowFields.ReadHeader(input, Columns);
        var accounts = new List<EscrowAccount>();
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        while (input.ReadRecord())
        {
            header.CheckRow(input);
            string accountNo = RowFields.Required(input, header[AccountNo], "escrow_account_no", "the escrow account number");
            if (lines.TryGetValue(accountNo, out int first))
            {
                throw input.Found(header[AccountNo], "escrow_account_no", $"each account once, but it is already on line {first}");
            }
            lines.Add(accountNo, input.Line);
            accounts.Add(new EscrowAccount(
                accountNo,
                RowFields.Code<Bank>(input, header[BankColumn], "bank"),
                RowFields.Code<EscrowType>(input, header[Type], "escrow_type"),
                input.Words(header[City], "city"),
                input.Words(header[Name], "account_name"),
                RowFields.IsoDate(input, header[OpenedOn], "opened_on"),
                input.Source));
        }
        return new AccountRegistry(accounts);
    }
}
