using Reconcile.Core.Cases;
using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;
using Reconcile.Engine.Hosting;
using Reconcile.Engine.Store;

namespace Reconcile.Engine.Tests.Store;

/// <summary>A re-run of a business day replaces that day's findings: the open ones it no longer makes are SUPERSEDED.</summary>
public sealed class StoreSupersedeTests
{
    private static readonly EscrowAccount A = S.Account("6001");
    private static readonly EscrowAccount B = S.Account("7001", Bank.PAB);

    /// <summary>A MISSING_STATEMENT-like finding of the account and day (what a late statement makes go away).</summary>
    private static Discrepancy Missing(EscrowAccount a, NodaTime.LocalDate day) =>
        S.Finding(a, Category.MISSING_STATEMENT, "MISSING-" + day.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture), 0, day);

    private static async Task<CaseSummary> Case(ReconcileHost host, string id) =>
        (await host.Store.ListCasesAsync(new CaseQuery(CaseStatusFilter.All))).Single(c => c.CaseId == id);

    [Fact]
    public async Task A_finding_the_re_run_of_its_day_no_longer_makes_is_superseded_and_closed()
    {
        using var tmp = new TempStore();
        Discrepancy missing = Missing(A, S.D1);
        Discrepancy kept = S.BankOnly(A, "X1", 5_00, S.D1);
        await using ReconcileHost host = await tmp.StartAsync();
        await host.Store.CommitRunAsync(S.Commit("R1", S.D1, S.Result(A, S.D1, 100, [missing, kept])));

        await host.Store.CommitRunAsync(S.Commit("R1b", S.D1, S.Result(A, S.D1, 100, [kept])));

        (await Case(host, missing.Id)).Status.Should().Be(CaseStatus.SUPERSEDED);
        (await Case(host, kept.Id)).Status.Should().Be(CaseStatus.OPEN);
        (await host.Store.ListCasesAsync(new CaseQuery())).Select(c => c.CaseId).Should().Equal(kept.Id);
        (await host.Store.ListCasesAsync(new CaseQuery(CaseStatusFilter.Resolved))).Should().BeEmpty();
        (await host.Store.ListCasesAsync(new CaseQuery(CaseStatusFilter.Superseded))).Select(c => c.CaseId).Should().Equal(missing.Id);
        CaseDetail detail = (await host.Store.GetCaseAsync(missing.Id))!;
        detail.Timeline.Select(e => (e.Kind, e.RunId, e.BusinessDate, e.By)).Should().Equal(
            (CaseEventKind.RAISED, "R1", S.D1, "system"), (CaseEventKind.SUPERSEDED, "R1b", S.D1, "system"));
        CaseState state = CaseState.Fold(detail.Timeline)!;
        state.Status.Should().Be(CaseStatus.SUPERSEDED);
        state.SupersededOn.Should().Be(S.D1);
        state.IsClosed.Should().BeTrue();
    }

    [Fact]
    public async Task A_case_a_later_day_listed_is_not_superseded_by_a_re_run_of_an_earlier_day()
    {
        using var tmp = new TempStore();
        Discrepancy missing = Missing(A, S.D1);
        await using ReconcileHost host = await tmp.StartAsync();
        await host.Store.CommitRunAsync(S.Commit("R1", S.D1, S.Result(A, S.D1, 100, [missing])));
        await host.Store.CommitRunAsync(S.Commit("R2", S.D2, S.Result(A, S.D2, 100, [missing])));

        await host.Store.CommitRunAsync(S.Commit("R1b", S.D1, S.Result(A, S.D1, 100)));
        (await Case(host, missing.Id)).Status.Should().Be(CaseStatus.OPEN, "day 2 still lists it: its findings are not those of day 1");

        await host.Store.CommitRunAsync(S.Commit("R2b", S.D2, S.Result(A, S.D2, 100)));
        (await Case(host, missing.Id)).Status.Should().Be(CaseStatus.SUPERSEDED, "the re-run of day 2, its latest listing, no longer lists it");
    }

    [Fact]
    public async Task Only_open_cases_of_the_accounts_re_run_are_superseded()
    {
        using var tmp = new TempStore();
        Discrepancy resolved = S.BankOnly(A, "R1", 5_00, S.D1);
        Discrepancy pending = S.Finding(A, Category.AMOUNT_MISMATCH, "P1", 90_000_00, S.D1);
        Discrepancy other = Missing(B, S.D1);
        await using ReconcileHost host = await tmp.StartAsync();
        await host.Store.CommitRunAsync(S.Commit("R1", S.D1, S.Result(A, S.D1, 100, [resolved, pending]), S.Result(B, S.D1, 100, [other])));
        await host.Store.AppendCaseEventAsync(new CaseEvent(resolved.Id, CaseEventKind.RESOLVED, tmp.Clock.Now, "李四", "booked", ResolutionReason.BOOKED_IN_LEDGER, null, null));
        await host.Store.AppendCaseEventAsync(new CaseEvent(pending.Id, CaseEventKind.RESOLUTION_REQUESTED, tmp.Clock.Now, "李四", "adjusted", ResolutionReason.ADJUSTED, null, null));

        // A re-run of day 1 for account A only (a scope of one bank): B's finding is not one of its findings.
        var result = S.Result(A, S.D1, 100);
        await host.Store.CommitRunAsync(new RunCommit(S.Run("R1-ceb", S.D1, "h2", [result], new RunScope(Bank.CEB, null)), [result]));

        (await Case(host, resolved.Id)).Status.Should().Be(CaseStatus.RESOLVED, "a person's resolution stands");
        (await Case(host, pending.Id)).Status.Should().Be(CaseStatus.SUPERSEDED, "a finding waiting for approval is superseded with its request");
        (await Case(host, other.Id)).Status.Should().Be(CaseStatus.OPEN);
        CaseState pendingState = CaseState.Fold((await host.Store.GetCaseAsync(pending.Id))!.Timeline)!;
        pendingState.Pending.Should().BeNull();
        Func<Task> approve = () => host.Store.AppendCaseEventAsync(new CaseEvent(pending.Id, CaseEventKind.APPROVED, tmp.Clock.Now, "王五", null, ResolutionReason.ADJUSTED, null, null));
        await approve.Should().ThrowAsync<CaseChangedException>();
    }

    [Fact]
    public async Task A_superseded_case_listed_again_by_its_day_or_a_later_one_opens_again()
    {
        using var tmp = new TempStore();
        Discrepancy missing = Missing(A, S.D1);
        await using ReconcileHost host = await tmp.StartAsync();
        await host.Store.CommitRunAsync(S.Commit("R1", S.D1, S.Result(A, S.D1, 100, [missing])));
        await host.Store.CommitRunAsync(S.Commit("R1b", S.D1, S.Result(A, S.D1, 100)));
        (await Case(host, missing.Id)).Status.Should().Be(CaseStatus.SUPERSEDED);

        await host.Store.CommitRunAsync(S.Commit("R1c", S.D1, S.Result(A, S.D1, 100, [missing])));
        (await Case(host, missing.Id)).Status.Should().Be(CaseStatus.OPEN, "the day's third run makes the finding again");

        await host.Store.CommitRunAsync(S.Commit("R1d", S.D1, S.Result(A, S.D1, 100)));
        await host.Store.CommitRunAsync(S.Commit("R2", S.D2, S.Result(A, S.D2, 100, [missing])));
        (await Case(host, missing.Id)).Status.Should().Be(CaseStatus.OPEN, "a later day lists it again");
        (await Case(host, missing.Id)).LastSeen.Should().Be(S.D2);
        (await host.Store.GetCaseAsync(missing.Id))!.Timeline.Select(e => e.Kind).Should().Equal(
            CaseEventKind.RAISED, CaseEventKind.SUPERSEDED, CaseEventKind.SEEN_AGAIN, CaseEventKind.SUPERSEDED, CaseEventKind.SEEN_AGAIN);
    }

    [Fact]
    public async Task A_run_that_supersedes_nothing_keeps_its_record_as_before()
    {
        using var tmp = new TempStore();
        await using (ReconcileHost host = await tmp.StartAsync())
        {
            await host.Store.CommitRunAsync(S.Commit("R1", S.D1, S.Result(A, S.D1, 100, [S.BankOnly(A, "X1", 5_00, S.D1)])));
        }
        using var raw = tmp.OpenRaw();
        using var cmd = raw.CreateCommand();
        cmd.CommandText = "SELECT message FROM journal WHERE sequence_number = 1";
        string record = System.Text.Encoding.UTF8.GetString((byte[])cmd.ExecuteScalar()!);
        record.Should().Contain("\"KeptResolved\":[]").And.NotContain("Superseded");
    }

    [Fact]
    public async Task The_store_refuses_a_superseded_event_appended_by_a_person()
    {
        using var tmp = new TempStore();
        Discrepancy missing = Missing(A, S.D1);
        await using ReconcileHost host = await tmp.StartAsync();
        await host.Store.CommitRunAsync(S.Commit("R1", S.D1, S.Result(A, S.D1, 100, [missing])));

        Func<Task> append = () => host.Store.AppendCaseEventAsync(new CaseEvent(missing.Id, CaseEventKind.SUPERSEDED, tmp.Clock.Now, "mallory", null, null, null, S.D1));

        await append.Should().ThrowAsync<ArgumentException>().WithMessage("*recorded by runs*");
    }

    [Fact]
    public async Task A_day_carries_in_something_new_once_an_earlier_day_was_run_again_after_it()
    {
        using var tmp = new TempStore();
        await using ReconcileHost host = await tmp.StartAsync();
        await host.Store.CommitRunAsync(S.Commit("R1", S.D1, S.Result(A, S.D1, 100), S.Result(B, S.D1, 100)));
        await host.Store.CommitRunAsync(S.Commit("R2", S.D2, S.Result(A, S.D2, 100), S.Result(B, S.D2, 100)));
        (await host.Store.CarriedInChangedSinceAsync("R2", ["6001", "7001"], S.D2)).Should().BeFalse();

        var result = S.Result(B, S.D1, 120);
        await host.Store.CommitRunAsync(new RunCommit(S.Run("R1-pab", S.D1, "h", [result], new RunScope(Bank.PAB, null)), [result]));

        (await host.Store.CarriedInChangedSinceAsync("R2", ["6001", "7001"], S.D2)).Should().BeTrue();
        (await host.Store.CarriedInChangedSinceAsync("R2", ["6001"], S.D2)).Should().BeFalse("account 6001's day 1 was not run again");
        (await host.Store.CarriedInChangedSinceAsync("R-unknown", ["7001"], S.D2)).Should().BeFalse();
    }
}
