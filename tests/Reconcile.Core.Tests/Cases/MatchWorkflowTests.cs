using Reconcile.Core.Cases;
using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;
using static Reconcile.Core.Tests.Cases.CaseFixtures;

namespace Reconcile.Core.Tests.Cases;

/// <summary>Match, unmatch and reopen as case decisions: roles aside, the states they lead through and maker-checker.</summary>
public sealed class MatchWorkflowTests
{
    private static readonly CaseWorkflow s_workflow = new(ApprovalPolicy.Default);

    private static Pairing Pairing(decimal amount) => new(
        "D-1",
        Account,
        [OpenItem.Of(Line("S1", Direction.IN, amount), Day), OpenItem.Of(Entry("L1", LedgerKind.DEPOSIT, amount), Day) with { FindingId = "D-2" }],
        null);

    private static CaseState After(params CaseDecision[] decisions) =>
        CaseState.Fold([Event(CaseEventKind.RAISED), .. decisions.Select(d => d.Event!)])!;

    [Fact]
    public void A_small_match_resolves_the_case_as_MATCHED_and_keeps_the_pairing()
    {
        Pairing pairing = Pairing(100m);

        CaseDecision match = s_workflow.Match("D-1", CaseState.Raised("D-1"), pairing, "same buyer", "wu", At);

        match.Event!.Kind.Should().Be(CaseEventKind.RESOLVED);
        match.Event.Reason.Should().Be(ResolutionReason.MATCHED);
        match.Event.Text.Should().Be("paired B:S1 ↔ L:L1 (bank 100.00, ledger 100.00): same buyer");
        CaseState state = After(match);
        state.Status.Should().Be(CaseStatus.RESOLVED);
        state.Pairing.Should().Be(pairing);
        pairing.RelatedCaseIds.Should().Equal("D-2");
    }

    [Fact]
    public void A_match_at_the_threshold_waits_for_a_different_approver()
    {
        CaseDecision match = s_workflow.Match("D-1", CaseState.Raised("D-1"), Pairing(50_000m), null, "wu", At);
        match.Event!.Kind.Should().Be(CaseEventKind.RESOLUTION_REQUESTED);
        CaseState pending = After(match);

        s_workflow.Approve("D-1", pending, "WU ", At).Refusal.Should().Contain("cannot approve it");
        CaseDecision approve = s_workflow.Approve("D-1", pending, "li", At);
        CaseState resolved = After(match, approve);

        resolved.Status.Should().Be(CaseStatus.RESOLVED);
        resolved.Resolution.Should().Be(ResolutionReason.MATCHED);
        resolved.Pairing.Should().NotBeNull();
        resolved.ApprovedBy.Should().Be("li");
    }

    [Fact]
    public void Match_is_refused_on_a_closed_or_pending_case()
    {
        CaseState resolved = After(s_workflow.Match("D-1", CaseState.Raised("D-1"), Pairing(1m), null, "wu", At));
        CaseState pending = After(s_workflow.Match("D-1", CaseState.Raised("D-1"), Pairing(60_000m), null, "wu", At));

        s_workflow.Match("D-1", resolved, Pairing(1m), null, "wu", At).Refusal.Should().Contain("already RESOLVED");
        s_workflow.Match("D-1", pending, Pairing(1m), null, "wu", At).Refusal.Should().Contain("waits for approval of a pairing");
    }

    [Fact]
    public void Unmatch_reopens_a_matched_case_and_needs_a_reason()
    {
        CaseDecision match = s_workflow.Match("D-1", CaseState.Raised("D-1"), Pairing(100m), null, "wu", At);
        CaseState matched = After(match);

        s_workflow.Unmatch("D-1", matched, " ", "wu", At).Refusal.Should().Contain("--note");
        CaseDecision unmatch = s_workflow.Unmatch("D-1", matched, "wrong buyer", "wu", At);

        unmatch.Event!.Kind.Should().Be(CaseEventKind.UNMATCHED);
        unmatch.Event.Pairing.Should().Be(matched.Pairing);
        CaseState reopened = After(match, unmatch);
        reopened.Status.Should().Be(CaseStatus.REOPENED);
        reopened.Pairing.Should().BeNull();
        reopened.IsOpen.Should().BeTrue();
        s_workflow.Resolve("D-1", reopened, Yuan(100m), "BOOKED_IN_LEDGER", "补单", "wu", At).IsAccepted.Should().BeTrue("a reopened case is worked like an open one");
    }

    [Fact]
    public void An_unmatch_at_the_threshold_waits_for_approval_and_a_rejection_keeps_the_pair()
    {
        CaseDecision match = s_workflow.Match("D-1", CaseState.Raised("D-1"), Pairing(60_000m), null, "wu", At);
        CaseDecision approve = s_workflow.Approve("D-1", After(match), "li", At);
        CaseState matched = After(match, approve);

        CaseDecision request = s_workflow.Unmatch("D-1", matched, "wrong buyer", "wu", At);
        request.Event!.Kind.Should().Be(CaseEventKind.UNMATCH_REQUESTED);
        CaseState pending = After(match, approve, request);
        pending.Status.Should().Be(CaseStatus.PENDING_APPROVAL);
        pending.Pending!.Action.Should().Be(PendingAction.Unmatch);

        CaseState rejected = After(match, approve, request, s_workflow.Reject("D-1", pending, "li", "the pair is right", At));
        rejected.Status.Should().Be(CaseStatus.RESOLVED);
        rejected.Pairing.Should().NotBeNull();

        CaseState undone = After(match, approve, request, s_workflow.Approve("D-1", pending, "li", At));
        undone.Status.Should().Be(CaseStatus.REOPENED);
        undone.Pairing.Should().BeNull();
    }

    [Fact]
    public void Unmatch_is_refused_for_a_case_no_person_paired()
    {
        CaseState booked = After(s_workflow.Resolve("D-1", CaseState.Raised("D-1"), Yuan(5m), "BOOKED_IN_LEDGER", "补单", "wu", At));

        s_workflow.Unmatch("D-1", booked, "n", "wu", At).Refusal.Should().Contain("was not paired by hand").And.Contain("matches unmatch");
        s_workflow.Unmatch("D-1", CaseState.Raised("D-1"), "n", "wu", At).Refusal.Should().Contain("is OPEN");
    }

    [Fact]
    public void Reopen_takes_a_resolved_case_back_to_REOPENED_with_a_reason()
    {
        CaseDecision resolve = s_workflow.Resolve("D-1", CaseState.Raised("D-1"), Yuan(5m), "BOOKED_IN_LEDGER", "补单", "wu", At);
        CaseState resolved = After(resolve);

        s_workflow.Reopen("D-1", resolved, "", "li", At).Refusal.Should().Contain("--note");
        s_workflow.Reopen("D-1", CaseState.Raised("D-1"), "n", "li", At).Refusal.Should().Contain("only a RESOLVED case");
        CaseDecision reopen = s_workflow.Reopen("D-1", resolved, "the voucher was for another contract", "li", At);

        reopen.Event!.Reason.Should().Be(ResolutionReason.BOOKED_IN_LEDGER, "the event names the resolution it withdraws");
        CaseState reopened = After(resolve, reopen);
        reopened.Status.Should().Be(CaseStatus.REOPENED);
        reopened.Resolution.Should().BeNull();
        CaseState matched = After(s_workflow.Match("D-1", CaseState.Raised("D-1"), Pairing(1m), null, "wu", At));
        s_workflow.Reopen("D-1", matched, "n", "li", At).Refusal.Should().Contain("discrepancies unmatch D-1");
    }

    [Fact]
    public void MATCHED_is_not_a_reason_a_person_gives_to_resolve()
    {
        s_workflow.Resolve("D-1", CaseState.Raised("D-1"), Yuan(5m), "MATCHED", "n", "wu", At).Refusal.Should().Contain("is not a resolution reason");
        ResolutionReasons.All.Should().NotContain(ResolutionReason.MATCHED);
    }

    [Fact]
    public void A_store_check_refuses_an_unmatch_or_reopen_of_a_case_that_changed_meanwhile()
    {
        CaseState open = CaseState.Raised("D-1");

        CaseWorkflow.StillFits(open, Event(CaseEventKind.UNMATCHED, "wu")).Should().Contain("holds no pairing");
        CaseWorkflow.StillFits(open, Event(CaseEventKind.REOPENED, "li")).Should().Contain("is OPEN now");
        CaseWorkflow.StillFits(open with { Status = CaseStatus.REOPENED }, Event(CaseEventKind.RESOLVED, "wu", ResolutionReason.ADJUSTED)).Should().BeNull();
    }
}
