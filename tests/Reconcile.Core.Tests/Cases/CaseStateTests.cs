using NodaTime;
using Reconcile.Core.Cases;
using static Reconcile.Core.Tests.Cases.CaseFixtures;

namespace Reconcile.Core.Tests.Cases;

public sealed class CaseStateTests
{
    [Fact]
    public void No_events_is_an_unknown_case()
    {
        CaseState.Fold([]).Should().BeNull();
    }

    [Fact]
    public void Raised_case_is_open_and_unassigned()
    {
        CaseState state = CaseState.Fold([Event(CaseEventKind.RAISED), Event(CaseEventKind.SEEN_AGAIN)])!;

        state.Status.Should().Be(CaseStatus.OPEN);
        state.Assignee.Should().BeNull();
        state.EventCount.Should().Be(2);
    }

    [Fact]
    public void Last_assignment_wins()
    {
        CaseState state = CaseState.Fold([
            Event(CaseEventKind.RAISED),
            Event(CaseEventKind.ASSIGNED, "lead", text: "wang"),
            Event(CaseEventKind.ASSIGNED, "lead", text: "li"),
        ])!;

        state.Assignee.Should().Be("li");
    }

    [Fact]
    public void Requested_resolution_waits_with_its_maker_and_approval_resolves_it()
    {
        CaseState pending = CaseState.Fold([
            Event(CaseEventKind.RAISED),
            Event(CaseEventKind.RESOLUTION_REQUESTED, "zhang", ResolutionReason.REFUNDED, "refunded to buyer"),
        ])!;
        CaseState approved = pending.Apply(Event(CaseEventKind.APPROVED, "li", ResolutionReason.REFUNDED));

        pending.Status.Should().Be(CaseStatus.PENDING_APPROVAL);
        pending.Pending.Should().Be(new PendingResolution(ResolutionReason.REFUNDED, "zhang", "refunded to buyer", At));
        approved.Status.Should().Be(CaseStatus.RESOLVED);
        approved.Resolution.Should().Be(ResolutionReason.REFUNDED);
        approved.ResolvedBy.Should().Be("zhang");
        approved.ApprovedBy.Should().Be("li");
        approved.Pending.Should().BeNull();
    }

    [Fact]
    public void Rejected_resolution_returns_the_case_to_open()
    {
        CaseState state = CaseState.Fold([
            Event(CaseEventKind.RAISED),
            Event(CaseEventKind.RESOLUTION_REQUESTED, "zhang", ResolutionReason.ADJUSTED, "x"),
            Event(CaseEventKind.REJECTED, "li", text: "no voucher"),
        ])!;

        state.Status.Should().Be(CaseStatus.OPEN);
        state.Pending.Should().BeNull();
    }

    [Fact]
    public void Auto_cleared_case_reopens_only_when_a_later_day_lists_it_again()
    {
        var cleared = CaseState.Fold([Event(CaseEventKind.RAISED, day: Day), Event(CaseEventKind.AUTO_CLEARED, day: Day.PlusDays(1))])!;

        cleared.Status.Should().Be(CaseStatus.AUTO_CLEARED);
        cleared.Apply(Event(CaseEventKind.SEEN_AGAIN, day: Day)).Status.Should().Be(CaseStatus.AUTO_CLEARED, "a re-run of an earlier day");
        cleared.Apply(Event(CaseEventKind.SEEN_AGAIN, day: Day.PlusDays(2))).Status.Should().Be(CaseStatus.OPEN);
    }

    [Fact]
    public void Resolved_case_stays_resolved_when_a_run_reports_it_cleared()
    {
        CaseState state = CaseState.Fold([
            Event(CaseEventKind.RAISED),
            Event(CaseEventKind.RESOLVED, "zhang", ResolutionReason.FALSE_ALARM),
            Event(CaseEventKind.AUTO_CLEARED, day: new LocalDate(2024, 11, 8)),
        ])!;

        state.Status.Should().Be(CaseStatus.RESOLVED);
        state.Resolution.Should().Be(ResolutionReason.FALSE_ALARM);
    }

    [Fact]
    public void A_superseded_case_is_closed_and_opens_again_when_its_day_or_a_later_one_lists_it()
    {
        CaseState superseded = CaseState.Fold([Event(CaseEventKind.RAISED, day: Day), Event(CaseEventKind.SUPERSEDED, day: Day)])!;

        superseded.Status.Should().Be(CaseStatus.SUPERSEDED);
        superseded.SupersededOn.Should().Be(Day);
        superseded.IsClosed.Should().BeTrue();
        superseded.Apply(Event(CaseEventKind.SEEN_AGAIN, day: Day.PlusDays(-1))).Status.Should().Be(CaseStatus.SUPERSEDED, "a re-run of an earlier day");
        CaseState again = superseded.Apply(Event(CaseEventKind.SEEN_AGAIN, day: Day));
        again.Status.Should().Be(CaseStatus.OPEN, "the day run once more makes the finding again");
        again.SupersededOn.Should().BeNull();
        superseded.Apply(Event(CaseEventKind.SEEN_AGAIN, day: Day.PlusDays(1))).Status.Should().Be(CaseStatus.OPEN);
    }

    [Fact]
    public void Superseding_drops_a_pending_resolution_and_leaves_a_decision_alone()
    {
        CaseState pending = CaseState.Fold([Event(CaseEventKind.RAISED), Event(CaseEventKind.RESOLUTION_REQUESTED, "zhang", ResolutionReason.ADJUSTED, "x")])!;
        CaseState superseded = pending.Apply(Event(CaseEventKind.SUPERSEDED, day: Day));
        superseded.Status.Should().Be(CaseStatus.SUPERSEDED);
        superseded.Pending.Should().BeNull();

        CaseState resolved = CaseState.Fold([Event(CaseEventKind.RAISED), Event(CaseEventKind.RESOLVED, "zhang", ResolutionReason.ADJUSTED)])!;
        resolved.Apply(Event(CaseEventKind.SUPERSEDED, day: Day)).Status.Should().Be(CaseStatus.RESOLVED);
        CaseState cleared = CaseState.Fold([Event(CaseEventKind.RAISED), Event(CaseEventKind.AUTO_CLEARED, day: Day)])!;
        cleared.Apply(Event(CaseEventKind.SUPERSEDED, day: Day)).Status.Should().Be(CaseStatus.AUTO_CLEARED);
    }
}
