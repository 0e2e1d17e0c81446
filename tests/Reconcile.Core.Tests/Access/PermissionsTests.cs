using Reconcile.Core.Access;

namespace Reconcile.Core.Tests.Access;

public sealed class PermissionsTests
{
    private static Actor As(Role role) => new("someone", role, Identity.PASSWORD);

    [Theory]
    [InlineData(Role.PREPARER, "Assign,Comment,Resolve,Match,Unmatch")]
    [InlineData(Role.APPROVER, "Assign,Comment,Resolve,Approve,Reject,Reopen,Match,Unmatch")]
    [InlineData(Role.AUDITOR, "")]
    [InlineData(Role.ADMIN, "ManageUsers,SetPolicy")]
    public void Each_role_may_do_exactly_its_part(Role role, string allowed)
    {
        Enum.GetValues<Permission>().Where(p => Permissions.Allows(As(role), p)).Select(p => p.ToString())
            .Should().Equal(allowed.Split(',', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Single_user_mode_works_cases_but_never_approves_or_manages()
    {
        Actor typed = Actor.Unauthenticated(" zhang ");

        typed.Name.Should().Be("zhang");
        typed.IsAuthenticated.Should().BeFalse();
        Enum.GetValues<Permission>().Where(p => !Permissions.Allows(typed, p))
            .Should().Equal(Permission.Approve, Permission.Reopen, Permission.ManageUsers, Permission.SetPolicy);
    }

    [Fact]
    public void A_refusal_names_the_role_that_would_be_needed()
    {
        Permissions.Refusal(new Actor("wu", Role.PREPARER, Identity.TOKEN), Permission.Approve)
            .Should().Be("wu is a preparer and may not approve resolutions (needs the role approver)");
        Permissions.Refusal(new Actor("sun", Role.AUDITOR, Identity.PASSWORD), Permission.Resolve)
            .Should().Be("sun is an auditor and may not resolve cases (needs the role preparer or approver)");
        Permissions.Refusal(new Actor("root", Role.ADMIN, Identity.PASSWORD), Permission.Comment)
            .Should().Contain("root is an admin and may not comment on cases");
        Permissions.Refusal(As(Role.APPROVER), Permission.Approve).Should().BeNull();
    }

    [Theory]
    [InlineData("approver", Role.APPROVER)]
    [InlineData(" PREPARER ", Role.PREPARER)]
    [InlineData("Auditor", Role.AUDITOR)]
    public void Role_names_parse_ignoring_case(string text, Role expected)
    {
        Roles.TryParse(text, out Role role).Should().BeTrue();
        role.Should().Be(expected);
    }

    [Theory]
    [InlineData("")]
    [InlineData("root")]
    [InlineData("1")]
    [InlineData(null)]
    public void Other_words_are_no_role(string? text) => Roles.TryParse(text, out _).Should().BeFalse();
}
