using Reconcile.Cli.Commands;
using Reconcile.Cli.Tests.Run;

namespace Reconcile.Cli.Tests.Discrepancies;

/// <summary>
/// The real thing: `reconcile run` on the FORMATS.md example day (2024-11-06) and three quiet days after it, on an
/// SQLite store; the discrepancies commands and the export against the same store.
/// Day 11-07 makes the bank-only lines of 11-06 overdue (BANK_ONLY cases); on 11-08 the ledger books the CEB payout
/// (PAY2024110600017), which clears its case by itself.
/// </summary>
public sealed class EndToEndTests : IDisposable
{
    private const string CebAccount = ExampleInbox.Ceb;
    private readonly StoreCli _cli = new();

    private RunWorkspace _ws => _cli.Ws;

    private StringWriter _out => _cli.Out;

    private StringWriter _err => _cli.Err;

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Cases_clear_by_themselves_resolve_through_maker_checker_and_leave_the_next_run()
    {
        ExampleInbox.Write(_ws.Inbox);
        _ws.Run("2024-11-06").Should().Be(0);
        QuietDay("2024-11-07", ledgerRows: "", cebSubAccount: "12300000.00");
        _ws.Run("2024-11-07").Should().Be(0);
        QuietDay(
            "2024-11-08",
            ledgerRows: "L000004,ORD24110800001,JG2024110600031,CEB-JG2024110600031,CEB,38450188000123456,SECOND_HAND,WITHDRAWAL,250000.00,SUCCESS,2024-11-08T09:00:00+08:00,2024-11-08T09:00:00+08:00,2024-11-08,PAY2024110600017,,李四,6217000010012345678,,放款补录\n",
            cebSubAccount: "12050000.00");
        _ws.Run("2024-11-08").Should().Be(0);

        // The payout cleared by itself; the fee (20.00), CITIC's deposit (58,000.00) and PAB's interest (12.34) are open.
        Dictionary<string, string[]> all = List("--status", "all");
        string payout = Find(all, "CEB", "BANK_ONLY", "250000.00");
        string fee = Find(all, "CEB", "BANK_ONLY", "20.00");
        string deposit = Find(all, "CITIC", "BANK_ONLY", "58000.00");
        string interest = Find(all, "PAB", "BANK_ONLY", "12.34");
        all[payout][13].Should().Be("AUTO_CLEARED");
        new[] { fee, deposit, interest }.Should().OnlyContain(id => all[id][13] == "OPEN");
        List().Keys.Should().NotContain(payout);

        Command(c => c.ShowAsync(Args(payout))).Should().Be(0);
        _out.ToString().Should().Contain("AUTO_CLEARED").And.Contain("RAISED").And.Contain("business day 2024-11-08");
        Command(c => c.ResolveAsync(Args(payout, "--reason", "ADJUSTED", "--note", "n", "--by", "zhang"))).Should().Be(2);
        _err.ToString().Should().Contain($"case {payout} cleared by itself");

        // A team on the store: from now on a typed name is no identity.
        Users(c => c.AddAsync(Args("root", "--role", "admin", "--password-stdin")), "root-correct-horse").Should().Be(0);
        Users(c => c.AddAsync(Args("zhang", "--role", "preparer", "--by", "root", "--password-stdin")), "root-correct-horse", "zhang-correct-horse").Should().Be(0);
        Users(c => c.AddAsync(Args("li", "--role", "approver", "--by", "root", "--password-stdin")), "root-correct-horse", "li-correct-horse").Should().Be(0);
        Command(c => c.ResolveAsync(Args(interest, "--reason", "BOOKED_IN_LEDGER", "--note", "补单 结息", "--by", "mallory"))).Should().Be(2);
        _err.ToString().Should().Contain("give mallory's password");

        // Below the threshold: at once. At or above it: a second person.
        Command(c => c.ResolveAsync(Args(interest, "--reason", "BOOKED_IN_LEDGER", "--note", "补单 结息", "--by", "zhang", "--password-stdin")), "zhang-correct-horse").Should().Be(0);
        Command(c => c.ResolveAsync(Args(fee, "--reason", "FALSE_ALARM", "--note", "not a fee", "--by", "zhang", "--password-stdin")), "zhang-correct-horse").Should().Be(0);
        Command(c => c.ResolveAsync(Args(deposit, "--reason", "ADJUSTED", "--note", "调账", "--by", "zhang", "--password-stdin")), "zhang-correct-horse").Should().Be(0);
        List()[deposit][13].Should().Be("PENDING_APPROVAL");
        Command(c => c.ApproveAsync(Args(deposit, "--by", "zhang", "--password-stdin")), "zhang-correct-horse").Should().Be(2);
        Command(c => c.ApproveAsync(Args(deposit, "--by", "li", "--password-stdin")), "li-correct-horse").Should().Be(0);
        Command(c => c.ShowAsync(Args(deposit))).Should().Be(0);
        _out.ToString().Should().Contain("li");
        Dictionary<string, string[]> resolved = List("--status", "resolved");
        resolved.Keys.Should().Contain([payout, interest, fee, deposit]);
        resolved[deposit][13].Should().Be("RESOLVED");

        // The next run lists none of them. BOOKED_IN_LEDGER and ADJUSTED keep their amounts in the proof, so PAB and
        // CITIC still balance; FALSE_ALARM keeps nothing, so the 20.00 the bank really took shows as unexplained.
        QuietDay("2024-11-09", ledgerRows: "", cebSubAccount: "12050000.00");
        _ws.Run("2024-11-09").Should().Be(1);
        string discrepancies = File.ReadAllText(Path.Combine(_ws.OutDay("2024-11-09"), "discrepancies.csv"));
        discrepancies.Should().NotContainAny(payout, fee, deposit, interest);
        string[] inventory = File.ReadAllLines(Path.Combine(_ws.OutDay("2024-11-09"), "inventory.csv"));
        inventory.Single(l => l.Contains(CebAccount, StringComparison.Ordinal)).Should().EndWith(",-20.00,UNBALANCED");
        inventory.Single(l => l.Contains(ExampleInbox.Citic, StringComparison.Ordinal)).Should().EndWith(",0.00,BALANCED");
        inventory.Single(l => l.Contains(ExampleInbox.Pab, StringComparison.Ordinal)).Should().EndWith(",0.00,BALANCED");
    }

    [Fact]
    public void Export_of_stored_runs_names_the_gap_and_repeats_byte_for_byte()
    {
        ExampleInbox.Write(_ws.Inbox);
        _ws.Run("2024-11-06").Should().Be(0);
        QuietDay("2024-11-07", ledgerRows: "", cebSubAccount: "12300000.00");
        _ws.Run("2024-11-07").Should().Be(0);
        string first = Path.Combine(_ws.Root, "export1");
        string second = Path.Combine(_ws.Root, "export2");

        foreach (string dir in new[] { first, second })
        {
            foreach (string format in new[] { "csv", "xlsx" })
            {
                Command(c => new ExportCommand(Context()).InventoryAsync(Args("--from", "2024-11-05", "--to", "2024-11-07", "--out", Path.Combine(dir, format), "--format", format)))
                    .Should().Be(0);
            }
        }

        _err.ToString().Should().Contain("gaps: no run for 2024-11-05");
        foreach (string format in new[] { "csv", "xlsx" })
        {
            string name = $"inventory_2024-11-05_2024-11-07.{format}";
            File.ReadAllBytes(Path.Combine(second, format, name)).Should().Equal(File.ReadAllBytes(Path.Combine(first, format, name)));
            File.ReadAllBytes(Path.Combine(second, format, "manifest.json")).Should().Equal(File.ReadAllBytes(Path.Combine(first, format, "manifest.json")));
        }
        string[] csv = File.ReadAllLines(Path.Combine(first, "csv", "inventory_2024-11-05_2024-11-07.csv"));
        csv.Should().HaveCount(1 + 6);
        csv.Skip(1).Should().OnlyContain(l => l.EndsWith(",BALANCED", StringComparison.Ordinal));
        csv.Skip(1).Select(l => l[..10]).Should().Equal("2024-11-06", "2024-11-06", "2024-11-06", "2024-11-07", "2024-11-07", "2024-11-07");
        string runDay = File.ReadAllText(Path.Combine(_ws.OutDay("2024-11-06"), "inventory.csv"));
        runDay.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Should().Equal(csv.Skip(1).Take(3), "the export repeats the run's own rows");
        File.ReadAllText(Path.Combine(first, "xlsx", "manifest.json")).Should().Contain("\"days_without_run\": [\n    \"2024-11-05\"\n  ]");
    }

    [Fact]
    public void A_late_statement_supersedes_the_missing_statement_case_of_its_day()
    {
        ExampleInbox.Write(_ws.Inbox);
        string citic = Path.Combine(_ws.Inbox, "2024-11-06", "statements", "citic.csv");
        string late = Path.Combine(_ws.Root, "citic.csv");
        File.Move(citic, late);
        _ws.Run("2024-11-06").Should().Be(1, "CITIC has no statement");
        string missing = List().Values.Single(f => f[1] == "CITIC" && f[4] == "MISSING_STATEMENT")[0];
        List()[missing][13].Should().Be("OPEN");

        File.Move(late, citic);
        _ws.Run("2024-11-06").Should().Be(0, "the late statement came: the day balances");

        File.ReadAllText(Path.Combine(_ws.OutDay("2024-11-06"), "discrepancies.csv")).Should().NotContain(missing);
        List().Keys.Should().NotContain(missing, "a superseded case is closed");
        List("--status", "resolved").Keys.Should().NotContain(missing, "nobody resolved it");
        List("--status", "superseded").Keys.Should().Equal(missing);
        List("--status", "all")[missing][13].Should().Be("SUPERSEDED");
        Command(c => c.ShowAsync(Args(missing))).Should().Be(0);
        _out.ToString().Should().Contain("SUPERSEDED — the re-run of 2024-11-06 no longer lists it")
            .And.Contain("SUPERSEDED (the re-run of the day no longer lists it)");
        Command(c => c.ResolveAsync(Args(missing, "--reason", "BANK_ERROR", "--note", "n", "--by", "zhang"))).Should().Be(2);
        _err.ToString().Should().Contain($"case {missing} was superseded: the re-run of 2024-11-06 no longer lists it");

        string export = Path.Combine(_ws.Root, "export");
        Command(c => new ExportCommand(Context()).InventoryAsync(Args("--from", "2024-11-06", "--to", "2024-11-06", "--out", export, "--format", "csv"))).Should().Be(0);
        string[] cases = File.ReadAllLines(Path.Combine(export, "cases_2024-11-06_2024-11-06.csv"));
        string[] header = cases[0].TrimStart('\uFEFF').Split(',');
        string[] row = cases.Single(l => l.StartsWith(missing, StringComparison.Ordinal)).Split(',');
        row[Array.IndexOf(header, "status_at_period_end")].Should().Be("SUPERSEDED");
        row[Array.IndexOf(header, "status_now")].Should().Be("SUPERSEDED");
        File.ReadAllLines(Path.Combine(export, "history_2024-11-06_2024-11-06.csv"))
            .Where(l => l.StartsWith(missing, StringComparison.Ordinal)).Select(l => l.Split(',')[4]).Should().Equal("RAISED", "SUPERSEDED");
        using var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(Path.Combine(export, "manifest.json")));
        manifest.RootElement.GetProperty("open_discrepancies_at_end").GetInt32().Should().Be(List().Count, "the superseded case is not counted open");
        List().Should().ContainSingle("only the CITIC status mismatch the late statement brought is open");
    }

    [Fact]
    public void A_re_run_of_an_earlier_day_is_recorded_with_its_warning_and_the_later_day_run_again_supersedes()
    {
        ExampleInbox.Write(_ws.Inbox);
        string citic = Path.Combine(_ws.Inbox, "2024-11-06", "statements", "citic.csv");
        string late = Path.Combine(_ws.Root, "citic.csv");
        File.Move(citic, late);
        _ws.Run("2024-11-06").Should().Be(1);
        QuietDay("2024-11-07", ledgerRows: "", cebSubAccount: "12300000.00");
        _ws.Run("2024-11-07");
        string missing = List().Values.Single(f => f[1] == "CITIC" && f[4] == "MISSING_STATEMENT")[0];
        List()[missing][11].Should().Be("2024-11-07", "a missing statement stands until resolved: day 2 lists it too");

        File.Move(late, citic);
        var (exit, _, error) = _ws.RunProcess("2024-11-06");

        exit.Should().Be(0);
        error.Should().Contain("warning: 2024-11-06 is run again after later days were run (3 account(s), up to 2024-11-07)");
        List()[missing][13].Should().Be("OPEN", "its latest listing is of 2024-11-07, which was not run again yet");
        string export = Path.Combine(_ws.Root, "export");
        Command(c => new ExportCommand(Context()).InventoryAsync(Args("--from", "2024-11-06", "--to", "2024-11-07", "--out", export, "--format", "csv"))).Should().Be(0);
        string[] runs = File.ReadAllLines(Path.Combine(export, "runs_2024-11-06_2024-11-07.csv"));
        runs[0].Should().EndWith(",rows,warning");
        runs.Skip(1).Where(l => l.Contains("is run again after later days were run", StringComparison.Ordinal)).Should().NotBeEmpty();
        File.ReadAllText(Path.Combine(export, "manifest.json")).Should().Contain("\"warning\": \"2024-11-06 is run again after later days were run (3 account(s), up to 2024-11-07)");

        _ws.Run("2024-11-07");
        using (var summary = _ws.Json("2024-11-07", "summary.json"))
        {
            summary.RootElement.GetProperty("committed").GetBoolean().Should().BeTrue("the same files, but what the day carries in changed");
        }
        List("--status", "all")[missing][13].Should().Be("SUPERSEDED");
        _ws.Run("2024-11-07");
        using (var summary = _ws.Json("2024-11-07", "summary.json"))
        {
            summary.RootElement.GetProperty("committed").GetBoolean().Should().BeFalse("nothing changed since");
        }
    }

    [Fact]
    public void Verbs_are_wired_into_the_program()
    {
        ExampleInbox.Write(_ws.Inbox);
        _ws.Run("2024-11-06").Should().Be(0);
        string export = Path.Combine(_ws.Root, "export");

        Program.Main(["discrepancies", "list", "--store", _ws.Store, "--format", "csv"]).Should().Be(0);
        Program.Main(["discrepancies", "resolve", "D-0000000000000000", "--reason", "ADJUSTED", "--note", "n", "--by", "a", "--store", _ws.Store]).Should().Be(2);
        Program.Main(["discrepancies", "show", "--store", _ws.Store]).Should().Be(2, "the id is missing");
        Program.Main(["export", "inventory", "--from", "2024-11-06", "--to", "2024-11-06", "--out", export, "--store", _ws.Store]).Should().Be(0);

        File.Exists(Path.Combine(export, "inventory_2024-11-06_2024-11-06.csv")).Should().BeTrue();
        File.Exists(Path.Combine(export, "manifest.json")).Should().BeTrue();
    }

    private StoreCommandContext Context(params string[] stdin) => _cli.Context(stdin);

    private int Users(Func<UsersCommand, Task<int>> run, params string[] stdin) => _cli.Users(run, stdin);

    private int Command(Func<DiscrepanciesCommand, Task<int>> run, params string[] stdin) => _cli.Command(run, stdin);

    private static CommandLine Args(params string[] args) => StoreCli.Args(args);

    private Dictionary<string, string[]> List(params string[] filter) => _cli.List(filter);

    private static string Find(Dictionary<string, string[]> cases, string bank, string category, string bankAmount) => StoreCli.Find(cases, bank, category, bankAmount);

    private void QuietDay(string day, string ledgerRows, string cebSubAccount) => _cli.QuietDay(day, ledgerRows, cebSubAccount);
}
