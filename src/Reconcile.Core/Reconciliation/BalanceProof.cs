using Reconcile.Core.Model;

namespace Reconcile.Core.Reconciliation;

/// <summary>
/// The balance proof (银行存款余额调节表) of one account and day, RULES.md "The proof":
/// <code>
/// adjusted bank   = closing + ledger_in_not_bank − ledger_out_not_bank
/// adjusted ledger = Σ sub-account balances + bank_in_not_ledger − bank_out_not_ledger
/// unexplained     = adjusted bank − adjusted ledger      (BALANCED iff 0)
/// </code>
/// where the four one-sided sums add up the effects of every open item, open standing finding and adjustment.
/// Without a statement the bank side, adjusted and unexplained stay empty (status MISSING_STATEMENT).
/// </summary>
internal static class BalanceProof
{
    public static InventoryRow Prove(AccountDayInput input, AccountState next)
    {
        ProofEffect sums = OneSided(next);
        Money ledgerBalance = Money.Zero;
        foreach (SubAccountBalance sub in input.SubAccounts)
        {
            ledgerBalance += sub.Balance;
        }

        EscrowAccount account = input.Account;
        StatementSummary? statement = input.Statement;
        if (statement is null)
        {
            return new InventoryRow(
                input.BusinessDate, account.Bank, account.Type, account.AccountNo,
                null, null, null, null,
                ledgerBalance, sums.LedgerInNotBank, sums.LedgerOutNotBank, sums.BankInNotLedger, sums.BankOutNotLedger,
                null, null, null,
                InventoryStatus.MISSING_STATEMENT);
        }

        Money adjustedBank = statement.Closing + sums.LedgerInNotBank - sums.LedgerOutNotBank;
        Money adjustedLedger = ledgerBalance + sums.BankInNotLedger - sums.BankOutNotLedger;
        Money unexplained = adjustedBank - adjustedLedger;
        return new InventoryRow(
            input.BusinessDate, account.Bank, account.Type, account.AccountNo,
            statement.Opening, statement.Credits, statement.Debits, statement.Closing,
            ledgerBalance, sums.LedgerInNotBank, sums.LedgerOutNotBank, sums.BankInNotLedger, sums.BankOutNotLedger,
            adjustedBank, adjustedLedger, unexplained,
            unexplained.IsZero ? InventoryStatus.BALANCED : InventoryStatus.UNBALANCED);
    }

    /// <summary>The four one-sided sums of a state: open items, standing findings and adjustments.</summary>
    public static ProofEffect OneSided(AccountState state)
    {
        ProofEffect sum = ProofEffect.None;
        foreach (OpenItem item in state.OpenItems)
        {
            sum += item.Side == OpenSide.Bank
                ? ProofEffect.BankSide(item.Direction, item.Amount)
                : ProofEffect.LedgerSide(item.Direction, item.Amount);
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
}
