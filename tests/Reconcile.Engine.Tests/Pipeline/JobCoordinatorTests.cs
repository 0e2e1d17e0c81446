using Akka.Actor;
using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;
using Reconcile.Engine.Pipeline;
using Reconcile.Engine.Store;
using Reconcile.Engine.Tests.Pipeline.Fakes;
using Reconcile.Formats;

namespace Reconcile.Engine.Tests.Pipeline;

public sealed class JobCoordinatorTests : Akka.TestKit.Xunit2.TestKit
{
    private const string P1 = "15000000000001";
    private const string P2 = "15000000000002";
    private const string R1 = "15000000000101";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private readonly TestInbox _inbox = new();
    private readonly InMemoryStore _store = new();
    private readonly FakeReconciler _fake = new();

    public JobCoordinatorTests()
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        _inbox.Account(P1, Bank.PAB, EscrowType.SECOND_HAND)
            .Account(P2, Bank.PAB, EscrowType.SECOND_HAND)
            .Account(R1, Bank.PAB, EscrowType.RENOVATION)
            .Day(Build.Day)
            .PabStatement(Build.Day, P1, 1000_00, ("PA1", 500_00), ("PA2", -200_00))
            .PabStatement(Build.Day, R1, 0, ("PR1", 80_00))
            .Ledger(Build.Day, TestInbox.Entry("L1", Bank.PAB, P1, EscrowType.SECOND_HAND, LedgerKind.DEPOSIT, 500m, "PA1", Build.Day));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        _inbox.Dispose();
    }

    [Fact]
    public void Reconciles_every_partition_and_answers_in_partition_then_account_order()
    {
        IActorRef coordinator = Coordinator();

        coordinator.Tell(new StartJob("j1", Plan(RunScope.All), NoRunObserver.Instance));

        var done = ExpectMsg<JobComputed>(Wait);
        done.Results.Select(r => r.Account.AccountNo).Should().Equal(R1, P1, P2);
        done.Counts.Select(c => (c.Type, c.Accounts, c.BankLines, c.LedgerEntries, c.MatchedBankLines))
            .Should().Equal((EscrowType.RENOVATION, 1, 1L, 0L, 0L), (EscrowType.SECOND_HAND, 2, 2L, 1L, 1L));
        done.Feed.Statements.Select(s => s.AccountNo).Should().BeEquivalentTo(P1, R1);
        done.Feed.LedgerRows.Should().Be(1);
        _fake.Inputs.Single(i => i.Account.AccountNo == P2).Statement.Should().BeNull();
    }

    [Fact]
    public async Task Inputs_read_for_another_plan_are_refused()
    {
        IActorRef coordinator = Coordinator();
        await using InputRead other = InputRead.Start(Plan(RunScope.All), NoRunObserver.Instance);

        coordinator.Tell(new StartJob("j1", Plan(RunScope.All), NoRunObserver.Instance, Inputs: other));

        ExpectMsg<JobFailed>(Wait).Error.Should().BeOfType<ArgumentException>();
        _store.Commits.Should().BeEmpty();
    }

    [Fact]
    public void A_subset_reads_everything_but_sends_only_its_partition_rows()
    {
        IActorRef coordinator = Coordinator();

        coordinator.Tell(new StartJob("j1", Plan(new RunScope(Bank.PAB, EscrowType.RENOVATION)), NoRunObserver.Instance));

        var done = ExpectMsg<JobComputed>(Wait);
        done.Results.Select(r => r.Account.AccountNo).Should().Equal(R1);
        done.Counts.Should().ContainSingle().Which.BankLines.Should().Be(1);
        done.Feed.Statements.Should().HaveCount(2);
    }

    [Fact]
    public void Refuses_a_day_that_would_leave_a_gap_and_names_the_day_to_run_first()
    {
        _store.Seed("R-old", Build.Day.PlusDays(-2), RunScope.All, "h", Build.Result(Build.Account(P1, Bank.PAB), day: Build.Day.PlusDays(-2)));
        IActorRef coordinator = Coordinator();

        coordinator.Tell(new StartJob("j1", Plan(RunScope.All), NoRunObserver.Instance));

        var failed = ExpectMsg<JobFailed>(Wait);
        failed.Error.Should().BeOfType<InputException>()
            .Which.Message.Should().Contain($"account {P1} was last reconciled on 2024-11-04").And.Contain("run 2024-11-05 first");
        _fake.Inputs.Should().BeEmpty();
    }

    [Fact]
    public void Rerunning_an_earlier_day_is_allowed_and_starts_from_the_state_before_it()
    {
        AccountDayResult before = Build.Result(Build.Account(P1, Bank.PAB), day: Build.Day.PlusDays(-1));
        _store.Seed("R-1", Build.Day.PlusDays(-1), RunScope.All, "h1", before);
        _store.Seed("R-2", Build.Day, RunScope.All, "h2", Build.Result(Build.Account(P1, Bank.PAB)));
        _store.Seed("R-3", Build.Day.PlusDays(1), RunScope.All, "h3", Build.Result(Build.Account(P1, Bank.PAB), day: Build.Day.PlusDays(1)));
        IActorRef coordinator = Coordinator();

        coordinator.Tell(new StartJob("j1", Plan(RunScope.All), NoRunObserver.Instance));

        ExpectMsg<JobComputed>(Wait);
        _fake.Inputs.Single(i => i.Account.AccountNo == P1).Previous.Should().Be(before.Next);
    }

    [Fact]
    public void A_row_booked_on_another_day_fails_the_job_naming_file_line_and_column()
    {
        _inbox.PabStatement(Build.Day, P2, 0, Build.Day.PlusDays(1), "late.csv", ("PX1", 1_00));
        IActorRef coordinator = Coordinator();

        coordinator.Tell(new StartJob("j1", Plan(RunScope.All), NoRunObserver.Instance));

        var error = ExpectMsg<JobFailed>(Wait).Error.Should().BeOfType<InputException>().Subject;
        error.File.Should().EndWith("late.csv");
        error.Line.Should().Be(2);
        error.Column.Should().Be("记账日期");
        _fake.Inputs.Should().BeEmpty();
    }

    [Fact]
    public void Two_statements_of_one_account_fail_the_job()
    {
        _inbox.PabStatement(Build.Day, P1, 1000_00, Build.Day, "again.csv", ("PA9", 1_00));
        IActorRef coordinator = Coordinator();

        coordinator.Tell(new StartJob("j1", Plan(RunScope.All), NoRunObserver.Instance));

        ExpectMsg<JobFailed>(Wait).Error.Should().BeOfType<InputException>()
            .Which.Message.Should().Contain($"a second statement of account {P1}");
    }

    [Fact]
    public void A_failing_partition_fails_the_job_and_the_coordinator_takes_the_next_job()
    {
        var failing = new FakeReconciler { ThrowFor = R1 };
        IActorRef coordinator = Sys.ActorOf(JobCoordinator.Props(_store, failing.Reconcile));

        coordinator.Tell(new StartJob("j1", Plan(RunScope.All), NoRunObserver.Instance));
        ExpectMsg<JobFailed>(Wait).Error.Message.Should().Be($"reconciler failed for {R1}");

        coordinator.Tell(new StartJob("j2", Plan(new RunScope(null, EscrowType.SECOND_HAND)), NoRunObserver.Instance));
        ExpectMsg<JobComputed>(Wait).JobId.Should().Be("j2");
    }

    [Fact]
    public void A_crash_after_the_first_partition_fails_the_job()
    {
        IActorRef coordinator = Coordinator();
        var hooks = new RunHooks((partition, finished) =>
        {
            if (finished == 1)
            {
                throw new InvalidOperationException("simulated crash after " + partition);
            }
        });

        coordinator.Tell(new StartJob("j1", Plan(RunScope.All), NoRunObserver.Instance, hooks));

        ExpectMsg<JobFailed>(Wait).Error.Message.Should().StartWith("simulated crash after PAB/");
    }

    [Fact]
    public void A_second_job_while_one_runs_is_refused()
    {
        var gate = new ManualResetEventSlim();
        var fake = new FakeReconciler();
        IActorRef coordinator = Sys.ActorOf(JobCoordinator.Props(_store, input =>
        {
            gate.Wait(Wait);
            return fake.Reconcile(input);
        }));

        coordinator.Tell(new StartJob("j1", Plan(RunScope.All), NoRunObserver.Instance));
        coordinator.Tell(new StartJob("j2", Plan(RunScope.All), NoRunObserver.Instance));

        ExpectMsg<JobFailed>(Wait).JobId.Should().Be("j2");
        gate.Set();
        ExpectMsg<JobComputed>(Wait).JobId.Should().Be("j1");
    }

    private IActorRef Coordinator() => Sys.ActorOf(JobCoordinator.Props(_store, _fake.Reconcile));

    private JobPlan Plan(RunScope scope)
    {
        InboxLayout layout = InboxLayout.Find(_inbox.Inbox, Build.Day);
        AccountRegistry registry = AccountsReader.Read(layout.AccountsFile);
        return JobPlan.Create(layout, registry, scope, ReconcileOptions.Default);
    }
}
