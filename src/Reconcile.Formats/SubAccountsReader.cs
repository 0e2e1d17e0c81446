using Reconcile.Core.Model;

namespace Reconcile.Formats;

/// <summary>subaccounts.csv: the internal sub-account balances at the end of the day.</summary>
public static class SubAccountsReader
{
    private static readonly string[] Columns = ["sub_account_no", "contract_no", "bank", "escrow_account_no", "escrow_type", "balance", "status"];

    private const int SubAccountNo = 0, ContractNo = 1, BankColumn = 2, AccountNo = 3, Type = 4, Balance = 5, Status = 6;

    /// <summary>
    /// Streams subaccounts.csv rows to <paramref name="onRow"/>; returns the row count. A negative balance is
    /// read as it is (the engine raises the alarm). Remembers each sub-account number to reject a duplicate,
    /// so memory grows with the number of distinct sub-accounts (not with anything else).
    /// </summary>
    /// <exception cref="InputException">A missing column, a malformed balance, an unknown bank or escrow type,
    /// an escrow account not in accounts.csv or disagreeing with it, or a sub-account listed twice.</exception>
    /// <param name="name">What the rows' <see cref="SubAccountBalance.Source"/> name the file by; default <paramref name="path"/>.</param>
    public static int Read(string path, AccountRegistry registry, Action<SubAccountBalance> onRow, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(onRow);
        using CsvInput input = CsvInput.Open(path, recordPerLine: false, name: name);
        Header header = RowFields.ReadHeader(input, Columns);
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        int count = 0;
        while (input.ReadRecord())
        {
            header.CheckRow(input);
            string subAccountNo = RowFields.Required(input, header[SubAccountNo], "sub_account_no", "the sub-account number");
            if (lines.TryGetValue(subAccountNo, out int first))
            {
                throw input.Found(header[SubAccountNo], "sub_account_no", $"each sub-account once, but it is already on line {first}");
            }
            lines.Add(subAccountNo, input.Line);
            EscrowAccount account = RowFields.RegisteredAccount(input, header[AccountNo], header[BankColumn], header[Type], registry);
            if (!FieldParsers.TryYuan(input.Span(header[Balance]), out Money balance))
            {
                throw input.Found(header[Balance], "balance", "a balance in yuan, such as 300000.00 (negative allowed)");
            }
            onRow(new SubAccountBalance(
                subAccountNo,
                input.Text(header[ContractNo]),
                account.Bank,
                account.AccountNo,
                account.Type,
                balance,
                StatusCode(input, header[Status]),
                input.Source));
            count++;
        }
        return count;
    }

    /// <summary>
    /// The sub-account's status as the ledger system writes it: a code in capitals (OPEN, CLOSED, FROZEN …), exactly;
    /// "open" or "Open" is another system's spelling, not one of its codes.
    /// </summary>
    private static string StatusCode(CsvInput input, int index)
    {
        ReadOnlySpan<byte> code = input.Span(index);
        if (code.IsEmpty || code.IndexOfAnyExcept(StatusCharacters) >= 0 || code[0] == (byte)'_')
        {
            throw input.Found(index, "status", "a status code in capitals, such as OPEN");
        }
        return input.Text(index);
    }

    private static readonly System.Buffers.SearchValues<byte> StatusCharacters =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZ_"u8);
}
