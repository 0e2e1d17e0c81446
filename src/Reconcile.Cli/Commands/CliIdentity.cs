using Reconcile.Application;
using Reconcile.Core.Access;
using Reconcile.Core.Cases;
using Reconcile.Engine.Store;

namespace Reconcile.Cli.Commands;

/// <summary>
/// Who is acting, for the commands that change the store. A store with no users is single-user: the name given
/// (<c>--by</c>, or the default the command allows) is taken as typed and recorded as unauthenticated. Once any
/// user exists, the caller signs in: the token in RECONCILE_TOKEN, else the name from <c>--by</c> (or
/// RECONCILE_USER) with its password from <c>--password-stdin</c> or the terminal prompt. A <c>--by</c> that is not
/// the signed-in user is refused.
/// </summary>
internal static class CliIdentity
{
    public const string TokenVariable = "RECONCILE_TOKEN";
    public const string UserVariable = "RECONCILE_USER";

    /// <param name="by">The name the caller gave with --by (null: none).</param>
    /// <param name="passwordStdin">--password-stdin was given (the caller's password is on standard input).</param>
    /// <param name="singleUserDefault">The name to act under in single-user mode when --by is absent.</param>
    public static async Task<Actor> ResolveAsync(StoreCommandContext ctx, IReconcileStore store, string? by, bool passwordStdin, string? singleUserDefault, CancellationToken ct)
    {
        var access = new AccessService(store, ctx.Clock);
        if (!await access.HasUsersAsync(ct).ConfigureAwait(false))
        {
            if (passwordStdin)
            {
                throw new RefusedException("this store has no users, so there is no password to check: drop --password-stdin (or create users first)");
            }
            return Actor.Unauthenticated(by ?? singleUserDefault ?? "");
        }
        Actor actor = await SignInAsync(ctx, access, by, passwordStdin, ct).ConfigureAwait(false);
        if (by is not null && !CaseWorkflow.SamePerson(by, actor.Name))
        {
            throw new RefusedException($"--by {by.Trim()} is not the signed-in user {actor.Name}: actions are recorded under the name that signed in");
        }
        return actor;
    }

    /// <summary>Signs in (the store has users): the token, else the name with its password.</summary>
    public static async Task<Actor> SignInAsync(StoreCommandContext ctx, AccessService access, string? by, bool passwordStdin, CancellationToken ct)
    {
        if (ctx.Environment(TokenVariable) is { Length: > 0 } token)
        {
            return await access.SignInWithTokenAsync(token, ct).ConfigureAwait(false);
        }
        string name = by ?? ctx.Environment(UserVariable)
            ?? throw new RefusedException($"this store has users: say who you are with --by NAME and your password (--password-stdin or the prompt), or set {TokenVariable}");
        string? password = passwordStdin ? ReadPasswordLine(ctx.In) : ctx.ReadSecret($"password for {name.Trim()}: ");
        if (password is null)
        {
            throw new RefusedException($"this store has users: give {name.Trim()}'s password with --password-stdin or at the prompt, or set {TokenVariable}");
        }
        return await access.SignInAsync(name, password, ct).ConfigureAwait(false);
    }

    /// <summary>The first line of standard input without its line end (null when there is none).</summary>
    public static string? ReadPasswordLine(TextReader input) => input.ReadLine()?.TrimEnd('\r');
}
