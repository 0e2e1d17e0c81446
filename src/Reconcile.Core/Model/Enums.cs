namespace Reconcile.Core.Model;

/// <summary>The three custodian banks. Names are the contract's codes.</summary>
public enum Bank
{
    CEB,
    CITIC,
    PAB,
}

/// <summary>Escrow type. Names are the contract's codes.</summary>
public enum EscrowType
{
    SECOND_HAND,
    RENOVATION,
}

/// <summary>Money movement from the escrow account's point of view.</summary>
public enum Direction
{
    /// <summary>Credited to the escrow account (贷方 / C / 收入 / positive).</summary>
    IN,

    /// <summary>Debited from the escrow account (借方 / D / 支出 / negative).</summary>
    OUT,
}

/// <summary>The ledger's <c>direction</c> column. DEPOSIT and INTEREST are IN; the rest are OUT.</summary>
public enum LedgerKind
{
    DEPOSIT,
    INTEREST,
    WITHDRAWAL,
    REFUND,
    FEE,
}

/// <summary>The ledger's <c>status</c> column. Only SUCCESS is on the books.</summary>
public enum LedgerStatus
{
    SUCCESS,
    SUBMITTED,
    PENDING,
    FAILED,
    REVERSED,
}

/// <summary>Discrepancy categories of DOMAIN.md.</summary>
public enum Category
{
    BANK_ONLY,
    LEDGER_ONLY,
    AMOUNT_MISMATCH,
    DIRECTION_MISMATCH,
    STATUS_MISMATCH,
    DUPLICATE,
    WRONG_SUB_ACCOUNT,
    BALANCE_BREAK,
    MISSING_STATEMENT,
    AMBIGUOUS,
}

/// <summary>The rule that made a pair (matches.csv <c>rule</c>).</summary>
public enum MatchRule
{
    BANK_SERIAL,
    PAYMENT_REF,
    BATCH,
    SUB_ACCOUNT,
    CONTRACT,
    COUNTERPARTY,
    REVERSAL,
    CARRIED,

    /// <summary>Rung 6: one bank line is the sum of 2–4 open entries of its sub-account or contract (one row, the entries listed).</summary>
    SPLIT,

    /// <summary>Rung 7: 2–4 bank lines of a sub-account or contract add up to one open entry (an instalment: one row per line, each naming the entry).</summary>
    PARTIAL,

    /// <summary>Paired by a person (`discrepancies match`), written by the first run after the decision.</summary>
    MANUAL,
}

public static class LedgerKindExtensions
{
    public static Direction ToDirection(this LedgerKind kind) => kind switch
    {
        LedgerKind.DEPOSIT or LedgerKind.INTEREST => Direction.IN,
        _ => Direction.OUT,
    };
}
