using Reconcile.Core.Reconciliation;
using Reconcile.Engine.Hosting;
using Reconcile.Engine.Store;

namespace Reconcile.Engine.Tests.Store;

public sealed class StoreRunTests
{
    [Fact]
    public async Task Commit_then_reload_in_a_new_host_gives_the_same_states()
    {
        using var tmp = new TempStore();
        var a = S.Account("6001");
        var b = S.Account("6002", Core.Model.Bank.PAB);
        OpenItem open = S.BankItem("6001", "SER-1", 12_345, S.D1);
        await using (ReconcileHost host = await tmp.StartAsync())
        {
            await host.Store.CommitRunAsync(S.Commit("R1", S.D1, S.Result(a, S.D1, 500_00, open: [open]), S.Result(b, S.D1, 700_00)));
        }

        await using (ReconcileHost host = await tmp.StartAsync())
        {
            var states = await host.Store.StatesBeforeAsync(["6001", "6002", "6003"], S.D2);
            states["6001"].LastClosing.Should().Be(Core.Model.Money.FromFen(500_00));
            states["6001"].OpenItems.Should().ContainSingle().Which.Should().BeEquivalentTo(open);
            states["6002"].LastDate.Should().Be(S.D1);
            states["6003"].Should().BeEquivalentTo(AccountState.Empty("6003"));
            (await host.Store.LastRunDaysAsync(["6001", "6003"])).Should().BeEquivalentTo(new Dictionary<string, NodaTime.LocalDate> { ["6001"] = S.D1 });
            host.Ready.SequenceNr.Should().Be(1);
        }
    }

    [Fact]
    public async Task States_before_a_day_come_from_the_latest_run_of_the_latest_earlier_day()
    {
        using var tmp = new TempStore();
        var a = S.Account("6001");
        await using ReconcileHost host = await tmp.StartAsync();
        await host.Store.CommitRunAsync(S.Commit("R1", S.D1, S.Result(a, S.D1, 100)));
        await host.Store.CommitRunAsync(S.Commit("R2", S.D2, S.Result(a, S.D2, 200)));
        await host.Store.CommitRunAsync(S.Commit("R2b", S.D2, S.Result(a, S.D2, 250)));
        await host.Store.CommitRunAsync(S.Commit("R4", S.D4, S.Result(a, S.D4, 400)));

        (await host.Store.StatesBeforeAsync(["6001"], S.D3))["6001"].LastClosing!.Value.Fen.Should().Be(250);
        (await host.Store.StatesBeforeAsync(["6001"], S.D2))["6001"].LastClosing!.Value.Fen.Should().Be(100);
        (await host.Store.StatesBeforeAsync(["6001"], S.D1))["6001"].LastDate.Should().BeNull();
        (await host.Store.StatesBeforeAsync(["6001"], new NodaTime.LocalDate(2024, 3, 9)))["6001"].LastClosing!.Value.Fen.Should().Be(400);
    }

    [Fact]
    public async Task Superseding_rerun_keeps_both_run_records()
    {
        using var tmp = new TempStore();
        var a = S.Account("6001");
        await using ReconcileHost host = await tmp.StartAsync();
        await host.Store.CommitRunAsync(S.Commit("R1", S.D1, S.Result(a, S.D1, 100)));
        await host.Store.CommitRunAsync(S.Commit("R1-corrected", S.D1, S.Result(a, S.D1, 150)));

        (await host.Store.RunsAsync(S.D1, S.D1)).Select(r => r.RunId).Should().Equal("R1", "R1-corrected");
        RunRecord? latest = await host.Store.LatestRunAsync(S.D1, RunScope.All);
        latest!.RunId.Should().Be("R1-corrected");
        latest.InputsHash.Should().Be("hash-R1-corrected");
        InventoryHistory inventory = await host.Store.InventoryAsync(S.D1, S.D1);
        inventory.Rows.Should().ContainSingle().Which.BankClosing!.Value.Fen.Should().Be(150);
        inventory.Runs.Select(r => r.RunId).Should().Equal("R1-corrected");
    }

    [Fact]
    public async Task Latest_run_is_per_scope()
    {
        using var tmp = new TempStore();
        var a = S.Account("6001");
        await using ReconcileHost host = await tmp.StartAsync();
        var ceb = new RunScope(Core.Model.Bank.CEB, null);
        var result = S.Result(a, S.D1, 100);
        await host.Store.CommitRunAsync(new RunCommit(S.Run("R-ceb", S.D1, "h1", [result], ceb), [result]));

        (await host.Store.LatestRunAsync(S.D1, ceb))!.RunId.Should().Be("R-ceb");
        (await host.Store.LatestRunAsync(S.D1, RunScope.All)).Should().BeNull();
        (await host.Store.LatestRunAsync(S.D2, ceb)).Should().BeNull();
    }

    [Fact]
    public async Task A_run_id_is_committed_once()
    {
        using var tmp = new TempStore();
        var a = S.Account("6001");
        await using ReconcileHost host = await tmp.StartAsync();
        await host.Store.CommitRunAsync(S.Commit("R1", S.D1, S.Result(a, S.D1, 100)));

        Func<Task> again = () => host.Store.CommitRunAsync(S.Commit("R1", S.D1, S.Result(a, S.D1, 100)));

        await again.Should().ThrowAsync<InvalidOperationException>().WithMessage("*R1*already committed*");
        (await host.Store.RunsAsync(S.D1, S.D1)).Should().HaveCount(1);
    }

    [Fact]
    public async Task A_result_of_another_day_is_refused_and_nothing_is_stored()
    {
        using var tmp = new TempStore();
        var a = S.Account("6001");
        await using ReconcileHost host = await tmp.StartAsync();

        Func<Task> commit = () => host.Store.CommitRunAsync(S.Commit("R1", S.D1, S.Result(a, S.D2, 100)));

        await commit.Should().ThrowAsync<ArgumentException>().WithMessage("*6001*");
        (await host.Store.VerifyChainAsync()).RecordsChecked.Should().Be(0);
        (await host.Store.LastRunDaysAsync(["6001"])).Should().BeEmpty();
    }

    [Fact]
    public async Task Inventory_history_names_the_days_without_a_run()
    {
        using var tmp = new TempStore();
        var a = S.Account("6001");
        var b = S.Account("5001", Core.Model.Bank.CITIC);
        await using ReconcileHost host = await tmp.StartAsync();
        await host.Store.CommitRunAsync(S.Commit("R1", S.D1, S.Result(a, S.D1, 100), S.Result(b, S.D1, 10)));
        await host.Store.CommitRunAsync(S.Commit("R3", S.D3, S.Result(a, S.D3, 300)));

        InventoryHistory h = await host.Store.InventoryAsync(S.D1, S.D4);

        h.Rows.Select(r => (r.BusinessDate, r.AccountNo)).Should().Equal((S.D1, "6001"), (S.D1, "5001"), (S.D3, "6001"));
        h.Runs.Select(r => (r.RunId, r.InputsHash)).Should().Equal(("R1", "hash-R1"), ("R3", "hash-R3"));
        h.DaysWithoutRun.Should().Equal(S.D2, S.D4);
    }

    [Fact]
    public async Task The_same_commit_makes_the_same_record_whatever_the_order_of_its_results()
    {
        var a = S.Account("6001");
        var b = S.Account("6002");
        var results = new[] { S.Result(a, S.D1, 100, [S.BankOnly(a, "X1", 5, S.D1)]), S.Result(b, S.D1, 200) };
        RunRecord run = S.Run("R1", S.D1, "h", results);
        byte[][] records = new byte[2][];
        for (int i = 0; i < 2; i++)
        {
            using var tmp = new TempStore();
            await using (ReconcileHost host = await tmp.StartAsync())
            {
                await host.Store.CommitRunAsync(new RunCommit(run, i == 0 ? results : results.Reverse().ToArray()));
            }
            records[i] = JournalReader.Read(new StoreDatabase(tmp.Location)).Single().Message;
        }

        records[1].Should().Equal(records[0]);
    }
}

public sealed class StoreRunPayloadTests
{
    [Fact]
    public async Task A_run_record_keeps_results_but_not_the_pairs()
    {
        using var tmp = new TempStore();
        var a = S.Account("6001");
        var match = new MatchRecord("6001", "PAIRED-SERIAL-1", ["E-1"], Core.Model.MatchRule.BANK_SERIAL, Core.Model.Money.FromFen(5000));
        AccountDayResult result = S.Result(a, S.D1, 500_00) with { Matches = [match] };
        await using (ReconcileHost host = await tmp.StartAsync())
        {
            await host.Store.CommitRunAsync(S.Commit("R1", S.D1, result));
        }

        JournalRow row = JournalReader.Read(new StoreDatabase(tmp.Location)).Single();
        string json = System.Text.Encoding.UTF8.GetString(ChainRecord.Parse(row.Message).Json());
        json.Should().Contain("6001").And.NotContain("PAIRED-SERIAL-1");
    }
}
