using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Reconcile.Core.Access;
using Reconcile.Web.Security;

namespace Reconcile.Web.Pages;

/// <summary>What every signed-in page has: the actor, and a one-line message carried over a redirect.</summary>
public abstract class WorkbenchPage : PageModel
{
    [TempData]
    public string? Flash { get; set; }

    /// <summary>A refusal to show on this rendering (not carried over).</summary>
    public string? Problem { get; protected set; }

    public Actor Actor => ActorClaims.ToActor(User) ?? throw new InvalidOperationException("the page needs a signed-in user");

    public bool May(Permission permission) => ActorClaims.ToActor(User) is { } a && Permissions.Allows(a, permission);

    /// <summary>htmx asked (it swaps 2xx answers only: a refusal goes back with 200 and the message on the page).</summary>
    protected bool FromHtmx => Request.Headers.ContainsKey("HX-Request");

    /// <summary>The page again with a refusal: 403 for a plain request (a script or a forged form), 200 for htmx.</summary>
    protected IActionResult Refused(string message)
    {
        Problem = message;
        Response.StatusCode = FromHtmx ? StatusCodes.Status200OK : StatusCodes.Status403Forbidden;
        return Page();
    }
}
