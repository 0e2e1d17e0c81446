using System.CommandLine;
using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Reconcile.Application;
using Reconcile.Core.Access;
using Spectre.Console;

namespace Reconcile.Cli.Commands;

/// <summary>
/// <c>reconcile users add|list|disable|passwd|token</c>: the people who may act on the store's cases, with their
/// roles and credentials. Every change is an audited record in the hash chain; passwords and tokens are only ever
/// stored hashed. With <c>--password-stdin</c>, standard input carries, one per line, first the caller's own
/// password (when the caller signs in by password) and then the new password (add, passwd).
/// </summary>
public sealed class UsersCommand
{

    private const string Acting = "\n\nOnce the store has users, the caller signs in: RECONCILE_TOKEN, or --by (or RECONCILE_USER) with a password.";

    private readonly StoreCommandContext _ctx;

    public static Command Build(CliServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return new Command("users", "The people who may act on the store's cases, their roles and credentials.\n\nExample:\n  reconcile users add zhang --role admin --password-stdin\n  reconcile users list")
        {
            Verb(services, "add", $"Add a user with a role ({Roles.Listing}); the store's first user must be an admin." + Acting,
                "reconcile users add wang --role preparer --by zhang", (c, cmd) => c.AddAsync(cmd), name: true, actor: true,
                CliOptions.Text("--role", $"The user's role.", Roles.Listing, required: true)),
            Verb(services, "list", "List the users, their roles and whether they are disabled.", "reconcile users list", (c, cmd) => c.ListAsync(cmd), name: false, actor: false),
            Verb(services, "disable", "Disable a user: they can no longer sign in." + Acting, "reconcile users disable wang --by zhang", (c, cmd) => c.DisableAsync(cmd), name: true, actor: true),
            Verb(services, "passwd", "Set a user's password (your own, or anyone's as an admin)." + Acting, "reconcile users passwd wang --by wang", (c, cmd) => c.PasswdAsync(cmd), name: true, actor: true),
            Verb(services, "token", "Issue a token for a user (for RECONCILE_TOKEN in scripts)." + Acting, "reconcile users token wang --by zhang", (c, cmd) => c.TokenAsync(cmd), name: true, actor: true),
        };
    }

    private static Command Verb(
        CliServices services,
        string verb,
        string description,
        string example,
        Func<UsersCommand, CommandLine, Task<int>> run,
        bool name,
        bool actor,
        params Option[] options)
    {
        var command = new Command(verb, description + "\n\nExample:\n  " + example);
        if (name)
        {
            command.Add(new Argument<string[]>("NAME") { Description = "The user name.", Arity = ArgumentArity.ZeroOrMore });
        }
        CliOptions.AddWithStore(command, options, actor);
        command.SetHandler(cmd => run(new UsersCommand(services.Context()), cmd).GetAwaiter().GetResult());
        return command;
    }

    public UsersCommand(StoreCommandContext context)
    {
        _ctx = context ?? throw new ArgumentNullException(nameof(context));
    }

    public Task<int> AddAsync(CommandLine cmd, CancellationToken ct = default)
    {
        string name = SingleName(cmd);
        string roleText = cmd.Required("role");
        if (!Roles.TryParse(roleText, out Role role))
        {
            throw new UsageException($"--role {roleText}: expected one of {Roles.Listing}");
        }
        return WithAccessAsync(cmd, "users add", ct, async (access, stdin) =>
        {
            Actor? caller = await access.HasUsersAsync(ct).ConfigureAwait(false)
                ? await SignInCallerAsync(access, cmd, stdin, ct).ConfigureAwait(false)
                : null;
            string? password = NewPassword(stdin, name);
            UserAccount user = await access.AddUserAsync(caller, name, role, password, ct).ConfigureAwait(false);
            _ctx.Out.WriteLine(caller is null
                ? $"user {user.Name} added as {user.Role.Name()} (the store's first user: its admin; from now on every case action needs a signed-in user)"
                : $"user {user.Name} added as {user.Role.Name()} (by {caller.Name})");
        });
    }

    public async Task<int> ListAsync(CommandLine cmd, CancellationToken ct = default)
    {
        string? storeOption = cmd.Optional("store");
        if (cmd.Positionals.Count > 0)
        {
            throw new UsageException($"unexpected argument '{cmd.Positionals[0]}'");
        }
        cmd.EnsureAllUsed();
        await using IStoreSession session = await _ctx.OpenExistingStoreAsync(storeOption, ct).ConfigureAwait(false);
        var access = new AccessService(session.Store, _ctx.Clock);
        IReadOnlyList<UserAccount> users = await access.UsersAsync(ct).ConfigureAwait(false);
        if (users.Count == 0)
        {
            _ctx.Out.WriteLine("no users: the store is single-user (actions are recorded as unauthenticated; nothing at or above the threshold can be approved). Add the first admin with `reconcile users add NAME --role admin`.");
            return ExitCodes.Ok;
        }
        var table = new Table().AddColumns("User", "Role", "Status", "Token", "Added (Beijing time)");
        foreach (UserAccount u in users)
        {
            table.AddRow(
                Markup.Escape(u.Name),
                u.Role.Name(),
                u.Disabled ? "disabled" : "active",
                u.TokenHash is null ? "-" : "issued",
                Beijing(u.CreatedAt));
        }
        _ctx.Console.Write(table);
        StorePolicy policy = await access.PolicyAsync(ct).ConfigureAwait(false);
        _ctx.Out.WriteLine($"{users.Count} user(s); approval threshold {policy.ApprovalThreshold}");
        return ExitCodes.Ok;
    }

    public Task<int> DisableAsync(CommandLine cmd, CancellationToken ct = default)
    {
        string name = SingleName(cmd);
        return WithAccessAsync(cmd, "users disable", ct, async (access, stdin) =>
        {
            Actor caller = await SignInCallerAsync(access, cmd, stdin, ct).ConfigureAwait(false);
            await access.DisableAsync(caller, name, ct).ConfigureAwait(false);
            _ctx.Out.WriteLine($"user {name.Trim()} disabled (by {caller.Name}): they can no longer sign in, and their token no longer works");
        });
    }

    public Task<int> PasswdAsync(CommandLine cmd, CancellationToken ct = default)
    {
        string name = SingleName(cmd);
        return WithAccessAsync(cmd, "users passwd", ct, async (access, stdin) =>
        {
            Actor caller = await SignInCallerAsync(access, cmd, stdin, ct, defaultBy: name).ConfigureAwait(false);
            string? password = NewPassword(stdin, name);
            await access.ChangePasswordAsync(caller, name, password, ct).ConfigureAwait(false);
            _ctx.Out.WriteLine($"password of {name.Trim()} changed (by {caller.Name})");
        });
    }

    public Task<int> TokenAsync(CommandLine cmd, CancellationToken ct = default)
    {
        string name = SingleName(cmd);
        return WithAccessAsync(cmd, "users token", ct, async (access, stdin) =>
        {
            Actor caller = await SignInCallerAsync(access, cmd, stdin, ct, defaultBy: name).ConfigureAwait(false);
            string token = await access.IssueTokenAsync(caller, name, ct).ConfigureAwait(false);
            _ctx.Error.WriteLine($"a new token for {name.Trim()} (shown once; the store keeps only its hash, and the previous token stops working). Use it as {CliIdentity.TokenVariable}:");
            _ctx.Out.WriteLine(token);
        });
    }

    private static string SingleName(CommandLine cmd) => cmd.Positionals.Count == 1
        ? cmd.Positionals[0]
        : throw new UsageException(cmd.Positionals.Count == 0 ? "give the user name" : "give exactly one user name");

    /// <summary>Standard input's lines (when --password-stdin), read one after the other.</summary>
    private sealed class StdinLines(TextReader reader, bool enabled)
    {
        public bool Enabled { get; } = enabled;

        public string? Next() => Enabled ? CliIdentity.ReadPasswordLine(reader) : null;
    }

    private async Task<int> WithAccessAsync(CommandLine cmd, string verb, CancellationToken ct, Func<AccessService, StdinLines, Task> body)
    {
        string? storeOption = cmd.Optional("store");
        cmd.Optional("by");
        bool passwordStdin = cmd.Switch("password-stdin");
        cmd.EnsureAllUsed();
        await using IStoreSession session = verb == "users add"
            ? await _ctx.OpenStore(storeOption, _ctx.Clock, ct).ConfigureAwait(false)
            : await _ctx.OpenExistingStoreAsync(storeOption, ct).ConfigureAwait(false);
        try
        {
            await body(new AccessService(session.Store, _ctx.Clock), new StdinLines(_ctx.In, passwordStdin)).ConfigureAwait(false);
            return ExitCodes.Ok;
        }
        catch (RefusedException e)
        {
            return _ctx.Refuse(verb, e.Message);
        }
    }

    private async Task<Actor> SignInCallerAsync(AccessService access, CommandLine cmd, StdinLines stdin, CancellationToken ct, string? defaultBy = null)
    {
        if (!await access.HasUsersAsync(ct).ConfigureAwait(false))
        {
            throw new RefusedException("this store has no users yet: add the first admin with `reconcile users add NAME --role admin`");
        }
        string? by = cmd.Optional("by");
        if (_ctx.Environment(CliIdentity.TokenVariable) is { Length: > 0 } token)
        {
            Actor fromToken = await access.SignInWithTokenAsync(token, ct).ConfigureAwait(false);
            if (by is not null && !Core.Cases.CaseWorkflow.SamePerson(by, fromToken.Name))
            {
                throw new RefusedException($"--by {by.Trim()} is not the signed-in user {fromToken.Name}");
            }
            return fromToken;
        }
        string name = by ?? _ctx.Environment(CliIdentity.UserVariable) ?? defaultBy
            ?? throw new RefusedException($"say who you are with --by NAME and your password (--password-stdin or the prompt), or set {CliIdentity.TokenVariable}");
        string? password = stdin.Enabled ? stdin.Next() : _ctx.ReadSecret($"password for {name.Trim()}: ");
        if (password is null)
        {
            throw new RefusedException($"give {name.Trim()}'s password with --password-stdin or at the prompt, or set {CliIdentity.TokenVariable}");
        }
        return await access.SignInAsync(name, password, ct).ConfigureAwait(false);
    }

    /// <summary>The new password: the next line of standard input, or asked twice at the terminal.</summary>
    private string? NewPassword(StdinLines stdin, string name)
    {
        if (stdin.Enabled)
        {
            return stdin.Next() ?? throw new RefusedException($"standard input has no line for {name.Trim()}'s new password");
        }
        string? first = _ctx.ReadSecret($"new password for {name.Trim()} (at least {Secrets.MinimumPasswordLength} characters): ");
        if (first is null)
        {
            throw new RefusedException($"no terminal to ask for {name.Trim()}'s password: give it with --password-stdin");
        }
        string? again = _ctx.ReadSecret("the same password again: ");
        return again == first ? first : throw new RefusedException("the two passwords differ; nothing was changed");
    }

    private static string Beijing(Instant at) =>
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm").Format(at.InZone(DateTimeZoneProviders.Tzdb["Asia/Shanghai"]).LocalDateTime);

}
