using System.Text.Json;
using NodaTime;
using Reconcile.Core.Model;
using Reconcile.Engine.Pipeline;
using Reconcile.Engine.Store;
using Reconcile.Engine.Tests.Pipeline.Fakes;

namespace Reconcile.Engine.Tests.Pipeline;

public sealed class DailyRunTests : Akka.TestKit.Xunit2.TestKit
{
    private const string P1 = "15000000000001";
    private const string R1 = "15000000000101";
    private static readonly string[] Csvs = ["discrepancies.csv", "in_transit.csv", "matches.csv", "inventory.csv"];
    private readonly TestInbox _inbox = new();
    private readonly InMemoryStore _store = new();
    private readonly FakeReconciler _fake = new();
    private readonly DailyRun _run;

    public DailyRunTests()
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        _inbox.Account(P1, Bank.PAB, EscrowType.SECOND_HAND)
            .Account(R1, Bank.PAB, EscrowType.RENOVATION)
            .Day(Build.Day)
            .PabStatement(Build.Day, P1, 1000_00, ("PA1", 500_00), ("PA2", -200_00))
            .PabStatement(Build.Day, R1, 0, ("PR1", 80_00))
            .Ledger(Build.Day, TestInbox.Entry("L1", Bank.PAB, P1, EscrowType.SECOND_HAND, LedgerKind.DEPOSIT, 500m, "PA1", Build.Day))
            .SubAccounts(Build.Day, ("S1", Bank.PAB, P1, EscrowType.SECOND_HAND, 1300m));
        var clock = new FixedClock(Instant.FromUtc(2024, 11, 7, 1, 0));
        _run = new DailyRun(Sys.ActorOf(JobCoordinator.Props(_store, _fake.Reconcile)), _store, clock);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        _inbox.Dispose();
    }

    [Fact]
    public async Task Commits_the_run_and_publishes_all_six_outputs()
    {
        RunOutcome outcome = await _run.RunAsync(Request());

        _store.Commits.Should().ContainSingle();
        RunRecord run = _store.Commits[0].Run;
        run.AccountNos.Should().Equal(R1, P1);
        run.Inputs.Select(i => (i.Path, i.Rows)).Should().Equal(
            ("2024-11-06/ledger.csv", 1L),
            ("2024-11-06/statements/PAB_15000000000001_20241106.csv", 2L),
            ("2024-11-06/statements/PAB_15000000000101_20241106.csv", 1L),
            ("2024-11-06/subaccounts.csv", 1L),
            ("accounts.csv", 2L));
        outcome.OutputDirectory.Should().Be(_inbox.OutFolder(Build.Day));
        Directory.GetFiles(outcome.OutputDirectory).Select(Path.GetFileName)
            .Should().BeEquivalentTo(Csvs.Append("summary.json").Append("manifest.json"));
        Directory.GetDirectories(_inbox.Out).Should().ContainSingle();
        outcome.Summary.Committed.Should().BeTrue();
        outcome.Manifest.RunId.Should().Be(run.RunId).And.StartWith("R-20241106-");
        outcome.ExitCode.Should().Be(0);
    }

    [Fact]
    public async Task Rerun_with_the_same_files_commits_nothing_and_writes_the_same_bytes()
    {
        RunOutcome first = await _run.RunAsync(Request());
        var before = Csvs.ToDictionary(n => n, n => File.ReadAllBytes(Path.Combine(first.OutputDirectory, n)));

        RunOutcome second = await _run.RunAsync(Request());

        _store.Commits.Should().ContainSingle();
        second.Summary.Committed.Should().BeFalse();
        second.Manifest.RunId.Should().Be(first.Manifest.RunId);
        second.Manifest.InputsHash.Should().Be(first.Manifest.InputsHash);
        foreach (string name in Csvs)
        {
            File.ReadAllBytes(Path.Combine(second.OutputDirectory, name)).Should().Equal(before[name], name);
        }
    }

    [Fact]
    public async Task Rerun_with_corrected_files_commits_a_second_run_with_a_new_id()
    {
        RunOutcome first = await _run.RunAsync(Request());
        _inbox.Ledger(Build.Day, TestInbox.Entry("L1", Bank.PAB, P1, EscrowType.SECOND_HAND, LedgerKind.DEPOSIT, 500m, "PA1", Build.Day), TestInbox.Entry("L2", Bank.PAB, P1, EscrowType.SECOND_HAND, LedgerKind.WITHDRAWAL, 200m, "PA2", Build.Day));

        RunOutcome second = await _run.RunAsync(Request());

        _store.Commits.Select(c => c.Run.RunId).Should().Equal(first.Manifest.RunId, second.Manifest.RunId);
        second.Manifest.RunId.Should().NotBe(first.Manifest.RunId);
    }

    [Fact]
    public async Task Input_error_stores_nothing_and_writes_nothing()
    {
        _inbox.Ledger(Build.Day, TestInbox.Entry("L1", Bank.PAB, P1, EscrowType.SECOND_HAND, LedgerKind.DEPOSIT, 500m, "PA1", Build.Day.PlusDays(-1)));

        Func<Task> run = () => _run.RunAsync(Request());

        var error = (await run.Should().ThrowAsync<InputException>()).Which;
        error.File.Should().EndWith("ledger.csv");
        error.Line.Should().Be(2);
        error.Column.Should().Be("accounting_date");
        _store.Commits.Should().BeEmpty();
        NothingWritten().Should().BeTrue();
    }

    [Fact]
    public async Task With_errors_in_a_statement_and_the_ledger_the_statement_error_is_reported()
    {
        // Statements come before ledger.csv in the inbox's file order, whichever reader fails first.
        _inbox.PabStatement(Build.Day, P1, 1000_00, Build.Day.PlusDays(-1), $"PAB_{P1}_{Build.Day:yyyyMMdd}.csv", ("PA1", 500_00))
            .Ledger(Build.Day, TestInbox.Entry("L1", Bank.PAB, P1, EscrowType.SECOND_HAND, LedgerKind.DEPOSIT, 500m, "PA1", Build.Day.PlusDays(-1)));

        for (int attempt = 0; attempt < 5; attempt++)
        {
            Func<Task> run = () => _run.RunAsync(Request());

            var error = (await run.Should().ThrowAsync<InputException>()).Which;
            error.File.Should().EndWith($"PAB_{P1}_{Build.Day:yyyyMMdd}.csv");
            error.Line.Should().Be(2);
        }
        _store.Commits.Should().BeEmpty();
    }

    [Fact]
    public async Task A_statement_error_is_reported_before_a_ledger_without_its_header()
    {
        _inbox.PabStatement(Build.Day, P1, 1000_00, Build.Day.PlusDays(-1), $"PAB_{P1}_{Build.Day:yyyyMMdd}.csv", ("PA1", 500_00));
        File.WriteAllText(Path.Combine(_inbox.DayFolder(Build.Day), "ledger.csv"), "entry_id,order_id\nL1,O1\n");

        Func<Task> run = () => _run.RunAsync(Request());

        var error = (await run.Should().ThrowAsync<InputException>()).Which;
        error.File.Should().EndWith($"PAB_{P1}_{Build.Day:yyyyMMdd}.csv");
        _store.Commits.Should().BeEmpty();
        NothingWritten().Should().BeTrue();
    }

    [Fact]
    public async Task Crash_after_the_first_partition_leaves_store_and_outputs_as_before_and_a_rerun_gives_the_same_bytes()
    {
        RunOutcome first = await _run.RunAsync(Request());
        var before = Csvs.ToDictionary(n => n, n => File.ReadAllBytes(Path.Combine(first.OutputDirectory, n)));
        _inbox.PabStatement(Build.Day, R1, 0, ("PR1", 80_00), ("PR2", 1_00));
        var crash = new RunHooks((_, finished) =>
        {
            if (finished == 1)
            {
                throw new InvalidOperationException("simulated crash");
            }
        });

        Func<Task> crashing = () => _run.RunAsync(Request(), hooks: crash);

        await crashing.Should().ThrowAsync<InvalidOperationException>().WithMessage("simulated crash");
        _store.Commits.Should().ContainSingle();
        Directory.GetDirectories(_inbox.Out).Select(Path.GetFileName).Should().Equal("2024-11-06");
        foreach (string name in Csvs)
        {
            File.ReadAllBytes(Path.Combine(first.OutputDirectory, name)).Should().Equal(before[name], name);
        }

        RunOutcome rerun = await _run.RunAsync(Request());
        _store.Commits.Should().HaveCount(2);
        rerun.Summary.Committed.Should().BeTrue();
        OutputFolderLines(rerun.OutputDirectory, "in_transit.csv").Should().Contain(l => l.Contains(",PR2,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failed_commit_publishes_nothing()
    {
        _store.FailCommitWith = new IOException("disk full");

        Func<Task> run = () => _run.RunAsync(Request());

        await run.Should().ThrowAsync<IOException>();
        NothingWritten().Should().BeTrue();
    }

    [Fact]
    public async Task A_day_after_a_gap_is_refused_with_nothing_stored_or_written()
    {
        _store.Seed("R-old", Build.Day.PlusDays(-3), RunScope.All, "h", Build.Result(Build.Account(P1, Bank.PAB), day: Build.Day.PlusDays(-3)));

        Func<Task> run = () => _run.RunAsync(Request());

        (await run.Should().ThrowAsync<InputException>()).Which.Message.Should().Contain("run 2024-11-04 first");
        _store.Commits.Should().ContainSingle();
        Directory.Exists(_inbox.OutFolder(Build.Day)).Should().BeFalse();
    }

    [Fact]
    public async Task A_subset_reconciles_and_commits_only_its_accounts()
    {
        RunOutcome outcome = await _run.RunAsync(Request(new RunScope(Bank.PAB, EscrowType.RENOVATION)));

        _store.Commits.Single().Run.AccountNos.Should().Equal(R1);
        _store.Commits.Single().Run.Scope.Should().Be(new RunScope(Bank.PAB, EscrowType.RENOVATION));
        OutputFolderLines(outcome.OutputDirectory, "inventory.csv").Skip(1).Select(l => l.Split(',')[3]).Should().Equal(R1);
        outcome.Summary.Partitions.Should().ContainSingle().Which.Type.Should().Be(EscrowType.RENOVATION);
    }

    [Fact]
    public async Task Missing_statement_makes_exit_code_one_and_summary_says_so()
    {
        File.Delete(Path.Combine(_inbox.DayFolder(Build.Day), "statements", $"PAB_{R1}_20241106.csv"));

        RunOutcome outcome = await _run.RunAsync(Request());

        outcome.ExitCode.Should().Be(1);
        using JsonDocument summary = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(outcome.OutputDirectory, "summary.json")));
        summary.RootElement.GetProperty("totals").GetProperty("missing_statements").GetInt32().Should().Be(1);
        summary.RootElement.GetProperty("exit_code").GetInt32().Should().Be(1);
    }

    [Fact]
    public async Task A_missing_day_folder_is_an_input_error()
    {
        Func<Task> run = () => _run.RunAsync(Request() with { BusinessDate = Build.Day.PlusDays(1) });

        (await run.Should().ThrowAsync<InputException>()).Which.Message.Should().Contain("no inbox folder for 2024-11-07");
    }

    [Fact]
    public async Task A_run_prepared_before_the_engine_gives_the_same_outputs_and_counts_the_rows_it_read()
    {
        var observer = new ReadCounter();
        await using PreparedRun prepared = DailyRun.Prepare(Request(), new FixedClock(Instant.FromUtc(2024, 11, 7, 1, 0)), observer);

        RunOutcome early = await _run.RunAsync(prepared);
        string[] earlyBytes = Csvs.Select(c => Convert.ToHexString(File.ReadAllBytes(Path.Combine(early.OutputDirectory, c)))).ToArray();
        Directory.Delete(_inbox.Out, recursive: true);
        RunOutcome usual = await _run.RunAsync(Request());

        Csvs.Select(c => Convert.ToHexString(File.ReadAllBytes(Path.Combine(usual.OutputDirectory, c)))).Should().Equal(earlyBytes);
        early.Manifest.InputsHash.Should().Be(usual.Manifest.InputsHash);
        observer.BankLines.Should().Be(3);
        observer.LedgerEntries.Should().Be(1);
    }

    [Fact]
    public async Task A_bad_accounts_csv_is_reported_by_prepare_before_any_engine_exists()
    {
        File.WriteAllText(Path.Combine(_inbox.Inbox, "accounts.csv"), "escrow_account_no,bank\n");

        Func<Task> prepare = async () => await DailyRun.Prepare(Request(), SystemClock.Instance).DisposeAsync();

        (await prepare.Should().ThrowAsync<InputException>()).Which.File.Should().EndWith("accounts.csv");
    }

    [Fact]
    public async Task A_prepared_run_still_reports_a_gap_before_the_input_error_it_read()
    {
        _store.Seed("R-old", Build.Day.PlusDays(-3), RunScope.All, "h", Build.Result(Build.Account(P1, Bank.PAB), day: Build.Day.PlusDays(-3)));
        _inbox.Ledger(Build.Day, TestInbox.Entry("L1", Bank.PAB, P1, EscrowType.SECOND_HAND, LedgerKind.DEPOSIT, 500m, "PA1", Build.Day.PlusDays(-1)));
        await using PreparedRun prepared = DailyRun.Prepare(Request(), SystemClock.Instance);

        Func<Task> run = () => _run.RunAsync(prepared);

        (await run.Should().ThrowAsync<InputException>()).Which.Message.Should().Contain("run 2024-11-04 first");
        _store.Commits.Should().ContainSingle();
    }

    [Fact]
    public async Task A_prepared_run_nobody_runs_stops_reading_when_disposed()
    {
        PreparedRun prepared = DailyRun.Prepare(Request(), SystemClock.Instance);

        Func<Task> dispose = async () => await prepared.DisposeAsync();

        await dispose.Should().CompleteWithinAsync(TimeSpan.FromSeconds(30));
        _store.Commits.Should().BeEmpty();
        NothingWritten().Should().BeTrue();
    }

    private sealed class ReadCounter : IRunObserver
    {
        public long BankLines;
        public long LedgerEntries;

        public void Planned(IReadOnlyList<(PartitionKey Partition, int Accounts)> partitions)
        {
        }

        public void PhaseStarted(RunPhase phase)
        {
        }

        public void Read(PartitionKey partition, int bankLines, int ledgerEntries)
        {
            Interlocked.Add(ref BankLines, bankLines);
            Interlocked.Add(ref LedgerEntries, ledgerEntries);
        }

        public void Reconciled(PartitionKey partition, int accounts)
        {
        }
    }

    private bool NothingWritten() => !Directory.Exists(_inbox.Out) || !Directory.EnumerateFileSystemEntries(_inbox.Out).Any();

    private RunRequest Request(RunScope? scope = null) => new(_inbox.Inbox, Build.Day, _inbox.Out, scope ?? RunScope.All);

    private static string[] OutputFolderLines(string folder, string name) => Reconcile.Engine.Tests.Outputs.OutputFolder.Lines(Path.Combine(folder, name));
}
