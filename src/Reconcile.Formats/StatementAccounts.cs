using Reconcile.Core.Model;

namespace Reconcile.Formats;

/// <summary>The escrow account a statement names, which must be in accounts.csv at the statement's bank.</summary>
internal static class StatementAccounts
{
    /// <summary>Resolves field <paramref name="index"/> of the current record (column <paramref name="column"/>).</summary>
    public static EscrowAccount Resolve(CsvInput input, int index, string column, AccountRegistry registry, Bank bank)
    {
        if (input.IsEmpty(index))
        {
            throw input.Found(index, column, $"the escrow account number of this {bank} statement");
        }
        return Resolve(input, input.Text(index), column, registry, bank, input.Line);
    }

    public static EscrowAccount Resolve(CsvInput input, string accountNo, string? column, AccountRegistry registry, Bank bank, int line)
    {
        if (!registry.TryGet(accountNo, out EscrowAccount account))
        {
            throw new InputException(input.File, line, column, $"found account '{accountNo}', expected an escrow account listed in accounts.csv");
        }
        if (account.Bank != bank)
        {
            throw new InputException(input.File, line, column,
                $"found account '{accountNo}', which accounts.csv lists at {account.Bank}, in a {bank} statement; expected a {bank} account");
        }
        return account;
    }
}
