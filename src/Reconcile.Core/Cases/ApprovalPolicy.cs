using Reconcile.Core.Model;

namespace Reconcile.Core.Cases;

/// <summary>
/// Maker-checker: a resolution of a discrepancy whose amount (the larger side) is at or above
/// <see cref="Threshold"/> needs a different person's approval before it takes effect.
/// </summary>
public sealed record ApprovalPolicy(Money Threshold)
{
    /// <summary>50,000.00 yuan.</summary>
    public static readonly ApprovalPolicy Default = new(Money.FromFen(5_000_000));

    public bool RequiresApproval(Money amount) => amount >= Threshold;
}
