using NodaTime;
using Reconcile.Core.Model;

namespace Reconcile.Core.Access;

public enum AccessEventKind
{
    USER_ADDED,
    USER_DISABLED,
    PASSWORD_CHANGED,
    TOKEN_ISSUED,
    POLICY_SET,
}

/// <summary>
/// A change to the store's users or policy, audited like a case event (one record in the hash chain). Secrets
/// are only ever held hashed: <see cref="PasswordHash"/> is a salted PBKDF2 hash, <see cref="TokenHash"/> the
/// SHA-256 of a random token.
/// </summary>
/// <param name="User">The user changed (USER_ADDED, USER_DISABLED, PASSWORD_CHANGED, TOKEN_ISSUED).</param>
/// <param name="By">Who made the change ("bootstrap" for the first admin of an empty store).</param>
/// <param name="Setting">POLICY_SET: the setting's name (approval-threshold).</param>
/// <param name="Threshold">POLICY_SET of approval-threshold: the new threshold.</param>
public sealed record AccessEvent(
    AccessEventKind Kind,
    Instant At,
    string By,
    string? User = null,
    Role? Role = null,
    string? PasswordHash = null,
    string? TokenHash = null,
    string? Setting = null,
    Money? Threshold = null)
{
    /// <summary>Who adds the first admin of a store that has no users.</summary>
    public const string Bootstrap = "bootstrap";
}

/// <summary>A user as the store knows them (the read model of the access events).</summary>
public sealed record UserAccount(string Name, Role Role, bool Disabled, string PasswordHash, string? TokenHash, Instant CreatedAt);

/// <summary>The store's policy: settings an admin sets, audited.</summary>
public sealed record StorePolicy(Money ApprovalThreshold)
{
    public static readonly StorePolicy Default = new(Cases.ApprovalPolicy.Default.Threshold);
}
