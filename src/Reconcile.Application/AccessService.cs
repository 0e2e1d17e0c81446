using NodaTime;
using Reconcile.Core.Access;
using Reconcile.Core.Cases;
using Reconcile.Core.Model;
using Reconcile.Engine.Store;

namespace Reconcile.Application;

/// <summary>
/// Users, credentials and the store's policy. Signing in gives an <see cref="Actor"/>; every change is an audited
/// record in the store's hash chain. The first user of a store with no users must be an admin and needs no
/// credential (bootstrap); after that only an admin manages users and policy, and a user may change their own
/// password or issue their own token.
/// </summary>
public sealed class AccessService
{
    private readonly IReconcileStore _store;
    private readonly IClock _clock;

    public AccessService(IReconcileStore store, IClock clock)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
    }

    public Task<IReadOnlyList<UserAccount>> UsersAsync(CancellationToken ct = default) => _store.UsersAsync(ct);

    public async Task<bool> HasUsersAsync(CancellationToken ct = default) => (await _store.UsersAsync(ct).ConfigureAwait(false)).Count > 0;

    public Task<StorePolicy> PolicyAsync(CancellationToken ct = default) => _store.PolicyAsync(ct);

    /// <summary>The actor for a name and password; refused alike for an unknown name, a wrong password or a disabled user.</summary>
    public async Task<Actor> SignInAsync(string? name, string? password, CancellationToken ct = default)
    {
        UserAccount? user = Find(await _store.UsersAsync(ct).ConfigureAwait(false), name);
        if (user is null || user.Disabled || password is null || !Secrets.VerifyPassword(password, user.PasswordHash))
        {
            throw new RefusedException("wrong user name or password (or the user is disabled)");
        }
        return new Actor(user.Name, user.Role, Identity.PASSWORD);
    }

    public async Task<Actor> SignInWithTokenAsync(string? token, CancellationToken ct = default)
    {
        if (!string.IsNullOrWhiteSpace(token))
        {
            foreach (UserAccount user in await _store.UsersAsync(ct).ConfigureAwait(false))
            {
                if (!user.Disabled && user.TokenHash is { } h && Secrets.TokenMatches(token, h))
                {
                    return new Actor(user.Name, user.Role, Identity.TOKEN);
                }
            }
        }
        throw new RefusedException("the token in RECONCILE_TOKEN is not valid (unknown, replaced or its user disabled)");
    }

    /// <param name="caller">Null only for the first user of a store with no users (who must be an admin).</param>
    public async Task<UserAccount> AddUserAsync(Actor? caller, string? name, Role role, string? password, CancellationToken ct = default)
    {
        IReadOnlyList<UserAccount> users = await _store.UsersAsync(ct).ConfigureAwait(false);
        string by;
        if (users.Count == 0)
        {
            if (role != Role.ADMIN)
            {
                throw new RefusedException("this store has no users yet: the first one must be an admin (--role admin), who then adds the others");
            }
            by = AccessEvent.Bootstrap;
        }
        else
        {
            by = Require(caller, Permission.ManageUsers).Name;
        }
        string clean = ValidName(name);
        if (Find(users, clean) is not null)
        {
            throw new RefusedException($"user {clean} already exists");
        }
        if (Secrets.PasswordProblem(password) is { } problem)
        {
            throw new RefusedException(problem);
        }
        Instant now = _clock.GetCurrentInstant();
        string hash = Secrets.HashPassword(password!);
        await _store.AppendAccessEventAsync(new AccessEvent(AccessEventKind.USER_ADDED, now, by, clean, role, PasswordHash: hash), ct).ConfigureAwait(false);
        return new UserAccount(clean, role, false, hash, null, now);
    }

    public async Task DisableAsync(Actor caller, string? name, CancellationToken ct = default)
    {
        Actor admin = Require(caller, Permission.ManageUsers);
        UserAccount user = await Existing(name, ct).ConfigureAwait(false);
        if (CaseWorkflow.SamePerson(user.Name, admin.Name))
        {
            throw new RefusedException("an admin cannot disable themself (another admin can)");
        }
        await _store.AppendAccessEventAsync(new AccessEvent(AccessEventKind.USER_DISABLED, _clock.GetCurrentInstant(), admin.Name, user.Name), ct).ConfigureAwait(false);
    }

    public async Task ChangePasswordAsync(Actor caller, string? name, string? newPassword, CancellationToken ct = default)
    {
        UserAccount user = await Existing(name, ct).ConfigureAwait(false);
        Actor by = SelfOrAdmin(caller, user);
        if (Secrets.PasswordProblem(newPassword) is { } problem)
        {
            throw new RefusedException(problem);
        }
        await _store.AppendAccessEventAsync(
            new AccessEvent(AccessEventKind.PASSWORD_CHANGED, _clock.GetCurrentInstant(), by.Name, user.Name, PasswordHash: Secrets.HashPassword(newPassword!)), ct).ConfigureAwait(false);
    }

    /// <summary>Issues a new personal token (the previous one stops working) and returns it: it is shown once.</summary>
    public async Task<string> IssueTokenAsync(Actor caller, string? name, CancellationToken ct = default)
    {
        UserAccount user = await Existing(name, ct).ConfigureAwait(false);
        Actor by = SelfOrAdmin(caller, user);
        if (user.Disabled)
        {
            throw new RefusedException($"user {user.Name} is disabled");
        }
        string token = Secrets.NewToken();
        await _store.AppendAccessEventAsync(
            new AccessEvent(AccessEventKind.TOKEN_ISSUED, _clock.GetCurrentInstant(), by.Name, user.Name, TokenHash: Secrets.HashToken(token)), ct).ConfigureAwait(false);
        return token;
    }

    public async Task SetApprovalThresholdAsync(Actor caller, Money threshold, CancellationToken ct = default)
    {
        Actor admin = Require(caller, Permission.SetPolicy);
        if (threshold.IsNegative)
        {
            throw new RefusedException("the approval threshold cannot be negative");
        }
        await _store.AppendAccessEventAsync(
            new AccessEvent(AccessEventKind.POLICY_SET, _clock.GetCurrentInstant(), admin.Name, Setting: "approval-threshold", Threshold: threshold), ct).ConfigureAwait(false);
    }

    public static Actor Require(Actor? caller, Permission permission)
    {
        if (caller is null)
        {
            throw new RefusedException("this needs a signed-in admin");
        }
        return Permissions.Refusal(caller, permission) is { } refusal ? throw new RefusedException(refusal) : caller;
    }

    private static Actor SelfOrAdmin(Actor caller, UserAccount user)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.IsAuthenticated && CaseWorkflow.SamePerson(caller.Name, user.Name))
        {
            return caller;
        }
        return Require(caller, Permission.ManageUsers);
    }

    private async Task<UserAccount> Existing(string? name, CancellationToken ct) =>
        Find(await _store.UsersAsync(ct).ConfigureAwait(false), name) ?? throw new RefusedException($"unknown user '{name}' (see `reconcile users list`)");

    private static UserAccount? Find(IReadOnlyList<UserAccount> users, string? name) =>
        string.IsNullOrWhiteSpace(name) ? null : users.FirstOrDefault(u => CaseWorkflow.SamePerson(u.Name, name));

    private static string ValidName(string? name)
    {
        string clean = name?.Trim() ?? "";
        if (clean.Length is 0 or > 64 || clean.Any(char.IsControl) || clean == AccessEvent.Bootstrap || clean == "system")
        {
            throw new RefusedException($"'{name}' cannot be a user name (1 to 64 characters, no control characters, not 'system' or 'bootstrap')");
        }
        return clean;
    }
}
