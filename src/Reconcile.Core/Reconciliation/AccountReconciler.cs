namespace Reconcile.Core.Reconciliation;

/// <summary>Reconciles one escrow account for one business day: the key ladder, categories, carry-forward and proof.</summary>
public static class AccountReconciler
{
    public static AccountDayResult Reconcile(AccountDayInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        throw new NotImplementedException("being written (core helper)");
    }
}
