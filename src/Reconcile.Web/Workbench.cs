using System.Reflection;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using NodaTime;
using Reconcile.Application;
using Reconcile.Core.Access;
using Reconcile.Engine.Store;
using Reconcile.Web.Security;

namespace Reconcile.Web;

/// <summary>What the workbench serves and how strictly.</summary>
public sealed record WorkbenchOptions
{
    public required IReconcileStore Store { get; init; }

    public required IClock Clock { get; init; }

    /// <summary>Where Kestrel listens (port 0: a free port, see <see cref="WebApplication.Urls"/> after start).</summary>
    public string Urls { get; init; } = "http://127.0.0.1:5080";

    /// <summary>A session ends after this long without a request.</summary>
    public TimeSpan SessionIdle { get; init; } = TimeSpan.FromMinutes(30);

    public int MaxFailedSignIns { get; init; } = 5;

    public Duration Lockout { get; init; } = Duration.FromMinutes(15);
}

/// <summary>
/// The investigators' workbench (<c>reconcile serve</c>): Razor Pages with htmx on Kestrel. Cookie sign-in against
/// the store's users (checked again on every request, so a disabled user is out at once), antiforgery on every
/// form, lockout after repeated failures, an idle timeout and security headers. Everything a page does goes through
/// the application layer (<see cref="CaseActions"/>, <see cref="AccessService"/>), which checks the role and the
/// maker-checker rule: hiding a button is a courtesy, not the control.
/// </summary>
public static class Workbench
{
    public static WebApplication Build(WorkbenchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Assembly web = typeof(Workbench).Assembly;
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = web.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
            Args = [],
        });
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // In-memory keys are the intent (no key on disk to protect); antiforgery's cache note repeats our no-store.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Antiforgery", LogLevel.Error);

        IServiceCollection s = builder.Services;
        s.AddSingleton(options);
        // Chinese text as text, not as character references (the encoder still escapes what HTML needs).
        s.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        s.AddSingleton(options.Store);
        s.AddSingleton(options.Clock);
        s.AddSingleton(new CaseActions(options.Store, options.Clock));
        s.AddSingleton(new AccessService(options.Store, options.Clock));
        s.AddSingleton(new SignInThrottle(options.Clock, options.MaxFailedSignIns, options.Lockout));
        // Keys live in memory: a restart signs everyone out, and no key is left on disk.
        s.AddDataProtection().UseEphemeralDataProtectionProvider();
        s.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.LoginPath = "/login";
            o.LogoutPath = "/logout";
            o.AccessDeniedPath = "/login";
            o.ExpireTimeSpan = options.SessionIdle;
            o.SlidingExpiration = true;
            o.Cookie.Name = "reconcile.session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Events.OnValidatePrincipal = StillActiveAsync;
        });
        s.AddAuthorization(o => o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        s.AddAntiforgery(o =>
        {
            o.Cookie.Name = "reconcile.antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.HttpOnly = true;
            o.FormFieldName = "__RequestVerificationToken";
        });
        s.AddRazorPages(o =>
        {
            o.Conventions.AllowAnonymousToPage("/Login");
        }).AddApplicationPart(web);

        WebApplication app = builder.Build();
        app.Use(SecurityHeaders.Apply);
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/static/{file}", (string file) => StaticFile(web, file)).AllowAnonymous();
        app.MapGet("/", () => Results.Redirect("/discrepancies"));
        app.MapRazorPages();
        return app;
    }

    /// <summary>The signed-in user must still exist, be active and have the same role; else the session ends.</summary>
    private static async Task StillActiveAsync(CookieValidatePrincipalContext context)
    {
        Actor? actor = ActorClaims.ToActor(context.Principal);
        AccessService access = context.HttpContext.RequestServices.GetRequiredService<AccessService>();
        IReadOnlyList<UserAccount> users = await access.UsersAsync(context.HttpContext.RequestAborted).ConfigureAwait(false);
        bool active = actor is not null && users.Any(u => !u.Disabled && u.Role == actor.Role && u.Name == actor.Name);
        if (!active)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
        }
    }

    private static IResult StaticFile(Assembly web, string file)
    {
        string? type = Path.GetExtension(file) switch
        {
            ".js" => "text/javascript; charset=utf-8",
            ".css" => "text/css; charset=utf-8",
            ".png" => "image/png",
            _ => null,
        };
        Stream? stream = type is null ? null : web.GetManifestResourceStream("static/" + file);
        return stream is null ? Results.NotFound() : Results.Stream(stream, type);
    }
}
