using NodaTime;
using Reconcile.Core.Cases;

namespace Reconcile.Core.Tests.Cases;

public sealed class StillFitsTests
{
    private static readonly Instant T = Instant.FromUtc(2024, 11, 7, 2, 0);

    private static CaseEvent E(CaseEventKind kind, string by, ResolutionReason? reason = null) => new("D-1", kind, T, by, "n", reason, null, null);

    [Fact]
    public void A_second_resolution_of_a_case_already_resolved_meanwhile_does_not_fit()
    {
        CaseState resolved = CaseState.Raised("D-1").Apply(E(CaseEventKind.RESOLVED, "zhang", ResolutionReason.ADJUSTED));

        CaseWorkflow.StillFits(resolved, E(CaseEventKind.RESOLVED, "wu", ResolutionReason.REFUNDED))
            .Should().Contain("case D-1 is RESOLVED now: someone acted on it meanwhile");
    }

    [Fact]
    public void A_second_approval_does_not_fit_and_the_maker_never_approves()
    {
        CaseState pending = CaseState.Raised("D-1").Apply(E(CaseEventKind.RESOLUTION_REQUESTED, "zhang", ResolutionReason.ADJUSTED));
        CaseState approved = pending.Apply(E(CaseEventKind.APPROVED, "li", ResolutionReason.ADJUSTED));

        CaseWorkflow.StillFits(pending, E(CaseEventKind.APPROVED, "li", ResolutionReason.ADJUSTED)).Should().BeNull();
        CaseWorkflow.StillFits(pending, E(CaseEventKind.APPROVED, " Zhang ", ResolutionReason.ADJUSTED)).Should().Contain("cannot approve it");
        CaseWorkflow.StillFits(approved, E(CaseEventKind.APPROVED, "wang", ResolutionReason.ADJUSTED)).Should().Contain("no resolution waiting for approval now");
        CaseWorkflow.StillFits(approved, E(CaseEventKind.COMMENTED, "wang")).Should().BeNull("comments fit any case");
    }
}
