using System.Text;
using NodaTime;
using Reconcile.Cli.Commands;
using Reconcile.Cli.Tests.Run;
using Spectre.Console;

namespace Reconcile.Cli.Tests.Discrepancies;

/// <summary>
/// The commands against a real SQLite store in a <see cref="RunWorkspace"/>: each call advances the clock a minute,
/// feeds the given lines to standard input and collects what the command printed.
/// </summary>
internal sealed class StoreCli : IDisposable
{
    public RunWorkspace Ws { get; } = new();

    public StringWriter Out { get; } = new();

    public StringWriter Err { get; } = new();

    public FixedClock Clock { get; } = new(Instant.FromUtc(2024, 11, 9, 2, 0));

    public void Dispose() => Ws.Dispose();

    public StoreCommandContext Context(params string[] stdin)
    {
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(Out),
        });
        console.Profile.Width = 240;
        return new StoreCommandContext
        {
            OpenStore = (_, clock, ct) => HostedStoreSession.OpenAsync(Ws.Store, clock, ct),
            Clock = Clock,
            Console = console,
            Out = Out,
            Error = Err,
            Environment = _ => null,
            CurrentUser = "tester",
            In = new StringReader(string.Concat(stdin.Select(l => l + "\n"))),
        };
    }

    public int Users(Func<UsersCommand, Task<int>> run, params string[] stdin)
    {
        Clock.Now = Clock.Now.Plus(Duration.FromMinutes(1));
        return run(new UsersCommand(Context(stdin))).GetAwaiter().GetResult();
    }

    /// <summary>root (admin), zhang (preparer) and li (approver), passwords "NAME-correct-horse".</summary>
    public void Team()
    {
        Users(c => c.AddAsync(Args("root", "--role", "admin", "--password-stdin")), "root-correct-horse").Should().Be(0);
        Users(c => c.AddAsync(Args("zhang", "--role", "preparer", "--by", "root", "--password-stdin")), "root-correct-horse", "zhang-correct-horse").Should().Be(0);
        Users(c => c.AddAsync(Args("li", "--role", "approver", "--by", "root", "--password-stdin")), "root-correct-horse", "li-correct-horse").Should().Be(0);
    }

    public int Command(Func<DiscrepanciesCommand, Task<int>> run, params string[] stdin)
    {
        Clock.Now = Clock.Now.Plus(Duration.FromMinutes(1));
        try
        {
            return run(new DiscrepanciesCommand(Context(stdin))).GetAwaiter().GetResult();
        }
        catch (UsageException e)
        {
            Err.WriteLine(e.Message);
            return ExitCodes.Rejected;
        }
    }

    /// <summary>A discrepancies verb as <paramref name="user"/>, signed in with the team's password.</summary>
    public int As(string user, Func<DiscrepanciesCommand, CommandLine, Task<int>> verb, params string[] args) =>
        Command(c => verb(c, Args([.. args, "--by", user, "--password-stdin"])), $"{user}-correct-horse");

    public static CommandLine Args(params string[] args) => HandlerArgs.Of(args);

    /// <summary>`discrepancies list --format csv` as id → fields (naive split: the example's details hold no commas).</summary>
    public Dictionary<string, string[]> List(params string[] filter)
    {
        var writer = new StringWriter();
        StoreCommandContext ctx = Context();
        var command = new DiscrepanciesCommand(new StoreCommandContext
        {
            OpenStore = ctx.OpenStore,
            Clock = ctx.Clock,
            Console = ctx.Console,
            Out = writer,
            Error = ctx.Error,
            Environment = ctx.Environment,
            CurrentUser = ctx.CurrentUser,
        });
        command.ListAsync(Args(["--format", "csv", .. filter])).GetAwaiter().GetResult().Should().Be(0);
        return writer.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(l => l.Split(','))
            .ToDictionary(f => f[0], StringComparer.Ordinal);
    }

    public static string Find(Dictionary<string, string[]> cases, string bank, string category, string amount, int column = 6) =>
        cases.Values.Single(f => f[1] == bank && f[4] == category && f[column] == amount)[0];

    public string[] OutputLines(string day, string file) => File.ReadAllLines(Path.Combine(Ws.OutDay(day), file));

    /// <summary>A day on which no account moves money: statements with no rows, the given ledger rows and balances.</summary>
    public void QuietDay(string day, string ledgerRows, string cebSubAccount)
    {
        string folder = Path.Combine(Ws.Inbox, day);
        string statements = Path.Combine(folder, "statements");
        Directory.CreateDirectory(statements);
        string compact = day.Replace("-", "", StringComparison.Ordinal);
        File.WriteAllBytes(Path.Combine(statements, "ceb.csv"), Encoding.GetEncoding("GB18030").GetBytes($"""
            中国光大银行对公账户交易明细
            账号：,{ExampleInbox.Ceb}
            账户名称：,某某经纪有限公司二手房资金监管专户
            查询期间：,{day},至,{day}
            期初余额：,"12,049,980.00"
            交易日期,交易时间,借方发生额,贷方发生额,账户余额,对方账号,对方名称,对方银行,摘要,用途,凭证号,流水号
            合计,,0.00,0.00,,,,,,,,
            借方笔数：,0,贷方笔数：,0

            """.ReplaceLineEndings("\r\n")));
        File.WriteAllBytes(Path.Combine(statements, "citic.csv"), Encoding.GetEncoding("GB18030").GetBytes($"""
            账号,交易日期,交易时间,柜员交易号,总交易流水号,附属账号,借贷标识,交易金额,账户余额,对方账号,对方户名,对方开户行,摘要,附言,起息日,客户流水号,冲正流水号
            {ExampleInbox.Citic},{compact},000000,,,,,,8828000.00,,,,上日余额,,,,
            {ExampleInbox.Citic},{compact},235959,,,,,,8828000.00,,,,本日余额,,,,

            """.ReplaceLineEndings("\r\n")));
        File.WriteAllText(Path.Combine(statements, $"PAB_{ExampleInbox.Pab}_{compact}.csv"), """
            交易时间,记账日期,账号,核心唯一流水号,交易流水号,业务流水号,见证子账户,交易网会员代码,交易金额(分),账户余额(分),对方账号,对方户名,对方账号开户行,摘要,交易用途
            #汇总,笔数,0,净额(分),0,期末余额(分),2500001234

            """.ReplaceLineEndings("\n"), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        File.WriteAllText(Path.Combine(folder, "ledger.csv"),
            "entry_id,order_id,contract_no,sub_account_no,bank,escrow_account_no,escrow_type,direction,amount,status,created_at,settled_at,accounting_date,payment_ref,bank_serial,counterparty_name,counterparty_account,batch_id,remark\n" + ledgerRows);
        File.WriteAllText(Path.Combine(folder, "subaccounts.csv"), $"""
            sub_account_no,contract_no,bank,escrow_account_no,escrow_type,balance,status
            CEB-JG2024110600031,JG2024110600031,CEB,{ExampleInbox.Ceb},SECOND_HAND,{cebSubAccount},OPEN
            8110701234500007,ZX2024010045,CITIC,{ExampleInbox.Citic},RENOVATION,8800000.00,OPEN
            15000000100987,JG2024091203,PAB,{ExampleInbox.Pab},SECOND_HAND,25000000.00,OPEN

            """.ReplaceLineEndings("\n"));
    }
}
