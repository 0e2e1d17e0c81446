namespace Reconcile.Core.Access;

/// <summary>How the person acting proved who they are.</summary>
public enum Identity
{
    /// <summary>A store with no users: the name was typed, nothing checked it (single-user mode).</summary>
    UNAUTHENTICATED,

    /// <summary>Signed in with a password (the CLI's prompt or --password-stdin, the workbench's sign-in).</summary>
    PASSWORD,

    /// <summary>A personal API token (RECONCILE_TOKEN).</summary>
    TOKEN,
}

/// <summary>The person behind a request: their name, their role (none in single-user mode) and how they proved it.</summary>
public sealed record Actor(string Name, Role? Role, Identity Identity)
{
    public bool IsAuthenticated => Identity != Identity.UNAUTHENTICATED;

    /// <summary>Single-user mode: the store has no users, the name is taken as typed.</summary>
    public static Actor Unauthenticated(string name) => new(name.Trim(), null, Identity.UNAUTHENTICATED);
}
