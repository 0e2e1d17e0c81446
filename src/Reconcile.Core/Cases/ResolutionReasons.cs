namespace Reconcile.Core.Cases;

/// <summary>Names, labels and parsing of <see cref="ResolutionReason"/>.</summary>
public static class ResolutionReasons
{
    /// <summary>The reasons a person gives to <c>resolve</c> (MATCHED is set by <c>match</c> only).</summary>
    private static readonly ResolutionReason[] s_all = Enum.GetValues<ResolutionReason>().Where(r => r != ResolutionReason.MATCHED).ToArray();

    public static IReadOnlyList<ResolutionReason> All => s_all;

    /// <summary>The Chinese label finance uses.</summary>
    public static string Label(this ResolutionReason reason) => reason switch
    {
        ResolutionReason.BOOKED_IN_LEDGER => "补单",
        ResolutionReason.ADJUSTED => "调账",
        ResolutionReason.REFUNDED => "退款",
        ResolutionReason.RECOVERED => "追款",
        ResolutionReason.BANK_ERROR => "银行差错",
        ResolutionReason.FALSE_ALARM => "误报",
        ResolutionReason.MATCHED => "人工配对",
        _ => reason.ToString(),
    };

    /// <summary>"BOOKED_IN_LEDGER (补单), ADJUSTED (调账), …" for messages.</summary>
    public static string Listing => string.Join(", ", s_all.Select(r => $"{r} ({r.Label()})"));

    /// <summary>Parses a reason by its contract name (case-insensitive, surrounding spaces ignored); numbers are not names.</summary>
    public static bool TryParse(string? text, out ResolutionReason reason)
    {
        reason = default;
        string t = (text ?? "").Trim();
        foreach (ResolutionReason r in s_all)
        {
            if (string.Equals(r.ToString(), t, StringComparison.OrdinalIgnoreCase))
            {
                reason = r;
                return true;
            }
        }
        return false;
    }
}
