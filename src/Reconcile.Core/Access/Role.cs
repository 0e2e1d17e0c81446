namespace Reconcile.Core.Access;

/// <summary>What a person may do in the store (docs/INVESTIGATION.md, "Users and roles").</summary>
public enum Role
{
    /// <summary>Works cases: assigns, comments, resolves (a resolution at or above the threshold waits for approval).</summary>
    PREPARER,

    /// <summary>A preparer who also approves or rejects other people's resolutions and reopens resolved cases.</summary>
    APPROVER,

    /// <summary>Reads and exports; acts on no case.</summary>
    AUDITOR,

    /// <summary>Manages users and the store's policy; acts on no case.</summary>
    ADMIN,
}

public static class Roles
{
    public const string Listing = "preparer|approver|auditor|admin";

    /// <summary>Parses a role name, ignoring case ("approver", "APPROVER").</summary>
    public static bool TryParse(string? text, out Role role)
    {
        role = default;
        if (string.IsNullOrWhiteSpace(text) || text.Trim().Any(char.IsDigit))
        {
            return false;
        }
        return Enum.TryParse(text.Trim(), ignoreCase: true, out role) && Enum.IsDefined(role);
    }

    public static string Name(this Role role) => role.ToString().ToLowerInvariant();
}
