using System.Globalization;
using System.Text;

namespace Reconcile.Cli.Tests.Run;

/// <summary>
/// A bank serial matched on one day and sent again on a later day, and a payment ref paid twice, are DUPLICATEs of the
/// later day (the store retains each account's matched serials and refs); a re-run of the earlier day does not see them.
/// </summary>
public sealed class RetainedDuplicateRunTests : IDisposable
{
    private const string Account = "15000000000001";
    private const string Day1 = "2024-11-06";
    private const string Day2 = "2024-11-07";
    private const string Day3 = "2024-11-08";
    private readonly RunWorkspace _ws = new();

    public RetainedDuplicateRunTests()
    {
        File.WriteAllText(_ws.InboxFile("accounts.csv"), $"""
            escrow_account_no,bank,escrow_type,city,account_name,opened_on
            {Account},PAB,SECOND_HAND,深圳,某某经纪有限公司见证宝,2020-01-01

            """.ReplaceLineEndings("\n"));
        // Day 1: a deposit paired by serial, a payout paired by payment ref. Day 2: one more deposit.
        WriteDay(Day1, 0, [("PA1", 1000_00, null), ("PA4", -300_00, "PAY001")], ["L1,DEPOSIT,1000.00,,PA1", "L4,WITHDRAWAL,300.00,PAY001,"], "700.00");
        WriteDay(Day2, 700_00, [("PA2", 50_00, null)], ["L2,DEPOSIT,50.00,,PA2"], "750.00");
        // Day 3: PA1 is sent again; the bank pays PAY001 a second time and no ledger entry claims it; PA3 is new.
        WriteDay(Day3, 750_00, [("PA1", 1000_00, null), ("PA3", 20_00, null), ("PA9", -300_00, "PAY001")], ["L3,DEPOSIT,20.00,,PA3"], "770.00");
    }

    public void Dispose() => _ws.Dispose();

    [Fact]
    public void A_serial_matched_on_day_1_and_sent_again_on_day_3_is_a_DUPLICATE_of_day_3_and_the_proof_stays_explained()
    {
        _ws.Run(Day1).Should().Be(ExitCodes.Ok);
        _ws.Run(Day2).Should().Be(ExitCodes.Ok);

        _ws.Run(Day3).Should().Be(ExitCodes.Ok, "the duplicates are explained: the bank moved them, the ledger did not");

        string[][] duplicates = _ws.Rows(Day3, "discrepancies.csv").Where(r => r[5] == "DUPLICATE").ToArray();
        duplicates.Select(r => (r[6], r[7], r[9], r[13])).Should().BeEquivalentTo(
            [("IN", "1000.00", "PA1", Day3), ("OUT", "300.00", "PA9", Day3)]);
        duplicates.Single(r => r[9] == "PA1")[15].Should().Be($"bank serial PA1 was matched on {Day1} and is sent again ({Day3}/statements/pab.csv:2)");
        duplicates.Single(r => r[9] == "PA9")[15].Should().Contain($"payment ref PAY001 was paid on {Day1}").And.Contain("likely double payment");
        string[] inventory = _ws.Rows(Day3, "inventory.csv").Single();
        (inventory[7], inventory[8], inventory[11], inventory[12], inventory[15], inventory[16])
            .Should().Be(("1470.00", "770.00", "1000.00", "300.00", "0.00", "BALANCED"));
        _ws.Rows(Day3, "matches.csv").Select(r => r[1]).Should().Equal("PA3");
    }

    [Fact]
    public void A_rerun_of_day_1_after_day_3_does_not_flag_day_1s_own_lines_and_day_3_still_does()
    {
        _ws.Run(Day1).Should().Be(ExitCodes.Ok);
        _ws.Run(Day2).Should().Be(ExitCodes.Ok);
        _ws.Run(Day3).Should().Be(ExitCodes.Ok);
        // A corrected day-1 ledger export (a remark changed) is committed again, seeing no keys of day 1 or later.
        string ledger = _ws.InboxFile($"{Day1}/ledger.csv");
        File.WriteAllText(ledger, File.ReadAllText(ledger).Replace("首付款", "首付款（补）", StringComparison.Ordinal));

        _ws.Run(Day1).Should().Be(ExitCodes.Ok);

        _ws.Rows(Day1, "discrepancies.csv").Should().BeEmpty();
        _ws.Rows(Day1, "matches.csv").Select(r => (r[1], r[3])).Should().Equal(("PA1", "BANK_SERIAL"), ("PA4", "PAYMENT_REF"));
        _ws.Run(Day2).Should().Be(ExitCodes.Ok);
        _ws.Run(Day3).Should().Be(ExitCodes.Ok);
        _ws.Rows(Day3, "discrepancies.csv").Count(r => r[5] == "DUPLICATE").Should().Be(2);
    }

    [Fact]
    public void With_a_retention_window_that_ends_before_day_1_nothing_is_a_duplicate()
    {
        _ws.Run(Day1).Should().Be(ExitCodes.Ok);
        _ws.Run(Day2).Should().Be(ExitCodes.Ok);

        _ws.Run(Day3, "--retention-days", "1").Should().Be(ExitCodes.Ok);

        _ws.Rows(Day3, "discrepancies.csv").Should().NotContain(r => r[5] == "DUPLICATE");
        _ws.Rows(Day3, "in_transit.csv").Select(r => r[9]).Should().BeEquivalentTo("PA1", "PA9");
    }

    private void WriteDay(string day, long openingFen, (string Serial, long Fen, string? PaymentRef)[] rows, string[] entries, string subAccountBalance)
    {
        string folder = _ws.InboxFile(day);
        Directory.CreateDirectory(Path.Combine(folder, "statements"));
        string compact = day.Replace("-", "", StringComparison.Ordinal);
        var statement = new StringBuilder("交易时间,记账日期,账号,核心唯一流水号,交易流水号,业务流水号,见证子账户,交易网会员代码,交易金额(分),账户余额(分),对方账号,对方户名,对方账号开户行,摘要,交易用途\n");
        long balance = openingFen;
        foreach (var (serial, fen, paymentRef) in rows)
        {
            balance += fen;
            statement.Append(CultureInfo.InvariantCulture, $"{day.Replace('-', '/')} 10:00:00,{compact},{Account},{serial},F{serial},{paymentRef},,,{fen},{balance},,,,{(fen > 0 ? "转入" : "提现")},\n");
        }
        statement.Append(CultureInfo.InvariantCulture, $"#汇总,笔数,{rows.Length},净额(分),{balance - openingFen},期末余额(分),{balance}\n");
        File.WriteAllText(Path.Combine(folder, "statements", "pab.csv"), statement.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var ledger = new StringBuilder("entry_id,order_id,contract_no,sub_account_no,bank,escrow_account_no,escrow_type,direction,amount,status,created_at,settled_at,accounting_date,payment_ref,bank_serial,counterparty_name,counterparty_account,batch_id,remark\n");
        foreach (string entry in entries)
        {
            string[] e = entry.Split(',');
            ledger.Append(CultureInfo.InvariantCulture, $"{e[0]},O{e[0]},JG1,SUB1,PAB,{Account},SECOND_HAND,{e[1]},{e[2]},SUCCESS,{day}T09:00:00+08:00,{day}T10:00:00+08:00,{day},{e[3]},{e[4]},,,,首付款\n");
        }
        File.WriteAllText(Path.Combine(folder, "ledger.csv"), ledger.ToString());
        File.WriteAllText(Path.Combine(folder, "subaccounts.csv"), $"""
            sub_account_no,contract_no,bank,escrow_account_no,escrow_type,balance,status
            SUB1,JG1,PAB,{Account},SECOND_HAND,{subAccountBalance},OPEN

            """.ReplaceLineEndings("\n"));
    }
}
