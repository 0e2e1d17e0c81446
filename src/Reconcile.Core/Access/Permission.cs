namespace Reconcile.Core.Access;

/// <summary>Everything a person can ask the store to do.</summary>
public enum Permission
{
    Assign,
    Comment,
    Resolve,
    Approve,
    Reject,
    Reopen,
    Match,
    Unmatch,
    ManageUsers,
    SetPolicy,
}

/// <summary>
/// Who may do what (pure). Preparers assign, comment, resolve and match; approvers also approve, reject and reopen;
/// auditors read and export (reads are open to whoever can open the store); admins manage users and policy and act
/// on no case. In single-user mode (no users in the store) every case action but approval is allowed: nothing at or
/// above the threshold can take effect without a signed-in approver.
/// </summary>
public static class Permissions
{
    public static bool Allows(Actor actor, Permission permission)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsAuthenticated || actor.Role is not { } role)
        {
            return permission is not (Permission.Approve or Permission.Reopen or Permission.ManageUsers or Permission.SetPolicy);
        }
        return role switch
        {
            Role.PREPARER => permission is Permission.Assign or Permission.Comment or Permission.Resolve or Permission.Match or Permission.Unmatch,
            Role.APPROVER => permission is not (Permission.ManageUsers or Permission.SetPolicy),
            Role.ADMIN => permission is Permission.ManageUsers or Permission.SetPolicy,
            _ => false,
        };
    }

    /// <summary>Null when allowed; else the refusal, naming the role that would be needed.</summary>
    public static string? Refusal(Actor actor, Permission permission)
    {
        if (Allows(actor, permission))
        {
            return null;
        }
        string verb = permission.ToString().ToLowerInvariant();
        if (!actor.IsAuthenticated)
        {
            return permission is Permission.ManageUsers or Permission.SetPolicy
                ? $"only an admin may {Describe(permission)}; sign in as one"
                : $"{verb} needs a signed-in approver: this store has no users, so nothing at or above the approval threshold can take effect (create them with `reconcile users add NAME --role approver --password-stdin`)";
        }
        string needed = permission switch
        {
            Permission.Approve or Permission.Reject or Permission.Reopen => "approver",
            Permission.ManageUsers or Permission.SetPolicy => "admin",
            _ => "preparer or approver",
        };
        return $"{actor.Name} is {Article(actor.Role!.Value)} {actor.Role!.Value.Name()} and may not {Describe(permission)} (needs the role {needed})";
    }

    private static string Describe(Permission p) => p switch
    {
        Permission.ManageUsers => "manage users",
        Permission.SetPolicy => "change the store's policy",
        Permission.Assign => "assign cases",
        Permission.Comment => "comment on cases",
        Permission.Resolve => "resolve cases",
        Permission.Approve => "approve resolutions",
        Permission.Reject => "reject resolutions",
        Permission.Reopen => "reopen cases",
        Permission.Match => "match items",
        Permission.Unmatch => "unmatch items",
        _ => p.ToString().ToLowerInvariant(),
    };

    private static string Article(Role r) => r is Role.APPROVER or Role.AUDITOR or Role.ADMIN ? "an" : "a";
}
