using NodaTime;

namespace Reconcile.Core.Model;

/// <summary>One row of accounts.csv: an escrow account in the registry.</summary>
public sealed record EscrowAccount(
    string AccountNo,
    Bank Bank,
    EscrowType Type,
    string City,
    string AccountName,
    LocalDate OpenedOn,
    SourceRef Source);
