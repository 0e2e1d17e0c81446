using Npgsql;
using Reconcile.Core.Cases;
using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;
using Reconcile.Engine.Hosting;
using Reconcile.Engine.Store;

namespace Reconcile.Engine.Tests.Store;

/// <summary>A test against the PostgreSQL server named by RECONCILE_TEST_PG (.ci/postgres.sh starts one); skipped without it.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public const string Variable = "RECONCILE_TEST_PG";

    public PostgresFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(Variable)))
        {
            Skip = $"{Variable} is not set: no PostgreSQL server to test against (bash .ci/postgres.sh starts one and prints its connection string)";
        }
    }
}

/// <summary>A fresh database on the test server per test, dropped afterwards.</summary>
internal sealed class TempPostgres : IAsyncDisposable
{
    private readonly string _admin;

    private TempPostgres(string admin, string name, StoreLocation location)
    {
        _admin = admin;
        Name = name;
        Location = location;
    }

    public string Name { get; }

    public StoreLocation Location { get; }

    public StoreClock Clock { get; } = new(NodaTime.Instant.FromUtc(2024, 3, 1, 1, 0));

    public static async Task<TempPostgres> CreateAsync()
    {
        string admin = Environment.GetEnvironmentVariable(PostgresFactAttribute.Variable)!;
        string name = "reconcile_t_" + Guid.NewGuid().ToString("N")[..16];
        await using (var c = new NpgsqlConnection(admin))
        {
            await c.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", c);
            await cmd.ExecuteNonQueryAsync();
        }
        var b = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return new TempPostgres(admin, name, StoreLocation.PostgreSql(b.ConnectionString));
    }

    public Task<ReconcileHost> StartAsync(StoreActorSettings? settings = null) =>
        ReconcileHost.StartAsync(Location, Clock, settings ?? StoreActorSettings.Default, null, default);

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var c = new NpgsqlConnection(_admin);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", c);
        await cmd.ExecuteNonQueryAsync();
    }
}

public sealed class PostgresStoreTests
{
    private static readonly EscrowAccount A = S.Account("6001");
    private static readonly EscrowAccount B = S.Account("7001", Bank.PAB, EscrowType.RENOVATION);

    [PostgresFact]
    public async Task Runs_cases_and_reload_work_on_postgresql()
    {
        await using TempPostgres pg = await TempPostgres.CreateAsync();
        OpenItem item = S.BankItem("6001", "X1", 5_00, S.D1);
        Discrepancy x = S.BankOnly(A, "X1", 5_00, S.D1);
        Discrepancy y = S.Finding(B, Category.AMOUNT_MISMATCH, "Y1", 900_00, S.D2);
        await using (ReconcileHost host = await pg.StartAsync())
        {
            host.Store.Description.Should().StartWith("postgresql://").And.EndWith("/" + pg.Name);
            await host.Store.CommitRunAsync(S.Commit("R1", S.D1, S.Result(A, S.D1, 100, [x], open: [item])));
            await host.Store.CommitRunAsync(S.Commit("R2", S.D2, S.Result(A, S.D2, 200, [x], open: [item]), S.Result(B, S.D2, 300, [y])));
            await host.Store.CommitRunAsync(S.Commit("R2b", S.D2, S.Result(A, S.D2, 250, [x], open: [item]), S.Result(B, S.D2, 300, [y])));
            await host.Store.AppendCaseEventAsync(new CaseEvent(x.Id, CaseEventKind.ASSIGNED, pg.Clock.Now, "李四", "王五", null, null, null));
        }

        await using (ReconcileHost host = await pg.StartAsync())
        {
            (await host.Store.StatesBeforeAsync(["6001", "7001"], S.D3))["6001"].LastClosing!.Value.Fen.Should().Be(250);
            (await host.Store.LatestRunAsync(S.D2, RunScope.All))!.RunId.Should().Be("R2b");
            (await host.Store.RunsAsync(S.D1, S.D3)).Select(r => r.RunId).Should().Equal("R1", "R2", "R2b");
            (await host.Store.ListCasesAsync(new CaseQuery(MinAgeDays: 1))).Select(c => (c.CaseId, c.Assignee)).Should().Equal((x.Id, "王五"));
            (await host.Store.ListCasesAsync(new CaseQuery(Bank: Bank.PAB, MinAmount: Money.FromFen(900_00)))).Select(c => c.CaseId).Should().Equal(y.Id);
            (await host.Store.GetCaseAsync(x.Id))!.Timeline.Select(e => e.Kind).Should().Equal(
                CaseEventKind.RAISED, CaseEventKind.SEEN_AGAIN, CaseEventKind.SEEN_AGAIN, CaseEventKind.ASSIGNED);

            await host.Store.AppendCaseEventAsync(new CaseEvent(x.Id, CaseEventKind.RESOLVED, pg.Clock.Now, "李四", "refunded", ResolutionReason.REFUNDED, null, null));
            (await host.Store.StatesBeforeAsync(["6001"], S.D3))["6001"].OpenItems.Should().BeEmpty();

            InventoryHistory h = await host.Store.InventoryAsync(S.D1, S.D3);
            h.Rows.Should().HaveCount(3);
            h.DaysWithoutRun.Should().Equal(S.D3);
            (await host.Store.VerifyChainAsync()).Should().Be(new ChainReport(true, 5, null, null));
        }
    }

    [PostgresFact]
    public async Task Catch_up_and_tamper_detection_work_on_postgresql()
    {
        await using TempPostgres pg = await TempPostgres.CreateAsync();
        Discrepancy x = S.BankOnly(A, "X1", 5_00, S.D1);
        await using (ReconcileHost host = await pg.StartAsync(new StoreActorSettings { SkipProjection = true }))
        {
            await host.Store.CommitRunAsync(S.Commit("R1", S.D1, S.Result(A, S.D1, 100, [x])));
        }
        await using (ReconcileHost host = await pg.StartAsync())
        {
            host.Ready.CaughtUp.Should().Be(1);
            (await host.Store.ListCasesAsync(new CaseQuery())).Select(c => c.CaseId).Should().Equal(x.Id);
        }

        await using (var c = new NpgsqlConnection(pg.Location.ConnectionString))
        {
            await c.OpenAsync();
            await using var cmd = new NpgsqlCommand(
                "UPDATE journal SET message = overlay(message placing '\\x00'::bytea from length(message) - 2 for 1) WHERE sequence_number = 1", c);
            (await cmd.ExecuteNonQueryAsync()).Should().Be(1);
        }

        ChainReport report = ChainVerifier.Verify(new StoreDatabase(pg.Location));
        report.Intact.Should().BeFalse();
        report.FirstBadRecord.Should().Be("#1 RunCommitted run R1");
    }

    [PostgresFact]
    public async Task Audit_verify_derives_the_read_model_again_and_names_every_edit_on_postgresql()
    {
        await using TempPostgres pg = await TempPostgres.CreateAsync();
        await using (ReconcileHost host = await pg.StartAsync())
        {
            await ProjectionScenario.PopulateAsync(host, pg.Clock);
        }
        var db = new StoreDatabase(pg.Location);
        ProjectionReport clean = ProjectionVerifier.Verify(db);
        clean.Differences.Should().BeEmpty();
        clean.RecordsProjected.Should().Be(11);
        clean.Tables.Should().OnlyContain(t => t.StoredRows == t.DerivedRows);

        long approvedSeq = ProjectionScenario.Seq(db, "SELECT seq FROM rc_case_events WHERE kind = 'APPROVED'");
        long r1Seq = ProjectionScenario.Seq(db, "SELECT seq FROM rc_runs WHERE run_id = 'R1'");
        ProjectionScenario.TamperAll(db);

        ProjectionScenario.ShouldNameEveryEdit(ProjectionVerifier.Verify(db), db, approvedSeq, r1Seq);
    }

    [PostgresFact]
    public async Task A_re_run_supersedes_the_findings_it_no_longer_makes_on_postgresql()
    {
        await using TempPostgres pg = await TempPostgres.CreateAsync();
        Discrepancy missing = S.Finding(A, Category.MISSING_STATEMENT, "M1", 0, S.D1);
        await using ReconcileHost host = await pg.StartAsync();
        await host.Store.CommitRunAsync(S.Commit("R1", S.D1, S.Result(A, S.D1, 100, [missing])));
        await host.Store.CommitRunAsync(S.Commit("R1b", S.D1, S.Result(A, S.D1, 100)));

        (await host.Store.ListCasesAsync(new CaseQuery(CaseStatusFilter.Superseded))).Select(c => c.CaseId).Should().Equal(missing.Id);
        (await host.Store.ListCasesAsync(new CaseQuery())).Should().BeEmpty();
        (await host.Store.CarriedInChangedSinceAsync("R1b", ["6001"], S.D1)).Should().BeFalse();
    }
}
