using NodaTime;
using Reconcile.Core.Cases;
using Reconcile.Core.Model;
using static Reconcile.Cli.Tests.Discrepancies.Cases;

namespace Reconcile.Cli.Tests.Discrepancies;

public sealed class ActionTests
{
    /// <summary>D-small: 100.00 (below the 50,000.00 threshold); D-big: 60,000.00 bank vs 50,000.00 ledger.</summary>
    private static CliHarness Cli() => new(
        new FakeStore()
            .With(Case("D-small", bankAmount: 100m))
            .With(Case("D-big", Category.AMOUNT_MISMATCH, bankAmount: 60_000m, ledgerAmount: 50_000m))
            .With(Case("D-done", bankAmount: 5m), Person("D-done", CaseEventKind.RESOLVED, "zhang", ResolutionReason.BANK_ERROR, "bank fixed"))
            .With(Case("D-gone", bankAmount: 5m), new CaseEvent("D-gone", CaseEventKind.AUTO_CLEARED, Morning, "system", null, null, "R-2", Day)),
        Morning);

    [Fact]
    public void Assign_appends_an_event_at_the_clocks_time()
    {
        CliHarness cli = Cli();
        Instant later = Morning.Plus(Duration.FromMinutes(5));
        cli.Clock.Now = later;

        cli.Discrepancies("assign", "D-small", "--to", "wang", "--by", "lead").Should().Be(0);

        cli.Store.Appended.Should().Equal(new CaseEvent("D-small", CaseEventKind.ASSIGNED, later, "lead", "wang", null, null, null));
        cli.Out.Should().Contain("D-small assigned to wang (by lead)");
    }

    [Fact]
    public void Assign_without_by_is_done_by_the_current_user()
    {
        CliHarness cli = Cli();

        cli.Discrepancies("assign", "D-small", "--to", "wang").Should().Be(0);

        cli.Store.Appended.Single().By.Should().Be("tester");
    }

    [Fact]
    public void Comment_is_allowed_on_a_resolved_case()
    {
        CliHarness cli = Cli();

        cli.Discrepancies("comment", "D-done", "--text", "voucher 17 filed", "--by", "li").Should().Be(0);

        cli.Store.Appended.Single().Should().Be(new CaseEvent("D-done", CaseEventKind.COMMENTED, Morning, "li", "voucher 17 filed", null, null, null));
    }

    [Fact]
    public void Resolve_below_the_threshold_takes_effect_at_once()
    {
        CliHarness cli = Cli();

        cli.Discrepancies("resolve", "D-small", "--reason", "BOOKED_IN_LEDGER", "--note", "补单 L000777", "--by", "zhang").Should().Be(0);

        cli.Store.Appended.Single().Should().Be(new CaseEvent("D-small", CaseEventKind.RESOLVED, Morning, "zhang", "补单 L000777", ResolutionReason.BOOKED_IN_LEDGER, null, null));
        cli.Out.Should().Contain("D-small RESOLVED as BOOKED_IN_LEDGER (补单) by zhang");
    }

    [Theory]
    [InlineData("resolve", "D-nope", "--reason", "ADJUSTED", "--note", "n", "--by", "zhang")]
    [InlineData("assign", "D-nope", "--to", "wang")]
    [InlineData("comment", "D-nope", "--text", "t", "--by", "li")]
    [InlineData("approve", "D-nope", "--by", "li")]
    [InlineData("reject", "D-nope", "--by", "li", "--note", "n")]
    [InlineData("show", "D-nope")]
    public void Unknown_id_is_refused_with_exit_2_and_nothing_appended(string verb, params string[] args)
    {
        CliHarness cli = Cli();

        cli.Discrepancies(verb, args).Should().Be(2);

        cli.Error.Should().Contain("unknown case id 'D-nope'");
        cli.Store.Appended.Should().BeEmpty();
    }

    [Fact]
    public void Resolving_a_resolved_case_is_refused()
    {
        CliHarness cli = Cli();

        cli.Discrepancies("resolve", "D-done", "--reason", "ADJUSTED", "--note", "again", "--by", "li").Should().Be(2);

        cli.Error.Should().Contain("reconcile discrepancies resolve: case D-done is already RESOLVED (BANK_ERROR by zhang)");
        cli.Store.Appended.Should().BeEmpty();
    }

    [Fact]
    public void Resolving_an_auto_cleared_case_is_refused()
    {
        CliHarness cli = Cli();

        cli.Discrepancies("resolve", "D-gone", "--reason", "ADJUSTED", "--note", "n", "--by", "li").Should().Be(2);

        cli.Error.Should().Contain("cleared by itself");
    }

    [Fact]
    public void Bad_reason_is_refused_with_the_valid_reasons()
    {
        CliHarness cli = Cli();

        cli.Discrepancies("resolve", "D-small", "--reason", "WRITTEN_OFF", "--note", "n", "--by", "li").Should().Be(2);

        cli.Error.Should().Contain("'WRITTEN_OFF' is not a resolution reason")
            .And.Contain("BOOKED_IN_LEDGER (补单), ADJUSTED (调账), REFUNDED (退款), RECOVERED (追款), BANK_ERROR (银行差错), FALSE_ALARM (误报)");
        cli.Store.Appended.Should().BeEmpty();
    }

    [Fact]
    public void Maker_checker_flow_needs_a_different_approver()
    {
        CliHarness cli = Cli();

        cli.Discrepancies("resolve", "D-big", "--reason", "ADJUSTED", "--note", "调账 voucher 9", "--by", "zhang").Should().Be(0);
        cli.Out.Should().Contain("D-big PENDING_APPROVAL: its amount 60000.00 is at or above the approval threshold 50000.00");
        cli.Discrepancies("approve", "D-big", "--by", "ZHANG").Should().Be(2);
        cli.Error.Should().Contain("ZHANG requested this resolution and cannot approve it: a different person must approve");
        cli.Discrepancies("approve", "D-big", "--by", "li").Should().Be(0);

        cli.Store.Appended.Select(e => (e.Kind, e.By, e.Reason)).Should().Equal(
            (CaseEventKind.RESOLUTION_REQUESTED, "zhang", ResolutionReason.ADJUSTED),
            (CaseEventKind.APPROVED, "li", ResolutionReason.ADJUSTED));
        cli.Out.Should().Contain("D-big RESOLVED as ADJUSTED (调账): requested by zhang, approved by li");
        cli.Discrepancies("list", "--status", "resolved", "--format", "csv").Should().Be(0);
        cli.Out.Should().Contain("D-big,CEB");
    }

    [Fact]
    public void Rejection_reopens_and_a_new_resolution_can_follow()
    {
        CliHarness cli = Cli();
        cli.Discrepancies("resolve", "D-big", "--reason", "REFUNDED", "--note", "n", "--by", "zhang").Should().Be(0);

        cli.Discrepancies("reject", "D-big", "--by", "li", "--note", "no refund slip").Should().Be(0);
        cli.Out.Should().Contain("the resolution REFUNDED requested by zhang was rejected by li; the case is OPEN again");
        cli.Discrepancies("resolve", "D-big", "--reason", "ADJUSTED", "--note", "n2", "--by", "zhang").Should().Be(0);

        cli.Store.Appended.Select(e => e.Kind).Should().Equal(
            CaseEventKind.RESOLUTION_REQUESTED, CaseEventKind.REJECTED, CaseEventKind.RESOLUTION_REQUESTED);
    }

    [Fact]
    public void Approve_without_a_pending_resolution_is_refused()
    {
        CliHarness cli = Cli();

        cli.Discrepancies("approve", "D-small", "--by", "li").Should().Be(2);

        cli.Error.Should().Contain("case D-small has no resolution waiting for approval (it is OPEN)");
    }

    [Fact]
    public void Threshold_comes_from_the_option_before_the_environment()
    {
        CliHarness viaEnv = Cli().WithEnvironment("RECONCILE_APPROVAL_THRESHOLD", "100.00");
        CliHarness viaOption = Cli().WithEnvironment("RECONCILE_APPROVAL_THRESHOLD", "100.00");

        viaEnv.Discrepancies("resolve", "D-small", "--reason", "ADJUSTED", "--note", "n", "--by", "zhang").Should().Be(0);
        viaOption.Discrepancies("resolve", "D-small", "--reason", "ADJUSTED", "--note", "n", "--by", "zhang", "--approval-threshold", "100.01").Should().Be(0);

        viaEnv.Store.Appended.Single().Kind.Should().Be(CaseEventKind.RESOLUTION_REQUESTED);
        viaOption.Store.Appended.Single().Kind.Should().Be(CaseEventKind.RESOLVED);
    }

    [Fact]
    public void Bad_threshold_is_a_usage_error()
    {
        CliHarness cli = Cli().WithEnvironment("RECONCILE_APPROVAL_THRESHOLD", "fifty");

        cli.Discrepancies("resolve", "D-small", "--reason", "ADJUSTED", "--note", "n", "--by", "zhang").Should().Be(2);

        cli.Error.Should().Contain("RECONCILE_APPROVAL_THRESHOLD: 'fifty' is not an amount in yuan");
    }

    [Theory]
    [InlineData("resolve", "D-small", "--reason", "ADJUSTED", "--by", "zhang")]
    [InlineData("comment", "D-small", "--text", "hello")]
    [InlineData("reject", "D-big", "--by", "li")]
    public void Missing_note_text_or_person_is_refused(string verb, params string[] args)
    {
        CliHarness cli = Cli();
        if (verb == "reject")
        {
            cli.Discrepancies("resolve", "D-big", "--reason", "ADJUSTED", "--note", "n", "--by", "zhang");
        }
        int before = cli.Store.Appended.Count;

        cli.Discrepancies(verb, args).Should().Be(2);

        cli.Store.Appended.Should().HaveCount(before);
    }

    [Fact]
    public void Two_ids_are_a_usage_error()
    {
        CliHarness cli = Cli();

        cli.Discrepancies("approve", "D-a", "D-b", "--by", "li").Should().Be(2);

        cli.Error.Should().Contain("exactly one case id");
    }
}
