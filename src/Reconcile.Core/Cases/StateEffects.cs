using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;

namespace Reconcile.Core.Cases;

/// <summary>What an account's carried state adds to the proof's one-sided sums.</summary>
public static class StateEffects
{
    /// <summary>An open bank line counts bank-side, an open entry ledger-side, in its direction.</summary>
    public static ProofEffect Of(OpenItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Side == OpenSide.Bank
            ? ProofEffect.BankSide(item.Direction, item.Amount)
            : ProofEffect.LedgerSide(item.Direction, item.Amount);
    }

    /// <summary>Every open item, standing finding and adjustment of the state, summed.</summary>
    public static ProofEffect Of(AccountState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        ProofEffect sum = ProofEffect.None;
        foreach (OpenItem item in state.OpenItems)
        {
            sum += Of(item);
        }
        foreach (Discrepancy finding in state.Standing)
        {
            sum += finding.Effect;
        }
        foreach (ProofAdjustment adjustment in state.Adjustments)
        {
            sum += adjustment.Effect;
        }
        return sum;
    }

    /// <summary>
    /// In fen, what the effect adds to (adjusted bank − adjusted ledger): ledger_in − ledger_out − bank_in + bank_out.
    /// Two effects whose nets cancel leave the unexplained difference as it was.
    /// </summary>
    public static long Net(ProofEffect effect) =>
        (effect.LedgerInNotBank - effect.LedgerOutNotBank - effect.BankInNotLedger + effect.BankOutNotLedger).Fen;
}
