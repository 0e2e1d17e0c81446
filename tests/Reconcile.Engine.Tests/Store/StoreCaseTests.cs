using NodaTime;
using Reconcile.Core.Cases;
using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;
using Reconcile.Engine.Hosting;
using Reconcile.Engine.Store;

namespace Reconcile.Engine.Tests.Store;

public sealed class StoreCaseTests
{
    private static readonly EscrowAccount A = S.Account("6001");

    [Fact]
    public async Task Runs_raise_see_again_and_auto_clear_cases()
    {
        using var tmp = new TempStore();
        Discrepancy x = S.BankOnly(A, "X1", 5_00, S.D1);
        Discrepancy y = S.BankOnly(A, "Y1", 7_00, S.D2);
        await using ReconcileHost host = await tmp.StartAsync();

        await host.Store.CommitRunAsync(S.Commit("R1", S.D1, S.Result(A, S.D1, 100, [x])));
        tmp.Clock.Advance(Duration.FromDays(1));
        await host.Store.CommitRunAsync(S.Commit("R2", S.D2, S.Result(A, S.D2, 100, [x, y])));
        tmp.Clock.Advance(Duration.FromDays(1));
        await host.Store.CommitRunAsync(S.Commit("R3", S.D3, S.Result(A, S.D3, 100, [y], cleared: [x.Id])));

        CaseDetail cx = (await host.Store.GetCaseAsync(x.Id))!;
        cx.Timeline.Select(e => (e.Kind, e.RunId, e.BusinessDate, e.By))
            .Should().Equal((CaseEventKind.RAISED, "R1", S.D1, "system"), (CaseEventKind.SEEN_AGAIN, "R2", S.D2, "system"), (CaseEventKind.AUTO_CLEARED, "R3", S.D3, "system"));
        cx.Summary.Status.Should().Be(CaseStatus.AUTO_CLEARED);
        cx.Summary.LastSeen.Should().Be(S.D2);
        cx.Timeline[2].At.Should().Be(tmp.Clock.Now);

        CaseDetail cy = (await host.Store.GetCaseAsync(y.Id))!;
        cy.Timeline.Select(e => e.Kind).Should().Equal(CaseEventKind.RAISED, CaseEventKind.SEEN_AGAIN);
        cy.Summary.Status.Should().Be(CaseStatus.OPEN);
        cy.Summary.FirstSeen.Should().Be(S.D2);
        cy.Summary.LastSeen.Should().Be(S.D3);
        cy.Summary.AgeDays.Should().Be(1);
        cy.Discrepancy.BankLine!.Serial.Should().Be("Y1");

        (await host.Store.ListCasesAsync(new CaseQuery())).Select(c => c.CaseId).Should().Equal(y.Id);
        (await host.Store.ListCasesAsync(new CaseQuery(CaseStatusFilter.Resolved))).Select(c => c.CaseId).Should().Equal(x.Id);
        (await host.Store.GetCaseAsync("D-unknown")).Should().BeNull();
    }

    [Fact]
    public async Task Case_events_are_read_back_with_who_when_and_why()
    {
        using var tmp = new TempStore();
        Discrepancy x = S.BankOnly(A, "X1", 5_00, S.D1);
        await using ReconcileHost host = await tmp.StartAsync();
        await host.Store.CommitRunAsync(S.Commit("R1", S.D1, S.Result(A, S.D1, 100, [x])));
        Instant t1 = Instant.FromUtc(2024, 3, 2, 2, 0);
        Instant t2 = Instant.FromUtc(2024, 3, 2, 3, 30);
        Instant t3 = Instant.FromUtc(2024, 3, 2, 4, 0);

        await host.Store.AppendCaseEventAsync(new CaseEvent(x.Id, CaseEventKind.ASSIGNED, t1, "李四", "王五", null, null, null));
        await host.Store.AppendCaseEventAsync(new CaseEvent(x.Id, CaseEventKind.COMMENTED, t2, "王五", "客户称已补单", null, null, null));
        await host.Store.AppendCaseEventAsync(new CaseEvent(x.Id, CaseEventKind.RESOLUTION_REQUESTED, t3, "王五", "ledger books it tomorrow", ResolutionReason.BOOKED_IN_LEDGER, null, null));

        CaseDetail c = (await host.Store.GetCaseAsync(x.Id))!;
        c.Timeline.Skip(1).Should().Equal(
            new CaseEvent(x.Id, CaseEventKind.ASSIGNED, t1, "李四", "王五", null, null, null),
            new CaseEvent(x.Id, CaseEventKind.COMMENTED, t2, "王五", "客户称已补单", null, null, null),
            new CaseEvent(x.Id, CaseEventKind.RESOLUTION_REQUESTED, t3, "王五", "ledger books it tomorrow", ResolutionReason.BOOKED_IN_LEDGER, null, null));
        c.Summary.Assignee.Should().Be("王五");
        c.Summary.Status.Should().Be(CaseStatus.PENDING_APPROVAL);
        CaseState.Fold(c.Timeline)!.Pending!.Maker.Should().Be("王五");
    }

    [Fact]
    public async Task An_event_for_an_unknown_case_is_refused()
    {
        using var tmp = new TempStore();
        await using ReconcileHost host = await tmp.StartAsync();

        Func<Task> append = () => host.Store.AppendCaseEventAsync(
            new CaseEvent("D-nope", CaseEventKind.COMMENTED, tmp.Clock.Now, "李四", "hello", null, null, null));

        await append.Should().ThrowAsync<KeyNotFoundException>().WithMessage("*D-nope*");
        (await host.Store.VerifyChainAsync()).RecordsChecked.Should().Be(0);
    }

    [Fact]
    public async Task A_resolution_takes_the_item_out_of_the_state_the_next_day_starts_from()
    {
        using var tmp = new TempStore();
        OpenItem item = S.BankItem("6001", "X1", 5_00, S.D1);
        Discrepancy x = S.BankOnly(A, "X1", 5_00, S.D1);
        await using ReconcileHost host = await tmp.StartAsync();
        await host.Store.CommitRunAsync(S.Commit("R2", S.D2, S.Result(A, S.D2, 100, [x], open: [item])));

        await host.Store.AppendCaseEventAsync(new CaseEvent(x.Id, CaseEventKind.RESOLVED, tmp.Clock.Now, "李四", "bank refunded", ResolutionReason.REFUNDED, null, null));

        AccountState next = (await host.Store.StatesBeforeAsync(["6001"], S.D3))["6001"];
        next.OpenItems.Should().BeEmpty();
        next.Adjustments.Should().ContainSingle().Which.DiscrepancyId.Should().Be(x.Id);
        (await host.Store.GetCaseAsync(x.Id))!.Summary.Status.Should().Be(CaseStatus.RESOLVED);
        (await host.Store.ListCasesAsync(new CaseQuery())).Should().BeEmpty();
    }

    [Fact]
    public async Task A_rerun_of_an_earlier_day_keeps_a_resolved_case_resolved_and_out_of_the_state()
    {
        using var tmp = new TempStore();
        OpenItem item = S.BankItem("6001", "X1", 5_00, S.D1);
        Discrepancy x = S.BankOnly(A, "X1", 5_00, S.D1);
        await using ReconcileHost host = await tmp.StartAsync();
        await host.Store.CommitRunAsync(S.Commit("R2", S.D2, S.Result(A, S.D2, 100, [x], open: [item])));
        await host.Store.AppendCaseEventAsync(new CaseEvent(x.Id, CaseEventKind.RESOLVED, tmp.Clock.Now, "李四", "false alarm", ResolutionReason.FALSE_ALARM, null, null));

        await host.Store.CommitRunAsync(S.Commit("R2-again", S.D2, S.Result(A, S.D2, 100, [x], open: [item])));

        (await host.Store.GetCaseAsync(x.Id))!.Summary.Status.Should().Be(CaseStatus.RESOLVED);
        (await host.Store.StatesBeforeAsync(["6001"], S.D3))["6001"].OpenItems.Should().BeEmpty();
    }
}
