using NodaTime;
using Reconcile.Core.Access;
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

    /// <summary>The same cases in a store with a team: root (admin), zhang and li (approvers), wu (preparer), sun (auditor).</summary>
    private static CliHarness Team()
    {
        CliHarness cli = Cli();
        foreach ((string name, Role role) in new[] { ("root", Role.ADMIN), ("zhang", Role.APPROVER), ("li", Role.APPROVER), ("wu", Role.PREPARER), ("sun", Role.AUDITOR) })
        {
            cli.Store.WithUser(name, role, Password(name));
        }
        return cli;
    }

    private static string Password(string name) => $"{name}-correct-horse";

    /// <summary>The harness with the user's password as the next line of standard input.</summary>
    private static CliHarness Signed(CliHarness cli, string name) => cli.WithStdin(Password(name));

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
        CliHarness cli = Team();

        Signed(cli, "zhang").Discrepancies("resolve", "D-big", "--reason", "ADJUSTED", "--note", "调账 voucher 9", "--by", "zhang", "--password-stdin").Should().Be(0);
        cli.Out.Should().Contain("D-big PENDING_APPROVAL: its amount 60000.00 is at or above the approval threshold 50000.00");
        Signed(cli, "zhang").Discrepancies("approve", "D-big", "--by", "ZHANG", "--password-stdin").Should().Be(2);
        cli.Error.Should().Contain("zhang requested this resolution and cannot approve it: a different person must approve");
        Signed(cli, "li").Discrepancies("approve", "D-big", "--by", "li", "--password-stdin").Should().Be(0);

        cli.Store.Appended.Select(e => (e.Kind, e.By, e.Reason, e.Identity)).Should().Equal(
            (CaseEventKind.RESOLUTION_REQUESTED, "zhang", ResolutionReason.ADJUSTED, Identity.PASSWORD),
            (CaseEventKind.APPROVED, "li", ResolutionReason.ADJUSTED, Identity.PASSWORD));
        cli.Out.Should().Contain("D-big RESOLVED as ADJUSTED (调账): requested by zhang, approved by li");
        cli.Discrepancies("list", "--status", "resolved", "--format", "csv").Should().Be(0);
        cli.Out.Should().Contain("D-big,CEB");
    }

    [Fact]
    public void A_preparer_cannot_approve()
    {
        CliHarness cli = Team();
        Signed(cli, "li").Discrepancies("resolve", "D-big", "--reason", "ADJUSTED", "--note", "n", "--by", "li", "--password-stdin").Should().Be(0);

        Signed(cli, "wu").Discrepancies("approve", "D-big", "--by", "wu", "--password-stdin").Should().Be(2);

        cli.Error.Should().Contain("wu is a preparer and may not approve resolutions (needs the role approver)");
        cli.Store.Appended.Should().ContainSingle();
    }

    [Theory]
    [InlineData("assign", "D-small", "--to", "wu")]
    [InlineData("comment", "D-small", "--text", "t")]
    [InlineData("resolve", "D-small", "--reason", "ADJUSTED", "--note", "n")]
    public void An_auditor_or_admin_acts_on_no_case(string verb, params string[] args)
    {
        foreach (string who in new[] { "sun", "root" })
        {
            CliHarness cli = Team();

            Signed(cli, who).Discrepancies(verb, [.. args, "--by", who, "--password-stdin"]).Should().Be(2);

            cli.Error.Should().Contain($"{who} is an {(who == "sun" ? "auditor" : "admin")} and may not");
            cli.Store.Appended.Should().BeEmpty();
        }
    }

    [Fact]
    public void Once_users_exist_a_typed_name_is_not_an_identity()
    {
        CliHarness cli = Team();

        cli.WithStdin("guessed-password-1").Discrepancies("resolve", "D-small", "--reason", "FALSE_ALARM", "--note", "fine", "--by", "mallory", "--password-stdin").Should().Be(2);
        cli.Error.Should().Contain("wrong user name or password");
        cli.Discrepancies("resolve", "D-small", "--reason", "FALSE_ALARM", "--note", "fine", "--by", "mallory").Should().Be(2);
        cli.Error.Should().Contain("give mallory's password");
        Signed(cli, "zhang").Discrepancies("resolve", "D-small", "--reason", "FALSE_ALARM", "--note", "fine", "--by", "li", "--password-stdin").Should().Be(2);
        cli.WithStdin("not zhang's password").Discrepancies("resolve", "D-small", "--reason", "FALSE_ALARM", "--note", "fine", "--by", "zhang", "--password-stdin").Should().Be(2);
        cli.Discrepancies("assign", "D-small", "--to", "wu").Should().Be(2);
        cli.Error.Should().Contain("this store has users");

        cli.Store.Appended.Should().BeEmpty();
    }

    [Fact]
    public void A_token_signs_in_and_a_by_naming_someone_else_is_refused()
    {
        CliHarness cli = Team();
        Signed(cli, "zhang").Users("token", "zhang", "--by", "zhang", "--password-stdin").Should().Be(0);
        string token = cli.Out.Trim().Split('\n')[^1].Trim();
        token.Should().StartWith("rct_");
        cli.WithEnvironment("RECONCILE_TOKEN", token);

        cli.Discrepancies("comment", "D-small", "--text", "called the bank", "--by", "li").Should().Be(2);
        cli.Error.Should().Contain("--by li is not the signed-in user zhang");
        cli.Discrepancies("comment", "D-small", "--text", "called the bank").Should().Be(0);

        cli.Store.Appended.Single().Should().Match<CaseEvent>(e => e.By == "zhang" && e.Identity == Identity.TOKEN);
        cli.Store.AccessAppended.Single().TokenHash.Should().NotContain(token["rct_".Length..]);
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
        CliHarness cli = Team();

        Signed(cli, "li").Discrepancies("approve", "D-small", "--by", "li", "--password-stdin").Should().Be(2);

        cli.Error.Should().Contain("case D-small has no resolution waiting for approval (it is OPEN)");
    }

    [Fact]
    public void Single_user_mode_cannot_approve()
    {
        CliHarness cli = Cli();
        cli.Discrepancies("resolve", "D-big", "--reason", "ADJUSTED", "--note", "n", "--by", "zhang").Should().Be(0);

        cli.Discrepancies("approve", "D-big", "--by", "li").Should().Be(2);

        cli.Error.Should().Contain("approve needs a signed-in approver: this store has no users");
        cli.Store.Appended.Select(e => (e.Kind, e.Identity)).Should().Equal([(CaseEventKind.RESOLUTION_REQUESTED, (Identity?)null)], "single-user history records no identity: it shows as unauthenticated");
    }

    [Fact]
    public void Threshold_comes_from_the_stores_policy()
    {
        CliHarness strict = Cli();
        strict.Store.WithThreshold(100.00m);
        CliHarness lenient = Cli();
        lenient.Store.WithThreshold(100.01m);

        strict.Discrepancies("resolve", "D-small", "--reason", "ADJUSTED", "--note", "n", "--by", "zhang").Should().Be(0);
        lenient.Discrepancies("resolve", "D-small", "--reason", "ADJUSTED", "--note", "n", "--by", "zhang").Should().Be(0);

        strict.Store.Appended.Single().Kind.Should().Be(CaseEventKind.RESOLUTION_REQUESTED);
        lenient.Store.Appended.Single().Kind.Should().Be(CaseEventKind.RESOLVED);
    }

    [Theory]
    [InlineData("999999999")]
    [InlineData("fifty")]
    public void The_maker_cannot_choose_the_threshold(string threshold)
    {
        CliHarness cli = Cli().WithEnvironment("RECONCILE_APPROVAL_THRESHOLD", "999999999");

        cli.Discrepancies("resolve", "D-big", "--reason", "FALSE_ALARM", "--note", "fine", "--by", "mallory", "--approval-threshold", threshold).Should().Be(2);
        cli.Error.Should().Contain("--approval-threshold").And.Contain("policy set approval-threshold");
        cli.Discrepancies("resolve", "D-big", "--reason", "FALSE_ALARM", "--note", "fine", "--by", "mallory").Should().Be(0);

        cli.Store.Appended.Single().Kind.Should().Be(CaseEventKind.RESOLUTION_REQUESTED, "the environment does not lower the threshold either");
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
