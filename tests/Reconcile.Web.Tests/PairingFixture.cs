using System.Text;

namespace Reconcile.Web.Tests;

/// <summary>
/// The workbench on a store the ladder left work in for a person: one PAB account. On 2024-11-06 the bank credits
/// PA1 30,000.00 (周八) and PA2 1,000.00 (吴九) and the ledger books L1 DEPOSIT 30,000.00 and L2 DEPOSIT 990.00, with
/// nothing that links them; 2024-11-07 is quiet, so the lines are BANK_ONLY and the entries LEDGER_ONLY.
/// </summary>
public sealed class PairingFixture : WorkbenchFixture
{
    public const string Account = "15000000000001";

    protected override void Seed()
    {
        string inbox = Path.Combine(Root, "inbox");
        File.WriteAllText(Path.Combine(Directory.CreateDirectory(inbox).FullName, "accounts.csv"), """
            escrow_account_no,bank,escrow_type,city,account_name,opened_on
            15000000000001,PAB,SECOND_HAND,深圳,某某经纪有限公司见证宝,2020-01-01

            """.ReplaceLineEndings("\n"));
        Day(inbox, "2024-11-06",
            """
            2024/11/06 10:00:00,20241106,15000000000001,PA1,F1,,,,3000000,2503000000,6230000000000000001,周八,平安银行深圳分行,转入,首付款
            2024/11/06 11:00:00,20241106,15000000000001,PA2,F2,,,,100000,2503100000,6230000000000000002,吴九,平安银行深圳分行,转入,定金
            #汇总,笔数,2,净额(分),3100000,期末余额(分),2503100000
            """,
            """
            L1,ORD1,JG2024091203,15000000100987,PAB,15000000000001,SECOND_HAND,DEPOSIT,30000.00,SUCCESS,2024-11-06T02:00:00Z,2024-11-06T02:00:00Z,2024-11-06,,,周八,,,首付款
            L2,ORD2,JG2024091203,15000000100987,PAB,15000000000001,SECOND_HAND,DEPOSIT,990.00,SUCCESS,2024-11-06T03:00:00Z,2024-11-06T03:00:00Z,2024-11-06,,,吴九,,,定金

            """,
            "25030990.00");
        Day(inbox, "2024-11-07", "#汇总,笔数,0,净额(分),0,期末余额(分),2503100000", "", "25030990.00");
        Run(inbox, "2024-11-06");
        Run(inbox, "2024-11-07");
    }

    private static void Day(string inbox, string day, string statementRows, string ledgerRows, string subAccountBalance)
    {
        string folder = Path.Combine(inbox, day);
        Directory.CreateDirectory(Path.Combine(folder, "statements"));
        File.WriteAllText(
            Path.Combine(folder, "statements", $"PAB_{Account}_{day.Replace("-", "", StringComparison.Ordinal)}.csv"),
            "交易时间,记账日期,账号,核心唯一流水号,交易流水号,业务流水号,见证子账户,交易网会员代码,交易金额(分),账户余额(分),对方账号,对方户名,对方账号开户行,摘要,交易用途\n"
                + statementRows.ReplaceLineEndings("\n") + "\n",
            new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        File.WriteAllText(Path.Combine(folder, "ledger.csv"),
            "entry_id,order_id,contract_no,sub_account_no,bank,escrow_account_no,escrow_type,direction,amount,status,created_at,settled_at,accounting_date,payment_ref,bank_serial,counterparty_name,counterparty_account,batch_id,remark\n"
                + ledgerRows.ReplaceLineEndings("\n"));
        File.WriteAllText(Path.Combine(folder, "subaccounts.csv"),
            $"sub_account_no,contract_no,bank,escrow_account_no,escrow_type,balance,status\n15000000100987,JG2024091203,PAB,{Account},SECOND_HAND,{subAccountBalance},OPEN\n");
    }
}
