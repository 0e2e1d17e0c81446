using Reconcile.Core.Reconciliation;

namespace Reconcile.Core.Cases;

/// <summary>
/// What a resolution that takes effect does to an account's carried state (pure). Being written by the
/// investigation helper; the store calls it when it appends a RESOLVED or APPROVED event.
/// </summary>
public static class Resolutions
{
    public static AccountState Apply(AccountState state, Discrepancy discrepancy, ResolutionReason reason)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(discrepancy);
        throw new NotImplementedException($"resolution {reason} (investigation helper)");
    }
}
