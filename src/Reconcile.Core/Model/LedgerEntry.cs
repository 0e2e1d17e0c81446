using NodaTime;

namespace Reconcile.Core.Model;

/// <summary>One row of ledger.csv. Empty optional text columns are null.</summary>
public sealed record LedgerEntry(
    string EntryId,
    string OrderId,
    string ContractNo,
    string SubAccountNo,
    Bank Bank,
    string EscrowAccountNo,
    EscrowType Type,
    LedgerKind Kind,
    Money Amount,
    LedgerStatus Status,
    Instant CreatedAt,
    Instant? SettledAt,
    LocalDate AccountingDate,
    string? PaymentRef,
    string? BankSerial,
    string? CounterpartyName,
    string? CounterpartyAccount,
    string? BatchId,
    string Remark,
    SourceRef Source)
{
    public Direction Direction => Kind.ToDirection();

    public bool IsBooked => Status == LedgerStatus.SUCCESS;

    /// <summary>Signed amount: positive for IN, negative for OUT.</summary>
    public Money Signed => Direction == Direction.IN ? Amount : -Amount;
}
