using NodaTime;
using Reconcile.Application;
using Reconcile.Cli.Tests.Discrepancies;
using Reconcile.Core.Access;
using Reconcile.Core.Model;

namespace Reconcile.Cli.Tests.Access;

public sealed class UsersAndPolicyTests
{
    private const string RootPassword = "root-correct-horse";
    private static readonly Instant Morning = Instant.FromUtc(2024, 11, 7, 1, 30);

    private static CliHarness Empty() => new(new FakeStore(), Morning);

    /// <summary>A store whose first admin is root.</summary>
    private static CliHarness WithAdmin()
    {
        CliHarness cli = Empty();
        cli.WithStdin(RootPassword).Users("add", "root", "--role", "admin", "--password-stdin").Should().Be(0);
        return cli;
    }

    [Fact]
    public void The_first_user_must_be_an_admin_and_needs_no_credential()
    {
        CliHarness cli = Empty();

        cli.WithStdin("zhang-correct-horse").Users("add", "zhang", "--role", "preparer", "--password-stdin").Should().Be(2);
        cli.Error.Should().Contain("the first one must be an admin");
        cli.WithStdin(RootPassword).Users("add", "root", "--role", "admin", "--password-stdin").Should().Be(0);

        cli.Out.Should().Contain("user root added as admin (the store's first user");
        AccessEvent added = cli.Store.AccessAppended.Single();
        added.Should().Match<AccessEvent>(e => e.Kind == AccessEventKind.USER_ADDED && e.By == AccessEvent.Bootstrap && e.User == "root" && e.Role == Role.ADMIN);
        added.PasswordHash.Should().StartWith("pbkdf2-sha256$100000$").And.NotContain(RootPassword);
        Secrets.VerifyPassword(RootPassword, added.PasswordHash!).Should().BeTrue();
    }

    [Fact]
    public void Only_a_signed_in_admin_adds_users()
    {
        CliHarness cli = WithAdmin();

        cli.WithStdin("wrong-password-here", "zhang-correct-horse").Users("add", "zhang", "--role", "preparer", "--by", "root", "--password-stdin").Should().Be(2);
        cli.Error.Should().Contain("wrong user name or password");
        cli.WithStdin(RootPassword, "zhang-correct-horse").Users("add", "zhang", "--role", "preparer", "--by", "root", "--password-stdin").Should().Be(0);
        cli.WithStdin("zhang-correct-horse", "mallory-password").Users("add", "mallory", "--role", "admin", "--by", "zhang", "--password-stdin").Should().Be(2);
        cli.Error.Should().Contain("zhang is a preparer and may not manage users (needs the role admin)");

        cli.Store.AccessAppended.Select(e => (e.Kind, e.User, e.By)).Should().Equal(
            (AccessEventKind.USER_ADDED, "root", AccessEvent.Bootstrap),
            (AccessEventKind.USER_ADDED, "zhang", "root"));
    }

    [Theory]
    [InlineData("short-pass")]
    [InlineData("            ")]
    public void A_password_needs_twelve_characters(string password)
    {
        CliHarness cli = WithAdmin();

        cli.WithStdin(RootPassword, password).Users("add", "zhang", "--role", "preparer", "--by", "root", "--password-stdin").Should().Be(2);

        cli.Error.Should().Contain("a password");
        cli.Store.AccessAppended.Should().ContainSingle();
    }

    [Fact]
    public void Names_are_unique_ignoring_case_and_roles_are_checked()
    {
        CliHarness cli = WithAdmin();

        cli.WithStdin(RootPassword, "another-password").Users("add", "ROOT", "--role", "auditor", "--by", "root", "--password-stdin").Should().Be(2);
        cli.Error.Should().Contain("user ROOT already exists");
        cli.Users("add", "wu", "--role", "boss", "--by", "root", "--password-stdin").Should().Be(2);
        cli.Error.Should().Contain("--role boss: expected one of preparer|approver|auditor|admin");
    }

    [Fact]
    public async Task A_disabled_user_can_no_longer_sign_in_nor_use_their_token()
    {
        CliHarness cli = WithAdmin();
        cli.WithStdin(RootPassword, "zhang-correct-horse").Users("add", "zhang", "--role", "preparer", "--by", "root", "--password-stdin").Should().Be(0);
        cli.WithStdin("zhang-correct-horse").Users("token", "zhang", "--by", "zhang", "--password-stdin").Should().Be(0);
        string token = cli.Out.Trim().Split('\n')[^1].Trim();

        cli.WithStdin(RootPassword).Users("disable", "zhang", "--by", "root", "--password-stdin").Should().Be(0);

        cli.WithStdin("zhang-correct-horse", "zhang-new-password").Users("passwd", "zhang", "--password-stdin").Should().Be(2);
        cli.Error.Should().Contain("wrong user name or password (or the user is disabled)");
        cli.WithEnvironment("RECONCILE_TOKEN", token).Users("token", "zhang").Should().Be(2);
        cli.Error.Should().Contain("the token in RECONCILE_TOKEN is not valid");
        (await cli.Store.UsersAsync()).Single(u => u.Name == "zhang").Disabled.Should().BeTrue();
    }

    [Fact]
    public void A_user_changes_their_own_password_and_the_old_one_stops_working()
    {
        CliHarness cli = WithAdmin();
        cli.WithStdin(RootPassword, "zhang-correct-horse").Users("add", "zhang", "--role", "preparer", "--by", "root", "--password-stdin").Should().Be(0);

        cli.WithStdin("zhang-correct-horse", "zhang-battery-staple").Users("passwd", "zhang", "--password-stdin").Should().Be(0);

        cli.Out.Should().Contain("password of zhang changed (by zhang)");
        cli.WithStdin("zhang-correct-horse", "x-another-password").Users("passwd", "zhang", "--password-stdin").Should().Be(2);
        cli.WithStdin("zhang-battery-staple", "x-another-password").Users("passwd", "zhang", "--password-stdin").Should().Be(0);
    }

    [Fact]
    public void Users_list_shows_roles_and_status_but_never_a_secret()
    {
        CliHarness cli = WithAdmin();
        cli.WithStdin(RootPassword, "sun-correct-horse").Users("add", "sun", "--role", "auditor", "--by", "root", "--password-stdin").Should().Be(0);

        cli.Users("list").Should().Be(0);

        cli.Out.Should().Contain("root").And.Contain("admin").And.Contain("sun").And.Contain("auditor").And.Contain("2 user(s); approval threshold 50000.00");
        cli.Out.Should().NotContain("pbkdf2").And.NotContain(RootPassword);
    }

    [Fact]
    public void Only_an_admin_sets_the_threshold_and_it_is_audited()
    {
        CliHarness cli = WithAdmin();
        cli.WithStdin(RootPassword, "li-correct-horse").Users("add", "li", "--role", "approver", "--by", "root", "--password-stdin").Should().Be(0);

        cli.WithStdin("li-correct-horse").Policy("set", "approval-threshold", "1", "--by", "li", "--password-stdin").Should().Be(2);
        cli.Error.Should().Contain("li is an approver and may not change the store's policy");
        cli.WithStdin(RootPassword).Policy("set", "approval-threshold", "100.00", "--by", "root", "--password-stdin").Should().Be(0);

        cli.Out.Should().Contain("approval threshold 50000.00 -> 100.00 (by root)");
        cli.Store.Policy.ApprovalThreshold.Should().Be(Money.FromYuan(100m));
        cli.Store.AccessAppended[^1].Should().Match<AccessEvent>(e => e.Kind == AccessEventKind.POLICY_SET && e.By == "root" && e.Setting == "approval-threshold");
        cli.Policy("show").Should().Be(0);
        cli.Out.Should().Contain("approval-threshold 100.00");
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("fifty")]
    [InlineData("1.001")]
    public void A_threshold_that_is_no_amount_is_a_usage_error(string value)
    {
        CliHarness cli = WithAdmin();

        cli.WithStdin(RootPassword).Policy("set", "approval-threshold", value, "--by", "root", "--password-stdin").Should().Be(2);

        cli.Error.Should().Contain($"approval-threshold '{value}'");
        cli.Store.AccessAppended.Should().ContainSingle();
    }

    [Fact]
    public void Setting_the_policy_of_a_store_without_users_is_refused()
    {
        CliHarness cli = Empty();

        cli.Policy("set", "approval-threshold", "1.00").Should().Be(2);

        cli.Error.Should().Contain("this store has no users yet");
        cli.Store.AccessAppended.Should().BeEmpty();
    }
}
