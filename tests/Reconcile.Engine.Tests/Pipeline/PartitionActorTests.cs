using Akka.Actor;
using NodaTime;
using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;
using Reconcile.Engine.Pipeline;
using Reconcile.Engine.Tests.Pipeline.Fakes;

namespace Reconcile.Engine.Tests.Pipeline;

public sealed class PartitionActorTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly PartitionKey Ceb = new(Bank.CEB, EscrowType.SECOND_HAND);
    private static readonly ReconcileOptions Options = ReconcileOptions.Default;

    // The CI machine runs test assemblies side by side: a 3 s default is too tight for a cold actor system.
    public PartitionActorTests()
        : base("akka.test.single-expect-default = 30s")
    {
    }

    [Fact]
    public void Acknowledges_each_batch_with_its_size()
    {
        IActorRef partition = Sys.ActorOf(PartitionActor.Props(Ceb, NoRunObserver.Instance, new FakeReconciler().Reconcile));

        partition.Tell(new BankLineBatch(Ceb, [Build.Line("A1", "S1", Direction.IN, 1m), Build.Line("A1", "S2", Direction.IN, 2m)]));
        ExpectMsg<BatchAccepted>().Should().Be(new BatchAccepted(Ceb, 2));
        partition.Tell(new LedgerEntryBatch(Ceb, [Build.Entry("L1", "A1", LedgerKind.DEPOSIT, 1m)]));
        ExpectMsg<BatchAccepted>().Count.Should().Be(1);
    }

    [Fact]
    public void Groups_rows_by_account_and_reconciles_every_account_open_on_the_day()
    {
        var fake = new FakeReconciler();
        IActorRef partition = Sys.ActorOf(PartitionActor.Props(Ceb, NoRunObserver.Instance, fake.Reconcile));
        partition.Tell(new BankLineBatch(Ceb, [Build.Line("A1", "S1", Direction.IN, 1m, sequence: 0), Build.Line("A2", "S9", Direction.OUT, 9m), Build.Line("A1", "S2", Direction.IN, 2m, sequence: 1)]));
        partition.Tell(new LedgerEntryBatch(Ceb, [Build.Entry("L1", "A1", LedgerKind.DEPOSIT, 1m, bankSerial: "S1")]));
        partition.Tell(new StatementRead(Ceb, Statement("A1")));
        ReceiveN(3);
        EscrowAccount[] accounts =
        [
            Build.Account("A4"),
            Build.Account("A1"),
            Build.Account("A3", openedOn: Build.Day.PlusDays(1)),
            Build.Account("A2"),
        ];

        partition.Tell(new ReconcilePartition(Ceb, Build.Day, accounts, new Dictionary<string, AccountState>(), Options));

        var done = ExpectMsg<PartitionReconciled>();
        done.Results.Select(r => r.Account.AccountNo).Should().Equal("A1", "A2", "A4");
        AccountDayInput a1 = fake.Inputs.Single(i => i.Account.AccountNo == "A1");
        a1.BankLines.Select(l => l.Serial).Should().Equal("S1", "S2");
        a1.LedgerEntries.Select(e => e.EntryId).Should().Equal("L1");
        a1.Statement!.AccountNo.Should().Be("A1");
        a1.Previous.Should().Be(AccountState.Empty("A1"));
        AccountDayInput a4 = fake.Inputs.Single(i => i.Account.AccountNo == "A4");
        a4.Statement.Should().BeNull();
        a4.BankLines.Should().BeEmpty();
        done.Counts.Should().Be(new Reconcile.Engine.Outputs.PartitionCounts(Bank.CEB, EscrowType.SECOND_HAND, 3, 3, 1, 1));
    }

    [Fact]
    public void Hands_each_account_its_carried_state()
    {
        var fake = new FakeReconciler();
        IActorRef partition = Sys.ActorOf(PartitionActor.Props(Ceb, NoRunObserver.Instance, fake.Reconcile));
        AccountState carried = AccountState.Empty("A1") with { LastDate = Build.Day.PlusDays(-1), LastClosing = Build.Yuan(10m) };

        partition.Tell(new ReconcilePartition(Ceb, Build.Day, [Build.Account("A1")], new Dictionary<string, AccountState> { ["A1"] = carried }, Options));

        ExpectMsg<PartitionReconciled>();
        fake.Inputs.Single().Previous.Should().Be(carried);
    }

    [Fact]
    public void Results_are_in_account_order_whatever_order_the_threads_finish_in()
    {
        var random = new Random(7);
        var delays = Enumerable.Range(0, 40).ToDictionary(i => $"A{i:00}", _ => random.Next(0, 20));
        var fake = new FakeReconciler();
        AccountDayResult Slow(AccountDayInput input)
        {
            Thread.Sleep(delays[input.Account.AccountNo]);
            return fake.Reconcile(input);
        }
        IActorRef partition = Sys.ActorOf(PartitionActor.Props(Ceb, NoRunObserver.Instance, Slow));
        var accounts = delays.Keys.Reverse().Select(no => Build.Account(no)).ToList();

        partition.Tell(new ReconcilePartition(Ceb, Build.Day, accounts, new Dictionary<string, AccountState>(), Options));

        ExpectMsg<PartitionReconciled>(TimeSpan.FromSeconds(10)).Results.Select(r => r.Account.AccountNo)
            .Should().Equal(delays.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Accounts_of_another_partition_are_not_reconciled_here()
    {
        var fake = new FakeReconciler();
        IActorRef partition = Sys.ActorOf(PartitionActor.Props(Ceb, NoRunObserver.Instance, fake.Reconcile));

        partition.Tell(new ReconcilePartition(Ceb, Build.Day, [Build.Account("A1"), Build.Account("B1", Bank.PAB)], new Dictionary<string, AccountState>(), Options));

        ExpectMsg<PartitionReconciled>().Results.Select(r => r.Account.AccountNo).Should().Equal("A1");
    }

    [Fact]
    public void A_failing_account_fails_the_partition_with_its_error()
    {
        var fake = new FakeReconciler { ThrowFor = "A2" };
        IActorRef partition = Sys.ActorOf(PartitionActor.Props(Ceb, NoRunObserver.Instance, fake.Reconcile));

        partition.Tell(new ReconcilePartition(Ceb, Build.Day, [Build.Account("A1"), Build.Account("A2")], new Dictionary<string, AccountState>(), Options));

        var failed = ExpectMsg<PartitionFailed>();
        failed.Partition.Should().Be(Ceb);
        failed.Error.Message.Should().Be("reconciler failed for A2");
    }

    [Fact]
    public void Matched_lines_count_both_rows_of_a_reversal_and_paired_lines_only()
    {
        BankLine[] lines =
        [
            Build.Line("A1", "S1", Direction.IN, 5m),
            Build.Line("A1", "S2", Direction.OUT, 5m, reversalOf: "S1", summary: "冲正"),
            Build.Line("A1", "S3", Direction.IN, 7m),
            Build.Line("A1", "S4", Direction.IN, 8m),
        ];
        MatchRecord[] matches =
        [
            new("A1", "S1", [], MatchRule.REVERSAL, Build.Yuan(5m)),
            new("A1", "S3", ["L1"], MatchRule.BANK_SERIAL, Build.Yuan(7m)),
            new("A1", "OLD", ["L2"], MatchRule.CARRIED, Build.Yuan(1m)),
        ];

        PartitionActor.MatchedBankLines(lines, matches).Should().Be(3);
    }

    private static StatementSummary Statement(string account) =>
        new("s.csv", Bank.CEB, account, Build.Day, Build.Yuan(100m), Build.Yuan(103m), Build.Yuan(3m), Money.Zero, 2, []);
}
