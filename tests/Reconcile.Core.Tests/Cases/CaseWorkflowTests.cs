using Reconcile.Core.Cases;
using Reconcile.Core.Model;
using static Reconcile.Core.Tests.Cases.CaseFixtures;

namespace Reconcile.Core.Tests.Cases;

public sealed class CaseWorkflowTests
{
    private static readonly CaseWorkflow s_workflow = new(ApprovalPolicy.Default);

    private static readonly CaseState s_open = CaseState.Raised("D-1");

    private static readonly CaseState s_resolved = CaseState.Fold([
        Event(CaseEventKind.RAISED),
        Event(CaseEventKind.RESOLVED, "zhang", ResolutionReason.BOOKED_IN_LEDGER, "booked"),
    ])!;

    private static readonly CaseState s_pending = CaseState.Fold([
        Event(CaseEventKind.RAISED),
        Event(CaseEventKind.RESOLUTION_REQUESTED, "zhang", ResolutionReason.REFUNDED, "refunded"),
    ])!;

    [Fact]
    public void Every_action_on_an_unknown_id_is_refused()
    {
        CaseDecision[] decisions =
        [
            s_workflow.Assign("D-x", null, "li", "lead", At),
            s_workflow.Comment("D-x", null, "hello", "li", At),
            s_workflow.Resolve("D-x", null, Yuan(1), "FALSE_ALARM", "n", "li", At),
            s_workflow.Approve("D-x", null, "li", At),
            s_workflow.Reject("D-x", null, "li", "n", At),
            s_workflow.Match("D-x", null, null, "n", "li", At),
            s_workflow.Unmatch("D-x", null, "n", "li", At),
            s_workflow.Reopen("D-x", null, "n", "li", At),
        ];

        decisions.Should().AllSatisfy(d =>
        {
            d.IsAccepted.Should().BeFalse();
            d.Refusal.Should().Contain("unknown case id 'D-x'");
        });
    }

    [Fact]
    public void Comment_and_assign_are_allowed_on_a_resolved_case()
    {
        CaseDecision comment = s_workflow.Comment("D-1", s_resolved, "  voucher filed  ", "li", At);
        CaseDecision assign = s_workflow.Assign("D-1", s_resolved, "wang", "lead", At);

        comment.Event.Should().Be(new CaseEvent("D-1", CaseEventKind.COMMENTED, At, "li", "voucher filed", null, null, null));
        assign.Event!.Kind.Should().Be(CaseEventKind.ASSIGNED);
        assign.Event.Text.Should().Be("wang");
        assign.Event.By.Should().Be("lead");
    }

    [Fact]
    public void Resolving_a_resolved_case_is_refused()
    {
        CaseDecision d = s_workflow.Resolve("D-1", s_resolved, Yuan(100), "ADJUSTED", "again", "li", At);

        d.IsAccepted.Should().BeFalse();
        d.Refusal.Should().Be("case D-1 is already RESOLVED (BOOKED_IN_LEDGER by zhang); nothing was changed");
    }

    [Fact]
    public void Resolving_an_auto_cleared_case_is_refused()
    {
        CaseState cleared = s_open.Apply(Event(CaseEventKind.AUTO_CLEARED, day: Day.PlusDays(1)));

        CaseDecision d = s_workflow.Resolve("D-1", cleared, Yuan(100), "ADJUSTED", "n", "li", At);

        d.Refusal.Should().Contain("cleared by itself").And.Contain("2024-11-07");
    }

    [Fact]
    public void Resolving_a_superseded_case_is_refused_and_comments_are_allowed()
    {
        CaseState superseded = s_open.Apply(Event(CaseEventKind.SUPERSEDED, day: Day));

        s_workflow.Resolve("D-1", superseded, Yuan(100), "ADJUSTED", "n", "li", At).Refusal
            .Should().Be("case D-1 was superseded: the re-run of 2024-11-06 no longer lists it; there is nothing to resolve (a later run that lists it again opens it again)");
        s_workflow.Comment("D-1", superseded, "checked", "li", At).IsAccepted.Should().BeTrue();
    }

    [Fact]
    public void Bad_reason_is_refused_with_the_valid_ones()
    {
        CaseDecision d = s_workflow.Resolve("D-1", s_open, Yuan(100), "FIXED", "n", "li", At);

        d.IsAccepted.Should().BeFalse();
        d.Refusal.Should().StartWith("'FIXED' is not a resolution reason");
        foreach (ResolutionReason r in ResolutionReasons.All)
        {
            d.Refusal.Should().Contain(r.ToString());
        }
    }

    [Theory]
    [InlineData("1")]
    [InlineData("")]
    public void Reason_numbers_and_blanks_are_not_reasons(string reason)
    {
        s_workflow.Resolve("D-1", s_open, Yuan(100), reason, "n", "li", At).IsAccepted.Should().BeFalse();
    }

    [Fact]
    public void Below_the_threshold_a_resolution_takes_effect_at_once()
    {
        CaseDecision d = s_workflow.Resolve("D-1", s_open, Yuan(49_999.99m), "booked_in_ledger", "补单 voucher 17", "zhang", At);

        d.TakesEffect.Should().BeTrue();
        d.Event.Should().Be(new CaseEvent("D-1", CaseEventKind.RESOLVED, At, "zhang", "补单 voucher 17", ResolutionReason.BOOKED_IN_LEDGER, null, null));
    }

    [Fact]
    public void At_the_threshold_a_resolution_only_requests_approval()
    {
        CaseDecision d = s_workflow.Resolve("D-1", s_open, Yuan(50_000m), "REFUNDED", "refunded", "zhang", At);

        d.TakesEffect.Should().BeFalse();
        d.Event!.Kind.Should().Be(CaseEventKind.RESOLUTION_REQUESTED);
        s_open.Apply(d.Event).Status.Should().Be(CaseStatus.PENDING_APPROVAL);
    }

    [Fact]
    public void The_threshold_is_configurable()
    {
        var strict = new CaseWorkflow(new ApprovalPolicy(Yuan(100m)));

        strict.Resolve("D-1", s_open, Yuan(100m), "ADJUSTED", "n", "zhang", At).Event!.Kind.Should().Be(CaseEventKind.RESOLUTION_REQUESTED);
        strict.Resolve("D-1", s_open, Yuan(99.99m), "ADJUSTED", "n", "zhang", At).Event!.Kind.Should().Be(CaseEventKind.RESOLVED);
    }

    [Theory]
    [InlineData("zhang")]
    [InlineData(" Zhang ")]
    public void The_maker_cannot_approve_their_own_resolution(string approver)
    {
        CaseDecision d = s_workflow.Approve("D-1", s_pending, approver, At);

        d.IsAccepted.Should().BeFalse();
        d.Refusal.Should().StartWith("Zhang requested this resolution and cannot approve it: a different person must approve".Replace("Zhang", approver.Trim(), StringComparison.Ordinal));
    }

    [Fact]
    public void A_different_person_approves_and_the_resolution_takes_effect()
    {
        CaseDecision d = s_workflow.Approve("D-1", s_pending, "li", At);

        d.TakesEffect.Should().BeTrue();
        d.Event.Should().Be(new CaseEvent("D-1", CaseEventKind.APPROVED, At, "li", "refunded", ResolutionReason.REFUNDED, null, null));
        s_pending.Apply(d.Event!).Status.Should().Be(CaseStatus.RESOLVED);
    }

    [Fact]
    public void Rejection_returns_the_case_to_open()
    {
        CaseDecision d = s_workflow.Reject("D-1", s_pending, "li", "no refund voucher", At);

        d.Event!.Kind.Should().Be(CaseEventKind.REJECTED);
        s_pending.Apply(d.Event).Status.Should().Be(CaseStatus.OPEN);
    }

    [Fact]
    public void Approve_and_reject_need_a_pending_resolution()
    {
        s_workflow.Approve("D-1", s_open, "li", At).Refusal.Should().Be("case D-1 has no resolution waiting for approval (it is OPEN)");
        s_workflow.Reject("D-1", s_resolved, "li", "n", At).Refusal.Should().Be("case D-1 has no resolution waiting for approval (it is RESOLVED)");
    }

    [Fact]
    public void A_second_resolution_while_one_waits_is_refused()
    {
        CaseDecision d = s_workflow.Resolve("D-1", s_pending, Yuan(10), "ADJUSTED", "n", "li", At);

        d.Refusal.Should().Be("case D-1 already waits for approval of REFUNDED requested by zhang; approve or reject that first");
    }

    [Fact]
    public void Resolution_without_a_note_or_a_person_is_refused()
    {
        s_workflow.Resolve("D-1", s_open, Yuan(10), "ADJUSTED", " ", "li", At).Refusal.Should().Contain("--note");
        s_workflow.Resolve("D-1", s_open, Yuan(10), "ADJUSTED", "n", "", At).Refusal.Should().Contain("--by");
        s_workflow.Reject("D-1", s_pending, "li", null, At).Refusal.Should().Contain("--note");
    }
}
