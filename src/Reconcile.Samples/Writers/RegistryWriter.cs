using System.Text;
using Reconcile.Samples.Model;
using Reconcile.Samples.Output;

namespace Reconcile.Samples.Writers;

/// <summary>subaccounts.csv and accounts.csv (UTF-8, LF).</summary>
internal static class RegistryWriter
{
    private static readonly Text SubAccountsHeader = Text.Fields("sub_account_no,contract_no,bank,escrow_account_no,escrow_type,balance,status");
    private static readonly Text AccountsHeader = Text.Fields("escrow_account_no,bank,escrow_type,city,account_name,opened_on");

    public static void SubAccounts(string path, IEnumerable<(SampleAccount Account, IReadOnlyList<Contract> Contracts)> accounts)
    {
        using var w = new FileRowBuffer(path);
        w.Text(SubAccountsHeader);
        w.NewLine();
        foreach ((SampleAccount account, IReadOnlyList<Contract> contracts) in accounts)
        {
            foreach (Contract c in contracts)
            {
                w.Bytes(c.SubAccountBytes);
                w.Comma();
                w.Bytes(c.ContractBytes);
                w.Comma();
                w.Bytes(account.BankCode);
                w.Comma();
                w.Bytes(account.AccountBytes);
                w.Comma();
                w.Bytes(account.TypeCode);
                w.Comma();
                w.Yuan(c.BalanceFen);
                w.Bytes(",OPEN"u8);
                w.NewLine();
            }
        }
    }

    public static void Accounts(string path, IEnumerable<SampleAccount> accounts)
    {
        using var w = new FileRowBuffer(path);
        w.Text(AccountsHeader);
        w.NewLine();
        foreach (SampleAccount a in accounts)
        {
            w.Bytes(a.AccountBytes);
            w.Comma();
            w.Bytes(a.BankCode);
            w.Comma();
            w.Bytes(a.TypeCode);
            w.Comma();
            w.Text(new Text(a.City));
            w.Comma();
            w.Text(a.AccountNameText);
            w.Comma();
            w.Bytes(Encoding.ASCII.GetBytes(NodaTime.Text.LocalDatePattern.Iso.Format(a.OpenedOn)));
            w.NewLine();
        }
    }
}
