namespace Reconcile.Core.Model;

/// <summary>One row of subaccounts.csv: an internal sub-account's balance at the end of the day.</summary>
public sealed record SubAccountBalance(
    string SubAccountNo,
    string ContractNo,
    Bank Bank,
    string EscrowAccountNo,
    EscrowType Type,
    Money Balance,
    string Status,
    SourceRef Source);
