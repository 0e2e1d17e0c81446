using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;
using Reconcile.Application;
using Reconcile.Core.Access;
using Reconcile.Web.Security;

namespace Reconcile.Web.Pages;

public sealed class LoginModel(AccessService access, SignInThrottle throttle) : PageModel
{
    public string? Problem { get; private set; }

    public string? Name { get; private set; }

    public string? ReturnUrl { get; private set; }

    public IActionResult OnGet(string? returnUrl)
    {
        ReturnUrl = returnUrl;
        return User.Identity?.IsAuthenticated == true ? LocalRedirect(Safe(returnUrl)) : Page();
    }

    public async Task<IActionResult> OnPostAsync(string? name, string? password, string? returnUrl)
    {
        Name = name;
        ReturnUrl = returnUrl;
        string key = name ?? "";
        if (throttle.LockedFor(key) is { } locked)
        {
            return Refuse($"Too many failed sign-ins: {key.Trim()} is locked for {Minutes(locked)} more minute(s). 登录失败次数过多，账户已锁定。");
        }
        Actor actor;
        try
        {
            actor = await access.SignInAsync(name, password, HttpContext.RequestAborted);
        }
        catch (RefusedException)
        {
            throttle.Failed(key);
            return throttle.LockedFor(key) is { } now
                ? Refuse($"Wrong user name or password. After {throttle.MaxFailures} failed sign-ins {key.Trim()} is locked for {Minutes(now)} minute(s). 账户已锁定。")
                : Refuse("Wrong user name or password (or the user is disabled). 用户名或密码错误。");
        }
        throttle.Succeeded(key);
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, ActorClaims.ToPrincipal(actor));
        return LocalRedirect(Safe(returnUrl));
    }

    private IActionResult Refuse(string message)
    {
        Problem = message;
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }

    private string Safe(string? returnUrl) => !string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) ? returnUrl : "/discrepancies";

    private static long Minutes(Duration d) => (long)Math.Ceiling(d.TotalMinutes);
}
