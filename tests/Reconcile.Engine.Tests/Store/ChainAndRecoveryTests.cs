using Microsoft.Data.Sqlite;
using Reconcile.Core.Cases;
using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;
using Reconcile.Engine.Hosting;
using Reconcile.Engine.Store;

namespace Reconcile.Engine.Tests.Store;

public sealed class ChainAndRecoveryTests
{
    private static readonly EscrowAccount A = S.Account("6001");

    [Fact]
    public async Task The_read_model_catches_up_after_a_crash_between_journal_write_and_projection()
    {
        using var tmp = new TempStore();
        Discrepancy x = S.BankOnly(A, "X1", 5_00, S.D1);
        await using (ReconcileHost host = await tmp.StartAsync())
        {
            await host.Store.CommitRunAsync(S.Commit("R1", S.D1, S.Result(A, S.D1, 100)));
        }
        await using (ReconcileHost crashing = await tmp.StartAsync(new StoreActorSettings { SkipProjection = true }))
        {
            await crashing.Store.CommitRunAsync(S.Commit("R2", S.D2, S.Result(A, S.D2, 200, [x])));
            (await crashing.Store.ListCasesAsync(new CaseQuery())).Should().BeEmpty("the projection was skipped");
        }

        await using (ReconcileHost host = await tmp.StartAsync())
        {
            host.Ready.CaughtUp.Should().Be(1);
            (await host.Store.ListCasesAsync(new CaseQuery())).Select(c => c.CaseId).Should().Equal(x.Id);
            (await host.Store.StatesBeforeAsync(["6001"], S.D3))["6001"].LastClosing!.Value.Fen.Should().Be(200);
            await host.Store.AppendCaseEventAsync(new CaseEvent(x.Id, CaseEventKind.COMMENTED, tmp.Clock.Now, "李四", "looked at it", null, null, null));
            (await host.Store.VerifyChainAsync()).Should().Be(new ChainReport(true, 3, null, null));
        }
    }

    [Fact]
    public async Task A_read_model_of_another_version_is_rebuilt_from_the_journal()
    {
        using var tmp = new TempStore();
        Discrepancy x = S.BankOnly(A, "X1", 5_00, S.D1);
        await using (ReconcileHost host = await tmp.StartAsync())
        {
            await host.Store.CommitRunAsync(S.Commit("R1", S.D1, S.Result(A, S.D1, 100, [x])));
            await host.Store.AppendCaseEventAsync(new CaseEvent(x.Id, CaseEventKind.ASSIGNED, tmp.Clock.Now, "李四", "王五", null, null, null));
        }
        using (SqliteConnection raw = tmp.OpenRaw())
        using (SqliteCommand old = raw.CreateCommand())
        {
            old.CommandText = "UPDATE rc_projection SET version = 0; DELETE FROM rc_cases;";
            old.ExecuteNonQuery();
        }

        await using (ReconcileHost host = await tmp.StartAsync())
        {
            host.Ready.CaughtUp.Should().Be(2);
            (await host.Store.ListCasesAsync(new CaseQuery())).Select(c => (c.CaseId, c.Assignee)).Should().Equal((x.Id, "王五"));
        }
    }

    [Fact]
    public async Task A_new_host_goes_on_with_the_chain_after_snapshots()
    {
        using var tmp = new TempStore();
        Discrepancy x = S.BankOnly(A, "X1", 5_00, S.D1);
        await using (ReconcileHost host = await tmp.StartAsync(new StoreActorSettings(CaseEventsPerSnapshot: 2)))
        {
            await host.Store.CommitRunAsync(S.Commit("R1", S.D1, S.Result(A, S.D1, 100, [x])));
            for (int i = 0; i < 5; i++)
            {
                await host.Store.AppendCaseEventAsync(new CaseEvent(x.Id, CaseEventKind.COMMENTED, tmp.Clock.Now, "李四", $"note {i}", null, null, null));
            }
        }
        await using (ReconcileHost host = await tmp.StartAsync())
        {
            host.Ready.SequenceNr.Should().Be(6);
            await host.Store.CommitRunAsync(S.Commit("R2", S.D2, S.Result(A, S.D2, 200, [x])));
            (await host.Store.VerifyChainAsync()).Should().Be(new ChainReport(true, 7, null, null));
        }
        using SqliteConnection raw = tmp.OpenRaw();
        using SqliteCommand cmd = raw.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM snapshot";
        ((long)cmd.ExecuteScalar()!).Should().BeGreaterThan(1);
    }

    [Fact]
    public async Task An_intact_store_verifies()
    {
        using var tmp = new TempStore();
        Discrepancy x = S.BankOnly(A, "X1", 5_00, S.D1);
        await using ReconcileHost host = await tmp.StartAsync();
        (await host.Store.VerifyChainAsync()).Should().Be(new ChainReport(true, 0, null, null));
        await host.Store.CommitRunAsync(S.Commit("R1", S.D1, S.Result(A, S.D1, 100, [x])));
        await host.Store.AppendCaseEventAsync(new CaseEvent(x.Id, CaseEventKind.COMMENTED, tmp.Clock.Now, "李四", "ok", null, null, null));

        (await host.Store.VerifyChainAsync()).Should().Be(new ChainReport(true, 2, null, null));
    }

    [Fact]
    public async Task Tampering_with_a_stored_record_breaks_the_chain_at_that_record()
    {
        using var tmp = new TempStore();
        Discrepancy x = S.BankOnly(A, "X1", 5_00, S.D1);
        await using (ReconcileHost host = await tmp.StartAsync())
        {
            await host.Store.CommitRunAsync(S.Commit("R1", S.D1, S.Result(A, S.D1, 100, [x])));
            await host.Store.AppendCaseEventAsync(new CaseEvent(x.Id, CaseEventKind.COMMENTED, tmp.Clock.Now, "李四", "ok", null, null, null));
            await host.Store.CommitRunAsync(S.Commit("R2", S.D2, S.Result(A, S.D2, 100, [x])));
        }
        using (SqliteConnection raw = tmp.OpenRaw())
        {
            byte[] message;
            using (SqliteCommand read = raw.CreateCommand())
            {
                read.CommandText = "SELECT message FROM journal WHERE sequence_number = 2";
                message = (byte[])read.ExecuteScalar()!;
            }
            int at = message.Length - 3;
            message[at] ^= 0x01; // one bit of the comment
            using SqliteCommand write = raw.CreateCommand();
            write.CommandText = "UPDATE journal SET message = @m WHERE sequence_number = 2";
            write.Parameters.AddWithValue("@m", message);
            write.ExecuteNonQuery().Should().Be(1);
        }

        ChainReport report = ChainVerifier.Verify(new StoreDatabase(tmp.Location));

        report.Intact.Should().BeFalse();
        report.RecordsChecked.Should().Be(1);
        report.FirstBadRecord.Should().Be($"#2 CaseEventRecorded case {x.Id}");
        report.Problem.Should().Contain("does not match its hash");
    }

    [Fact]
    public async Task A_deleted_record_breaks_the_chain_at_the_gap()
    {
        using var tmp = new TempStore();
        await using (ReconcileHost host = await tmp.StartAsync())
        {
            await host.Store.CommitRunAsync(S.Commit("R1", S.D1, S.Result(A, S.D1, 100)));
            await host.Store.CommitRunAsync(S.Commit("R2", S.D2, S.Result(A, S.D2, 100)));
            await host.Store.CommitRunAsync(S.Commit("R3", S.D3, S.Result(A, S.D3, 100)));
        }
        using (SqliteConnection raw = tmp.OpenRaw())
        using (SqliteCommand delete = raw.CreateCommand())
        {
            delete.CommandText = "DELETE FROM journal WHERE sequence_number = 2";
            delete.ExecuteNonQuery();
        }

        ChainReport report = ChainVerifier.Verify(new StoreDatabase(tmp.Location));

        report.Intact.Should().BeFalse();
        report.FirstBadRecord.Should().Be("#3 RunCommitted run R3");
        report.Problem.Should().Contain("missing");
    }
}
