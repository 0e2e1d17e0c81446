using Reconcile.Core.Model;

namespace Reconcile.Core.Reconciliation;

/// <summary>
/// What a finding adds to the four one-sided sums of the balance proof (银行存款余额调节表) each day it
/// stays open. All amounts are non-negative.
/// </summary>
public readonly record struct ProofEffect(
    Money LedgerInNotBank,
    Money LedgerOutNotBank,
    Money BankInNotLedger,
    Money BankOutNotLedger)
{
    public static readonly ProofEffect None = default;

    public static ProofEffect BankSide(Direction direction, Money amount) => direction == Direction.IN
        ? new ProofEffect(Money.Zero, Money.Zero, amount, Money.Zero)
        : new ProofEffect(Money.Zero, Money.Zero, Money.Zero, amount);

    public static ProofEffect LedgerSide(Direction direction, Money amount) => direction == Direction.IN
        ? new ProofEffect(amount, Money.Zero, Money.Zero, Money.Zero)
        : new ProofEffect(Money.Zero, amount, Money.Zero, Money.Zero);

    public static ProofEffect operator +(ProofEffect a, ProofEffect b) => new(
        a.LedgerInNotBank + b.LedgerInNotBank,
        a.LedgerOutNotBank + b.LedgerOutNotBank,
        a.BankInNotLedger + b.BankInNotLedger,
        a.BankOutNotLedger + b.BankOutNotLedger);
}
