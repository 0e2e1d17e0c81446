using System.Text.Json;
using Reconcile.Engine.Pipeline;

namespace Reconcile.Cli.Tests.Run;

/// <summary>`reconcile run` end to end on the FORMATS.md examples: the real readers, core, store and outputs.</summary>
public sealed class RunCommandTests : IDisposable
{
    private const string Day = ExampleInbox.Day;
    private readonly RunWorkspace _ws = new();

    public RunCommandTests() => ExampleInbox.Write(_ws.Inbox);

    public void Dispose() => _ws.Dispose();

    [Fact]
    public void Balanced_day_exits_0_and_writes_the_six_files()
    {
        _ws.Run(Day).Should().Be(ExitCodes.Ok);

        Directory.GetFiles(_ws.OutDay(Day)).Select(Path.GetFileName).Should().BeEquivalentTo(
            "discrepancies.csv", "in_transit.csv", "matches.csv", "inventory.csv", "summary.json", "manifest.json");
        _ws.Rows(Day, "inventory.csv").Select(r => (r[3], r[^2], r[^1])).Should().Equal(
            (ExampleInbox.Ceb, "0.00", "BALANCED"),
            (ExampleInbox.Citic, "0.00", "BALANCED"),
            (ExampleInbox.Pab, "0.00", "BALANCED"));
        _ws.Rows(Day, "discrepancies.csv").Should().ContainSingle().Which[5].Should().Be("STATUS_MISMATCH");
        _ws.Rows(Day, "in_transit.csv").Select(r => r[9]).Should().Equal(
            "C241106000577", "C241106000578", "S241106000921", "PA8831202411060100");
        _ws.Rows(Day, "matches.csv").Select(r => (r[1], r[3])).Should().Equal(
            ("PA8831202411060042", "PAYMENT_REF"), ("C241106000112", "BANK_SERIAL"), ("S241106001377", "PAYMENT_REF"));
    }

    [Fact]
    public void Memo_starting_like_a_formula_is_written_with_a_leading_quote()
    {
        _ws.Run(Day).Should().Be(ExitCodes.Ok);

        string inTransit = File.ReadAllText(Path.Combine(_ws.OutDay(Day), "in_transit.csv"));
        inTransit.Should().Contain(",手续费 =跨行汇款手续费\r\n", "the cell starts with 手续费, not with =");
        _ws.Rows(Day, "in_transit.csv").Should().OnlyContain(r => r.Length == 16);
    }

    [Fact]
    public void Unbalanced_account_exits_1_and_the_proof_names_the_difference()
    {
        ExampleInbox.SubAccounts(_ws.Inbox, "12299999.00");

        _ws.Run(Day).Should().Be(ExitCodes.Findings);

        _ws.Rows(Day, "inventory.csv")[0].Should().Contain("1.00").And.Contain("UNBALANCED");
        using JsonDocument summary = _ws.Json(Day, "summary.json");
        summary.RootElement.GetProperty("totals").GetProperty("unbalanced_accounts").GetInt32().Should().Be(1);
    }

    [Fact]
    public void Rerun_with_the_same_files_is_byte_identical_and_commits_nothing_new()
    {
        _ws.Run(Day).Should().Be(ExitCodes.Ok);
        var first = _ws.Csvs(Day);
        string firstRun = RunId();

        _ws.Run(Day).Should().Be(ExitCodes.Ok);

        var second = _ws.Csvs(Day);
        second.Keys.Should().BeEquivalentTo(first.Keys);
        foreach (var (name, bytes) in first)
        {
            second[name].Should().Equal(bytes, name);
        }
        RunId().Should().Be(firstRun);
        using JsonDocument summary = _ws.Json(Day, "summary.json");
        summary.RootElement.GetProperty("committed").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public void Corrected_files_supersede_the_earlier_run_of_the_day()
    {
        ExampleInbox.SubAccounts(_ws.Inbox, "1.00");
        _ws.Run(Day).Should().Be(ExitCodes.Findings);
        string wrong = RunId();

        ExampleInbox.SubAccounts(_ws.Inbox, "12300000.00");
        _ws.Run(Day).Should().Be(ExitCodes.Ok);

        RunId().Should().NotBe(wrong);
        using JsonDocument summary = _ws.Json(Day, "summary.json");
        summary.RootElement.GetProperty("committed").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public void Bad_input_exits_2_naming_file_line_and_column_and_nothing_is_stored_or_written()
    {
        string ledger = _ws.InboxFile($"{Day}/ledger.csv");
        File.WriteAllText(ledger, File.ReadAllText(ledger).Replace("DEPOSIT,300000.00", "DEPOSIT,3O0000.00", StringComparison.Ordinal));

        var (exit, _, error) = _ws.RunProcess(Day);

        exit.Should().Be(ExitCodes.Rejected);
        error.Should().Contain("ledger.csv, line 2, column amount").And.Contain("Nothing of this run was stored or written.");
        error.Should().NotContain("   at ", "no stack trace");
        Directory.Exists(_ws.OutDay(Day)).Should().BeFalse();
        NothingStaged().Should().BeTrue();

        ExampleInbox.Write(_ws.Inbox);
        _ws.Run(Day).Should().Be(ExitCodes.Ok);
        using JsonDocument summary = _ws.Json(Day, "summary.json");
        summary.RootElement.GetProperty("committed").GetBoolean().Should().BeTrue("the rejected run stored nothing");
    }

    [Theory]
    [InlineData("notes.txt", "the CITIC file is late\n")]
    [InlineData("camt053.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Document/>\n")]
    [InlineData("stmt_icbc.csv", "交易日期,摘要,金额\n2024-11-06,转入,100.00\n")]
    public void A_stray_file_in_the_statements_folder_is_an_input_error_and_nothing_is_stored_or_written(string name, string content)
    {
        File.WriteAllText(_ws.InboxFile($"{Day}/statements/{name}"), content);

        var (exit, _, error) = _ws.RunProcess(Day);

        exit.Should().Be(ExitCodes.Rejected);
        string[] lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(2);
        lines[0].Should().StartWith("error: ").And.Contain($"statements/{name}").And.Contain("no statement reader recognises this file")
            .And.Contain("CEB (").And.Contain("CITIC (").And.Contain("PAB (");
        lines[1].Should().Contain("Nothing of this run was stored or written.");
        File.Exists(_ws.Store).Should().BeFalse("the store is not even created");
        Directory.Exists(_ws.Out).Should().BeFalse();
    }

    [Fact]
    public void A_statement_saved_as_txt_next_to_a_good_run_is_read_not_skipped_and_a_stray_file_leaves_the_good_run_standing()
    {
        _ws.Run(Day).Should().Be(ExitCodes.Ok);
        var before = _ws.Csvs(Day);
        byte[] store = File.ReadAllBytes(_ws.Store);
        File.WriteAllText(_ws.InboxFile($"{Day}/statements/notes.txt"), "the CITIC file is late\n");

        var (exit, _, _) = _ws.RunProcess(Day);

        exit.Should().Be(ExitCodes.Rejected);
        File.ReadAllBytes(_ws.Store).Should().Equal(store, "a rejected run does not supersede the good one");
        foreach (var (name, bytes) in _ws.Csvs(Day))
        {
            bytes.Should().Equal(before[name], name);
        }

        File.Delete(_ws.InboxFile($"{Day}/statements/notes.txt"));
        string citic = _ws.InboxFile($"{Day}/statements/citic.csv");
        File.Move(citic, Path.ChangeExtension(citic, ".txt"));
        _ws.Run(Day).Should().Be(ExitCodes.Ok, "the CITIC statement is recognised by its content, not its name");
        _ws.Rows(Day, "inventory.csv").Select(r => r[^1]).Should().Equal("BALANCED", "BALANCED", "BALANCED");
    }

    [Fact]
    public void Hidden_files_and_files_named_in_reconcileignore_are_not_inputs_of_the_run()
    {
        _ws.Run(Day).Should().Be(ExitCodes.Ok);
        string runId = RunId();
        File.WriteAllText(_ws.InboxFile($"{Day}/statements/.DS_Store"), "Bud1");
        File.WriteAllText(_ws.InboxFile($"{Day}/statements/README.txt"), "statements of the day");
        File.WriteAllText(_ws.InboxFile($"{Day}/statements/ceb.pdf"), "%PDF-1.7");
        File.WriteAllText(_ws.InboxFile($"{Day}/statements/.reconcileignore"), "# not statements\nREADME.txt\n*.pdf\n");

        _ws.Run(Day).Should().Be(ExitCodes.Ok);

        RunId().Should().Be(runId, "the ignored files are not inputs: the inputs are the same as before");
        using JsonDocument manifest = _ws.Json(Day, "manifest.json");
        manifest.RootElement.GetRawText().Should().NotContain("README").And.NotContain("ceb.pdf").And.NotContain("DS_Store").And.NotContain("reconcileignore");
    }

    [Fact]
    public void A_day_after_a_gap_is_refused_with_exit_2()
    {
        _ws.Run(Day).Should().Be(ExitCodes.Ok);
        string later = "2024-11-08";
        CopyDay(Day, later);

        var (exit, _, error) = _ws.RunProcess(later);

        exit.Should().Be(ExitCodes.Rejected);
        error.Should().Contain("run 2024-11-07 first");
        Directory.Exists(_ws.OutDay(later)).Should().BeFalse();
    }

    [Fact]
    public void Crash_after_the_first_partition_exits_3_leaves_store_and_outputs_as_before_and_a_rerun_gives_the_same_bytes()
    {
        ExampleInbox.SubAccounts(_ws.Inbox, "1.00");
        _ws.Run(Day).Should().Be(ExitCodes.Findings);
        var before = _ws.Csvs(Day);
        string beforeRun = RunId();
        ExampleInbox.SubAccounts(_ws.Inbox, "12300000.00");

        Commands.RunCommand.TestHooks.Value = new RunHooks((_, finished) =>
        {
            if (finished == 1)
            {
                throw new InvalidOperationException("simulated crash");
            }
        });
        int crashed;
        try
        {
            crashed = _ws.Run(Day);
        }
        finally
        {
            Commands.RunCommand.TestHooks.Value = null;
        }

        crashed.Should().Be(ExitCodes.Internal);
        var after = _ws.Csvs(Day);
        foreach (var (name, bytes) in before)
        {
            after[name].Should().Equal(bytes, name);
        }
        RunId().Should().Be(beforeRun);
        NothingStaged().Should().BeTrue();

        _ws.Run(Day).Should().Be(ExitCodes.Ok);
        using (JsonDocument summary = _ws.Json(Day, "summary.json"))
        {
            summary.RootElement.GetProperty("committed").GetBoolean().Should().BeTrue("the crashed run committed nothing");
        }
        using var clean = new RunWorkspace();
        ExampleInbox.Write(clean.Inbox);
        clean.Run(Day).Should().Be(ExitCodes.Ok);
        foreach (var (name, bytes) in clean.Csvs(Day))
        {
            _ws.Csvs(Day)[name].Should().Equal(bytes, name);
        }
    }

    [Fact]
    public void Bank_and_type_select_a_subset_of_the_accounts()
    {
        _ws.Run(Day, "--bank", "CITIC", "--type", "RENOVATION").Should().Be(ExitCodes.Ok);

        _ws.Rows(Day, "inventory.csv").Select(r => r[3]).Should().Equal(ExampleInbox.Citic);
        _ws.Rows(Day, "in_transit.csv").Should().OnlyContain(r => r[2] == "CITIC");
        using JsonDocument summary = _ws.Json(Day, "summary.json");
        summary.RootElement.GetProperty("partitions").GetArrayLength().Should().Be(1);
        summary.RootElement.GetProperty("scope").GetProperty("bank").GetString().Should().Be("CITIC");
    }

    [Fact]
    public void Plain_output_is_a_table_without_escape_codes_and_ends_with_the_exit_meaning()
    {
        var (exit, output, _) = _ws.RunProcess(Day, "--plain");

        exit.Should().Be(ExitCodes.Ok);
        output.Should().NotContain("\u001b[");
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().Contain(l => l.StartsWith("Bank ", StringComparison.Ordinal) && l.Contains("Auto-match", StringComparison.Ordinal));
        lines.Should().Contain(l => l.StartsWith("TOTAL ", StringComparison.Ordinal));
        lines.Should().Contain(l => l.StartsWith("exit 0: every account is BALANCED", StringComparison.Ordinal));
    }

    [Fact]
    public void A_timing_window_of_zero_makes_every_open_item_a_discrepancy_at_once_and_is_a_new_run()
    {
        _ws.Run(Day).Should().Be(ExitCodes.Ok);
        string windowOne = RunId();

        _ws.Run(Day, "--window", "0").Should().Be(ExitCodes.Ok);

        _ws.Rows(Day, "in_transit.csv").Should().BeEmpty();
        _ws.Rows(Day, "discrepancies.csv").Where(r => r[5] == "BANK_ONLY").Select(r => r[9]).Should().BeEquivalentTo(
            "C241106000577", "C241106000578", "S241106000921", "PA8831202411060100");
        RunId().Should().NotBe(windowOne, "the window is part of what the run was computed from");
    }

    [Fact]
    public void Missing_date_is_a_usage_error()
    {
        Program.Main(["run", "--inbox", _ws.Inbox]).Should().Be(ExitCodes.Rejected);
    }

    private string RunId()
    {
        using JsonDocument manifest = _ws.Json(Day, "manifest.json");
        return manifest.RootElement.GetProperty("run_id").GetString()!;
    }

    private bool NothingStaged() =>
        !Directory.Exists(_ws.Out) || !Directory.EnumerateDirectories(_ws.Out, ".*").Any();

    private void CopyDay(string from, string to)
    {
        string source = _ws.InboxFile(from);
        string target = _ws.InboxFile(to);
        foreach (string file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            string dest = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
            File.Copy(file, dest);
        }
    }
}
