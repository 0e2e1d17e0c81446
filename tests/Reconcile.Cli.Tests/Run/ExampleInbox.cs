using System.Text;

namespace Reconcile.Cli.Tests.Run;

/// <summary>
/// The examples of FORMATS.md as one inbox for 2024-11-06: a CEB (GB18030, CRLF, preamble), a CITIC (GB18030) and a
/// PAB (UTF-8 with BOM, LF) statement, with a ledger and sub-account balances that make every account balance:
/// the ledger has booked the CEB deposit, the PAB refund and (as SUBMITTED) the CITIC payout; the sub-accounts hold
/// what the bank holds once the bank-only lines are taken out.
/// </summary>
public static class ExampleInbox
{
    public const string Day = "2024-11-06";
    public const string Ceb = "38450188000123456";
    public const string Citic = "8110701234500000";
    public const string Pab = "15000000000001";

    public static void Write(string inbox)
    {
        string day = Path.Combine(inbox, Day);
        Directory.CreateDirectory(Path.Combine(day, "statements"));
        File.WriteAllText(Path.Combine(inbox, "accounts.csv"), """
            escrow_account_no,bank,escrow_type,city,account_name,opened_on
            38450188000123456,CEB,SECOND_HAND,北京,某某经纪有限公司二手房资金监管专户,2021-03-01
            8110701234500000,CITIC,RENOVATION,上海,某某家装有限公司装修资金存管户,2022-07-15
            15000000000001,PAB,SECOND_HAND,深圳,某某经纪有限公司见证宝,2020-01-01

            """.ReplaceLineEndings("\n"));
        Gb18030(Path.Combine(day, "statements", "ceb_38450188000123456.csv"), """
            中国光大银行对公账户交易明细
            账号：,38450188000123456
            账户名称：,某某经纪有限公司二手房资金监管专户
            查询期间：,2024-11-06,至,2024-11-06
            期初余额：,"12,000,000.00"
            交易日期,交易时间,借方发生额,贷方发生额,账户余额,对方账号,对方名称,对方银行,摘要,用途,凭证号,流水号
            2024-11-06,09:15:22,,"300,000.00","12,300,000.00",6222021234567890123,张三,中国工商银行北京朝阳支行,跨行转入,JG2024110600031首付款,,C241106000112
            2024-11-06,14:02:10,"250,000.00",,"12,050,000.00",6217000010012345678,李四,中国建设银行北京海淀支行,转账支出,PAY2024110600017 放款,0000123,C241106000577
            2024-11-06,16:40:05,20.00,,"12,049,980.00",,,,手续费,=跨行汇款手续费,,C241106000578
            合计,,"250,020.00","300,000.00",,,,,,,,
            借方笔数：,2,贷方笔数：,1

            """);
        Gb18030(Path.Combine(day, "statements", "citic.csv"), """
            账号,交易日期,交易时间,柜员交易号,总交易流水号,附属账号,借贷标识,交易金额,账户余额,对方账号,对方户名,对方开户行,摘要,附言,起息日,客户流水号,冲正流水号
            8110701234500000,20241106,000000,,,,,,8800000.00,,,,上日余额,,,,
            8110701234500000,20241106,101503,TL241106004411,S241106000921,8110701234500012,C,58000.00,8858000.00,6228480012345678901,王五,中国农业银行上海分行,转入,装修存管ZX2024110600002,20241106,,
            8110701234500000,20241106,153020,TL241106006120,S241106001377,8110701234500007,D,30000.00,8828000.00,6214830012345678,某某装饰工程有限公司,招商银行上海分行,转账,ZX2024010045阶段款,20241106,PAY2024110600031,
            8110701234500000,20241106,235959,,,,,,8828000.00,,,,本日余额,,,,

            """);
        File.WriteAllText(Path.Combine(day, "statements", "PAB_15000000000001_20241106.csv"), """
            交易时间,记账日期,账号,核心唯一流水号,交易流水号,业务流水号,见证子账户,交易网会员代码,交易金额(分),账户余额(分),对方账号,对方户名,对方账号开户行,摘要,交易用途
            2024/11/06 11:20:07,20241106,15000000000001,PA8831202411060042,F241106512,PAY2024110600027,15000000100987,M000098,-5000000,2500000000,6230580000123456789,孙七,平安银行深圳分行,提现,JG2024091203退款
            2024/11/06 23:59:59,20241106,15000000000001,PA8831202411060100,F241106999,,,,1234,2500001234,,,,结息,活期利息
            #汇总,笔数,2,净额(分),-4998766,期末余额(分),2500001234

            """.ReplaceLineEndings("\n"), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        File.WriteAllText(Path.Combine(day, "ledger.csv"), """
            entry_id,order_id,contract_no,sub_account_no,bank,escrow_account_no,escrow_type,direction,amount,status,created_at,settled_at,accounting_date,payment_ref,bank_serial,counterparty_name,counterparty_account,batch_id,remark
            L000001,ORD24110600011,JG2024110600031,CEB-JG2024110600031,CEB,38450188000123456,SECOND_HAND,DEPOSIT,300000.00,SUCCESS,2024-11-06T09:10:00+08:00,2024-11-06T09:15:22+08:00,2024-11-06,,C241106000112,张三,6222021234567890123,,首付款
            L000002,ORD24110600027,JG2024091203,15000000100987,PAB,15000000000001,SECOND_HAND,REFUND,50000.00,SUCCESS,2024-11-06T03:19:50Z,2024-11-06T03:20:07Z,2024-11-06,PAY2024110600027,,孙七,6230580000123456789,,买方退款
            L000003,ORD24110600031,ZX2024010045,8110701234500007,CITIC,8110701234500000,RENOVATION,WITHDRAWAL,30000.00,SUBMITTED,2024-11-06T15:29:00+08:00,,2024-11-06,PAY2024110600031,,某某装饰工程有限公司,6214830012345678,,第二阶段款

            """.ReplaceLineEndings("\n"));
        // CEB: 12,049,980.00 at the bank + 250,020.00 paid out that the ledger has not booked = 12,300,000.00.
        // CITIC: 8,828,000.00 − 58,000.00 deposit not booked + 30,000.00 payout still SUBMITTED = 8,800,000.00.
        // PAB: 25,000,012.34 − 12.34 interest not booked = 25,000,000.00.
        SubAccounts(inbox, "12300000.00");
    }

    /// <summary>Rewrites subaccounts.csv with the CEB sub-account's balance given (the others as balanced).</summary>
    public static void SubAccounts(string inbox, string cebBalance) => File.WriteAllText(
        Path.Combine(inbox, Day, "subaccounts.csv"),
        $"""
        sub_account_no,contract_no,bank,escrow_account_no,escrow_type,balance,status
        CEB-JG2024110600031,JG2024110600031,CEB,38450188000123456,SECOND_HAND,{cebBalance},OPEN
        8110701234500007,ZX2024010045,CITIC,8110701234500000,RENOVATION,8800000.00,OPEN
        15000000100987,JG2024091203,PAB,15000000000001,SECOND_HAND,25000000.00,OPEN

        """.ReplaceLineEndings("\n"));

    private static void Gb18030(string path, string text) =>
        File.WriteAllBytes(path, Encoding.GetEncoding("GB18030").GetBytes(text.ReplaceLineEndings("\r\n")));
}
