using System.Data.Common;
using System.Text;
using NodaTime;
using Reconcile.Core.Access;
using Reconcile.Core.Cases;
using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;
using Reconcile.Engine.Hosting;
using Reconcile.Engine.Store;

namespace Reconcile.Engine.Tests.Store;

/// <summary>
/// A store with a bit of everything (users and policy, two days of runs, a re-run, a resolution that changed the
/// carried state, a maker-checker approval, a comment), and the edits of its read model `audit verify` must name.
/// </summary>
internal static class ProjectionScenario
{
    public static readonly EscrowAccount A = S.Account("6001");
    public static readonly EscrowAccount B = S.Account("7001", Bank.PAB, EscrowType.RENOVATION);
    public static readonly Discrepancy Booked = S.BankOnly(A, "X1", 5_00, S.D1);
    public static readonly Discrepancy Approved = S.Finding(A, Category.AMOUNT_MISMATCH, "Y1", 90_000_00, S.D1);
    public static readonly Discrepancy Open = S.Finding(B, Category.STATUS_MISMATCH, "Z1", 300_00, S.D1);

    public static async Task PopulateAsync(ReconcileHost host, StoreClock clock)
    {
        Instant t = clock.Now;
        await host.Store.AppendAccessEventAsync(new AccessEvent(AccessEventKind.USER_ADDED, t, AccessEvent.Bootstrap, "root", Role.ADMIN, PasswordHash: "pbkdf2$root"));
        await host.Store.AppendAccessEventAsync(new AccessEvent(AccessEventKind.USER_ADDED, t, "root", "张三", Role.PREPARER, PasswordHash: "pbkdf2$zhang"));
        await host.Store.AppendAccessEventAsync(new AccessEvent(AccessEventKind.USER_ADDED, t, "root", "li", Role.APPROVER, PasswordHash: "pbkdf2$li"));
        await host.Store.AppendAccessEventAsync(new AccessEvent(AccessEventKind.POLICY_SET, t, "root", Setting: "approval-threshold", Threshold: Money.FromFen(1_000_00)));
        OpenItem item = S.BankItem("6001", "X1", 5_00, S.D1);
        await host.Store.CommitRunAsync(S.Commit("R1", S.D1, S.Result(A, S.D1, 100, [Booked, Approved], open: [item]), S.Result(B, S.D1, 300, [Open])));
        await host.Store.CommitRunAsync(S.Commit("R1b", S.D1, S.Result(A, S.D1, 150, [Booked, Approved], open: [item]), S.Result(B, S.D1, 300, [Open])));
        clock.Advance(Duration.FromHours(1));
        await host.Store.AppendCaseEventAsync(new CaseEvent(Booked.Id, CaseEventKind.RESOLVED, clock.Now, "张三", "补单", ResolutionReason.BOOKED_IN_LEDGER, null, null) { Identity = Identity.PASSWORD });
        await host.Store.AppendCaseEventAsync(new CaseEvent(Approved.Id, CaseEventKind.RESOLUTION_REQUESTED, clock.Now, "张三", "调账", ResolutionReason.ADJUSTED, null, null) { Identity = Identity.PASSWORD });
        await host.Store.AppendCaseEventAsync(new CaseEvent(Approved.Id, CaseEventKind.APPROVED, clock.Now, "li", "调账", ResolutionReason.ADJUSTED, null, null) { Identity = Identity.TOKEN });
        await host.Store.CommitRunAsync(S.Commit("R2", S.D2, S.Result(A, S.D2, 150), S.Result(B, S.D2, 300, [Open])));
        await host.Store.AppendCaseEventAsync(new CaseEvent(Open.Id, CaseEventKind.COMMENTED, clock.Now, "张三", "asked the bank", null, null, null));
    }

    public static int Execute(StoreDatabase db, string sql, params (string, object?)[] parameters)
    {
        using DbConnection c = db.Open();
        return StoreDatabase.ExecuteNonQuery(c, null, sql, parameters);
    }

    public static byte[] Blob(StoreDatabase db, string sql, params (string, object?)[] parameters)
    {
        using DbConnection c = db.Open();
        using DbCommand cmd = StoreDatabase.Command(c, null, sql, parameters);
        return (byte[])cmd.ExecuteScalar()!;
    }

    /// <summary>The approver of the approved case renamed in its state and in its APPROVED event.</summary>
    public static void RenameApprover(StoreDatabase db)
    {
        byte[] state = Blob(db, "SELECT state FROM rc_cases WHERE case_id = @id", ("@id", Approved.Id));
        string forged = Encoding.UTF8.GetString(state).Replace("\"ApprovedBy\":\"li\"", "\"ApprovedBy\":\"王总\"", StringComparison.Ordinal);
        forged.Should().Contain("王总");
        Execute(db, "UPDATE rc_cases SET state = @s WHERE case_id = @id", ("@s", Encoding.UTF8.GetBytes(forged)), ("@id", Approved.Id)).Should().Be(1);
        Execute(db, "UPDATE rc_case_events SET by_name = '王总' WHERE case_id = @id AND kind = 'APPROVED'", ("@id", Approved.Id)).Should().Be(1);
    }

    public static void SetResolved(StoreDatabase db) =>
        Execute(db, "UPDATE rc_cases SET status = 'RESOLVED' WHERE case_id = @id", ("@id", Open.Id)).Should().Be(1);

    /// <summary>Account A's carried state of day 2 replaced by the one of day 1 (its open item back).</summary>
    public static void EditAccountDayState(StoreDatabase db)
    {
        byte[] day1 = Blob(db, "SELECT next_state FROM rc_account_days WHERE account_no = '6001' AND business_day = @d", ("@d", StoreDatabase.Day(S.D1)));
        Execute(db, "UPDATE rc_account_days SET next_state = @s WHERE account_no = '6001' AND business_day = @d", ("@s", day1), ("@d", StoreDatabase.Day(S.D2))).Should().Be(1);
    }

    public static void DeleteRun(StoreDatabase db) =>
        Execute(db, "DELETE FROM rc_runs WHERE run_id = 'R1'").Should().Be(1);

    public static void AddStrayCase(StoreDatabase db) => Execute(db, """
        INSERT INTO rc_cases (case_id, bank, escrow_type, account_no, category, direction, bank_amount, ledger_amount, max_amount, bank_serial,
                              ledger_entry_ids, first_seen, last_seen, status, assignee, detail, discrepancy, state)
        SELECT 'D-FORGED0000000000', bank, escrow_type, account_no, category, direction, bank_amount, ledger_amount, max_amount, bank_serial,
               ledger_entry_ids, first_seen, last_seen, status, assignee, detail, discrepancy, state
        FROM rc_cases WHERE case_id = @id
        """, ("@id", Open.Id)).Should().Be(1);

    public static long Seq(StoreDatabase db, string sql, params (string, object?)[] parameters)
    {
        using DbConnection c = db.Open();
        using DbCommand cmd = StoreDatabase.Command(c, null, sql, parameters);
        return ReadModel.Long(cmd.ExecuteScalar()!);
    }

    /// <summary>Every edit of <see cref="TamperAll"/>, each named with its table and key.</summary>
    public static void ShouldNameEveryEdit(ProjectionReport report, StoreDatabase db, long approvedSeq, long r1Seq)
    {
        report.Consistent.Should().BeFalse();
        string[] lines = report.Differences.Select(d => d.ToString()).ToArray();
        report.Differences.Should().ContainSingle(d => d.Table == "rc_cases" && d.Key == $"case_id={Approved.Id}" && d.Column == "state")
            .Which.Should().Match<ProjectionDifference>(d => d.Stored!.Contains("王总") && d.Derived!.Contains("\"ApprovedBy\":\"li\""));
        report.Differences.Should().ContainSingle(d => d.Table == "rc_case_events" && d.Key == $"case_id={Approved.Id}, seq={approvedSeq}, kind=APPROVED")
            .Which.Should().Be(new ProjectionDifference("rc_case_events", $"case_id={Approved.Id}, seq={approvedSeq}, kind=APPROVED", ProjectionDifferenceKind.Differs, "by_name", "'王总'", "'li'"));
        report.Differences.Should().ContainSingle(d => d.Table == "rc_cases" && d.Key == $"case_id={Open.Id}")
            .Which.Should().Be(new ProjectionDifference("rc_cases", $"case_id={Open.Id}", ProjectionDifferenceKind.Differs, "status", "'RESOLVED'", "'OPEN'"));
        report.Differences.Should().ContainSingle(d => d.Table == "rc_account_days")
            .Which.Should().Match<ProjectionDifference>(d => d.Key == "account_no=6001, business_day=2024-03-02" && d.Column == "next_state" && d.Kind == ProjectionDifferenceKind.Differs);
        report.Differences.Should().ContainSingle(d => d.Table == "rc_runs")
            .Which.Should().Be(new ProjectionDifference("rc_runs", $"seq={r1Seq}", ProjectionDifferenceKind.Missing));
        report.Differences.Should().Contain(new ProjectionDifference("rc_cases", "case_id=D-FORGED0000000000", ProjectionDifferenceKind.Extra));
        report.Differences.Should().HaveCount(6, string.Join("\n", lines));
        lines.Should().Contain($"MISSING rc_runs seq={r1Seq}: the journal makes this row, the store does not have it");
        lines.Should().Contain("EXTRA   rc_cases case_id=D-FORGED0000000000: the store has this row, no journal record makes it");
        report.Tables.Single(t => t.Table == "rc_cases").Differences.Should().Be(3);
    }

    public static void TamperAll(StoreDatabase db)
    {
        RenameApprover(db);
        SetResolved(db);
        EditAccountDayState(db);
        DeleteRun(db);
        AddStrayCase(db);
    }
}

public sealed class ProjectionVerifierTests
{
    private static async Task<TempStore> PopulatedAsync()
    {
        var tmp = new TempStore();
        await using ReconcileHost host = await tmp.StartAsync();
        await ProjectionScenario.PopulateAsync(host, tmp.Clock);
        return tmp;
    }

    [Fact]
    public async Task An_untouched_store_derives_the_same_read_model_table_by_table()
    {
        using TempStore tmp = await PopulatedAsync();

        ProjectionReport report = ProjectionVerifier.Verify(new StoreDatabase(tmp.Location));

        report.Differences.Should().BeEmpty();
        report.Consistent.Should().BeTrue();
        report.RecordsProjected.Should().Be(11);
        report.Tables.Select(t => t.Table).Should().Equal("rc_account_days", "rc_case_events", "rc_cases", "rc_matched_keys", "rc_policy", "rc_projection", "rc_runs", "rc_users");
        report.Tables.Should().OnlyContain(t => t.StoredRows == t.DerivedRows && t.Differences == 0);
        report.Tables.Single(t => t.Table == "rc_runs").DerivedRows.Should().Be(3);
        report.Tables.Single(t => t.Table == "rc_account_days").DerivedRows.Should().Be(4);
        report.Tables.Single(t => t.Table == "rc_users").DerivedRows.Should().Be(3);
    }

    [Fact]
    public async Task A_renamed_approver_is_named_in_the_case_and_in_its_event()
    {
        using TempStore tmp = await PopulatedAsync();
        var db = new StoreDatabase(tmp.Location);
        ProjectionScenario.RenameApprover(db);

        ProjectionReport report = ProjectionVerifier.Verify(db);

        report.Differences.Select(d => (d.Table, d.Column)).Should().BeEquivalentTo([("rc_cases", "state"), ("rc_case_events", "by_name")]);
        ProjectionDifference state = report.Differences.Single(d => d.Column == "state");
        state.Stored.Should().Contain("\"ApprovedBy\":\"王总\"");
        state.Derived.Should().Contain("\"ApprovedBy\":\"li\"");
    }

    [Fact]
    public async Task A_status_edited_in_place_is_named_with_both_values()
    {
        using TempStore tmp = await PopulatedAsync();
        var db = new StoreDatabase(tmp.Location);
        ProjectionScenario.SetResolved(db);

        ProjectionReport report = ProjectionVerifier.Verify(db);

        report.Differences.Should().Equal(new ProjectionDifference("rc_cases", $"case_id={ProjectionScenario.Open.Id}", ProjectionDifferenceKind.Differs, "status", "'RESOLVED'", "'OPEN'"));
        report.Differences[0].ToString().Should().Be($"DIFFERS rc_cases case_id={ProjectionScenario.Open.Id}: status stored 'RESOLVED', the journal makes 'OPEN'");
    }

    [Fact]
    public async Task An_edited_carried_state_a_deleted_run_and_a_stray_case_are_each_named()
    {
        using TempStore tmp = await PopulatedAsync();
        var db = new StoreDatabase(tmp.Location);
        long approvedSeq = ProjectionScenario.Seq(db, "SELECT seq FROM rc_case_events WHERE kind = 'APPROVED'");
        long r1Seq = ProjectionScenario.Seq(db, "SELECT seq FROM rc_runs WHERE run_id = 'R1'");
        ProjectionScenario.TamperAll(db);

        ProjectionReport report = ProjectionVerifier.Verify(db);

        ProjectionScenario.ShouldNameEveryEdit(report, db, approvedSeq, r1Seq);
    }

    [Fact]
    public async Task A_read_model_behind_the_journal_is_named_and_catches_up_on_the_next_start()
    {
        using var tmp = new TempStore();
        Discrepancy x = S.BankOnly(ProjectionScenario.A, "X1", 5_00, S.D1);
        await using (ReconcileHost host = await tmp.StartAsync(new StoreActorSettings { SkipProjection = true }))
        {
            await host.Store.CommitRunAsync(S.Commit("R1", S.D1, S.Result(ProjectionScenario.A, S.D1, 100, [x])));
        }
        var db = new StoreDatabase(tmp.Location);

        ProjectionReport behind = ProjectionVerifier.Verify(db);

        behind.Differences.Should().Contain(new ProjectionDifference("rc_projection", "name=store", ProjectionDifferenceKind.Differs, "last_seq", "0", "1"));
        behind.Differences.Should().Contain(new ProjectionDifference("rc_cases", $"case_id={x.Id}", ProjectionDifferenceKind.Missing));
        await using (ReconcileHost host = await tmp.StartAsync())
        {
            host.Ready.CaughtUp.Should().Be(1);
        }
        ProjectionVerifier.Verify(db).Consistent.Should().BeTrue();
    }

    [Fact]
    public async Task A_dropped_table_and_an_added_column_are_named()
    {
        using TempStore tmp = await PopulatedAsync();
        var db = new StoreDatabase(tmp.Location);
        ProjectionScenario.Execute(db, "DROP TABLE rc_policy");
        ProjectionScenario.Execute(db, "ALTER TABLE rc_users ADD COLUMN note TEXT NULL");

        ProjectionReport report = ProjectionVerifier.Verify(db);

        report.Differences.Select(d => d.ToString()).Should().Equal(
            "TABLE   rc_policy: the store has no such table; the journal makes 1 row(s) of it",
            "TABLE   rc_users column note: the store's table has a column the read model does not");
    }

    [Fact]
    public async Task A_new_kind_of_case_event_is_derived_like_every_other()
    {
        // SUPERSEDED came after the verifier: it is derived through the projector's one apply path, with no change here.
        using var tmp = new TempStore();
        Discrepancy missing = S.Finding(ProjectionScenario.A, Category.MISSING_STATEMENT, "M1", 0, S.D1);
        await using (ReconcileHost host = await tmp.StartAsync())
        {
            await host.Store.CommitRunAsync(S.Commit("R1", S.D1, S.Result(ProjectionScenario.A, S.D1, 100, [missing])));
            await host.Store.CommitRunAsync(S.Commit("R1b", S.D1, S.Result(ProjectionScenario.A, S.D1, 100)));
        }
        var db = new StoreDatabase(tmp.Location);
        ProjectionVerifier.Verify(db).Consistent.Should().BeTrue();

        ProjectionScenario.Execute(db, "DELETE FROM rc_case_events WHERE kind = 'SUPERSEDED'").Should().Be(1);

        ProjectionVerifier.Verify(db).Differences.Should().ContainSingle().Which.Should().Match<ProjectionDifference>(
            d => d.Table == "rc_case_events" && d.Kind == ProjectionDifferenceKind.Missing && d.Key.EndsWith(", kind=SUPERSEDED", StringComparison.Ordinal));
    }
}
