using System.Security.Claims;
using Reconcile.Core.Access;

namespace Reconcile.Web.Security;

/// <summary>The signed-in person as cookie claims, and back: the workbench only knows users who signed in with a password.</summary>
public static class ActorClaims
{
    public const string Scheme = "reconcile";

    public static ClaimsPrincipal ToPrincipal(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, actor.Name), new Claim(ClaimTypes.Role, actor.Role!.Value.Name())],
            Scheme);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>The actor of a signed-in principal (null when not signed in or the claims are not ours).</summary>
    public static Actor? ToActor(ClaimsPrincipal? principal)
    {
        if (principal?.Identity is not { IsAuthenticated: true } || principal.FindFirstValue(ClaimTypes.Name) is not { Length: > 0 } name
            || !Roles.TryParse(principal.FindFirstValue(ClaimTypes.Role), out Role role))
        {
            return null;
        }
        return new Actor(name, role, Identity.PASSWORD);
    }
}
