using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit.Xunit2;
using Reconcile.Core.Cases;
using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;
using Reconcile.Engine.Store;

namespace Reconcile.Engine.Tests.Store;

/// <summary>The writer actor on its own, through the TestKit, with its own SQLite file.</summary>
public sealed class StoreActorTests : TestKit
{
    private readonly TempStore _tmp;

    public StoreActorTests()
        : this(new TempStore())
    {
    }

    private StoreActorTests(TempStore tmp)
        : base(Config(tmp), "store-actor-tests")
    {
        _tmp = tmp;
        new StoreDatabase(_tmp.Location).Prepare();
    }

    private static Akka.Configuration.Config Config(TempStore tmp) => ConfigurationFactory.ParseString($$"""
        akka.loglevel = WARNING
        # a cold journal start (linq2db, SQLite, recovery) can take seconds while other test assemblies run
        akka.test.single-expect-default = 30s
        akka.persistence.journal.plugin = "akka.persistence.journal.sql"
        akka.persistence.journal.sql {
          connection-string = "{{tmp.Location.ConnectionString}}"
          provider-name = "{{LinqToDB.ProviderName.SQLiteMS}}"
          parallelism = 1
        }
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.sql"
        akka.persistence.snapshot-store.sql {
          connection-string = "{{tmp.Location.ConnectionString}}"
          provider-name = "{{LinqToDB.ProviderName.SQLiteMS}}"
        }
        """).WithFallback(Akka.Persistence.Sql.SqlPersistence.DefaultConfiguration);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        _tmp.Dispose();
    }

    [Fact]
    public void Answers_ready_then_acknowledges_each_write_with_its_record()
    {
        EscrowAccount a = S.Account("6001");
        Discrepancy x = S.BankOnly(a, "X1", 5_00, S.D1);
        IActorRef store = Sys.ActorOf(ReconcileStoreActor.Props(new StoreDatabase(_tmp.Location), _tmp.Clock));

        store.Tell(StoreReadyQuery.Instance);
        ExpectMsg<StoreReady>().SequenceNr.Should().Be(0);

        store.Tell(new CommitRunCommand(S.Commit("R1", S.D1, S.Result(a, S.D1, 100, [x]))));
        ExpectMsg<StoreAck>(TimeSpan.FromSeconds(30)).SequenceNr.Should().Be(1);

        store.Tell(new AppendCaseEventCommand(new CaseEvent(x.Id, CaseEventKind.ASSIGNED, _tmp.Clock.Now, "李四", "王五", null, null, null)));
        ExpectMsg<StoreAck>(TimeSpan.FromSeconds(30)).SequenceNr.Should().Be(2);

        store.Tell(new AppendCaseEventCommand(new CaseEvent("D-none", CaseEventKind.COMMENTED, _tmp.Clock.Now, "李四", "?", null, null, null)));
        ExpectMsg<Status.Failure>(TimeSpan.FromSeconds(30)).Cause.Should().BeOfType<KeyNotFoundException>();

        store.Tell(new AppendCaseEventCommand(new CaseEvent(x.Id, CaseEventKind.SEEN_AGAIN, _tmp.Clock.Now, "李四", null, null, null, null)));
        ExpectMsg<Status.Failure>(TimeSpan.FromSeconds(30)).Cause.Message.Should().Contain("recorded by runs");

        new ReadModel(new StoreDatabase(_tmp.Location)).GetCase(x.Id)!.Summary.Assignee.Should().Be("王五");
    }
}
