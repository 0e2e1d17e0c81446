using System.Globalization;
using System.Text;
using NodaTime;
using NodaTime.Text;
using Reconcile.Core.Model;

namespace Reconcile.Engine.Tests.Pipeline.Fakes;

/// <summary>
/// Writes a small inbox in the formats of FORMATS.md: accounts.csv, and per day PAB statements (UTF-8 with BOM, LF,
/// signed fen), ledger.csv and subaccounts.csv. Deleted on dispose.
/// </summary>
public sealed class TestInbox : IDisposable
{
    private const string LedgerHeader = "entry_id,order_id,contract_no,sub_account_no,bank,escrow_account_no,escrow_type,direction,amount,status,created_at,settled_at,accounting_date,payment_ref,bank_serial,counterparty_name,counterparty_account,batch_id,remark";
    private const string PabHeader = "交易时间,记账日期,账号,核心唯一流水号,交易流水号,业务流水号,见证子账户,交易网会员代码,交易金额(分),账户余额(分),对方账号,对方户名,对方账号开户行,摘要,交易用途";
    private readonly List<string> _accounts = [];

    public TestInbox()
    {
        Root = Path.Combine(Path.GetTempPath(), "reconcile-engine-tests", Guid.NewGuid().ToString("N"));
        Inbox = Path.Combine(Root, "inbox");
        Out = Path.Combine(Root, "out");
        Directory.CreateDirectory(Inbox);
        WriteAccounts();
    }

    public string Root { get; }

    public string Inbox { get; }

    public string Out { get; }

    public static string Iso(LocalDate day) => LocalDatePattern.Iso.Format(day);

    public string DayFolder(LocalDate day) => Path.Combine(Inbox, Iso(day));

    public string OutFolder(LocalDate day) => Path.Combine(Out, Iso(day));

    /// <summary>Adds an account to accounts.csv.</summary>
    public TestInbox Account(string no, Bank bank, EscrowType type, string openedOn = "2021-03-01")
    {
        _accounts.Add($"{no},{bank},{type},深圳,账户{no},{openedOn}");
        WriteAccounts();
        return this;
    }

    /// <summary>
    /// Creates the day's folder with an empty ledger and sub-account file (header only) and an empty statements folder.
    /// </summary>
    public TestInbox Day(LocalDate day)
    {
        Directory.CreateDirectory(Path.Combine(DayFolder(day), "statements"));
        Ledger(day);
        SubAccounts(day);
        return this;
    }

    /// <summary>A PAB statement: rows of (serial, signed fen), starting from <paramref name="openingFen"/>.</summary>
    public TestInbox PabStatement(LocalDate day, string account, long openingFen, params (string Serial, long Fen)[] rows) =>
        PabStatement(day, account, openingFen, day, $"PAB_{account}_{day:yyyyMMdd}.csv", rows);

    public TestInbox PabStatement(LocalDate day, string account, long openingFen, LocalDate booking, string fileName, params (string Serial, long Fen)[] rows)
    {
        var sb = new StringBuilder();
        sb.Append(PabHeader).Append('\n');
        long balance = openingFen;
        int i = 0;
        foreach (var (serial, fen) in rows)
        {
            balance += fen;
            i++;
            sb.Append(CultureInfo.InvariantCulture, $"{booking:yyyy/MM/dd} 10:{i:00}:00,{booking:yyyyMMdd},{account},{serial},F{i},,,,{fen},{balance},,,,{(fen >= 0 ? "转入" : "转出")},备注{i}\n");
        }
        sb.Append(CultureInfo.InvariantCulture, $"#汇总,笔数,{rows.Length},净额(分),{rows.Sum(r => r.Fen)},期末余额(分),{balance}\n");
        string folder = Path.Combine(DayFolder(day), "statements");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, fileName), sb.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        return this;
    }

    /// <summary>ledger.csv of the day: rows built by <see cref="Entry"/>.</summary>
    public TestInbox Ledger(LocalDate day, params string[] rows) => WriteCsv(day, "ledger.csv", LedgerHeader, rows);

    /// <summary>One ledger row (SUCCESS, of the day unless <paramref name="accountingDate"/> says otherwise).</summary>
    public static string Entry(string id, Bank bank, string account, EscrowType type, LedgerKind kind, decimal amount, string? bankSerial, LocalDate accountingDate) =>
        string.Join(',',
            id, "ORD" + id, "JG" + id, "SUB" + id, bank, account, type, kind,
            amount.ToString("0.00", CultureInfo.InvariantCulture), "SUCCESS",
            $"{Iso(accountingDate)}T09:00:00+08:00", $"{Iso(accountingDate)}T09:05:00+08:00", Iso(accountingDate),
            "", bankSerial ?? "", "张三", "6222000000000001", "", "备注");

    /// <summary>subaccounts.csv of the day: rows of (sub-account, account, balance).</summary>
    public TestInbox SubAccounts(LocalDate day, params (string SubAccount, Bank Bank, string Account, EscrowType Type, decimal Balance)[] rows) =>
        WriteCsv(
            day,
            "subaccounts.csv",
            "sub_account_no,contract_no,bank,escrow_account_no,escrow_type,balance,status",
            rows.Select(r => $"{r.SubAccount},JG{r.SubAccount},{r.Bank},{r.Account},{r.Type},{r.Balance.ToString("0.00", CultureInfo.InvariantCulture)},OPEN").ToArray());

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }

    private TestInbox WriteCsv(LocalDate day, string name, string header, string[] rows)
    {
        Directory.CreateDirectory(DayFolder(day));
        File.WriteAllText(Path.Combine(DayFolder(day), name), header + "\n" + string.Concat(rows.Select(r => r + "\n")), new UTF8Encoding(false));
        return this;
    }

    private void WriteAccounts() => File.WriteAllText(
        Path.Combine(Inbox, "accounts.csv"),
        "escrow_account_no,bank,escrow_type,city,account_name,opened_on\n" + string.Concat(_accounts.Select(a => a + "\n")),
        new UTF8Encoding(false));
}
