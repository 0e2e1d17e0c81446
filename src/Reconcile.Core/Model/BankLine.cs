using NodaTime;

namespace Reconcile.Core.Model;

/// <summary>
/// One transaction row of a bank statement, normalised across banks. Opening/closing balance rows
/// (CITIC 上日余额/本日余额) and trailers are not lines. Text fields are null when the bank left them empty.
/// </summary>
/// <param name="AccountNo">The escrow account (CEB 账号 preamble, CITIC 账号, PAB 账号).</param>
/// <param name="BookingDate">The bank's booking day (CEB 交易日期, CITIC 交易日期, PAB 记账日期).</param>
/// <param name="TransactionTime">Beijing local time of the transaction when the bank gives one.</param>
/// <param name="Serial">The bank serial: CEB 流水号, CITIC 总交易流水号, PAB 核心唯一流水号.</param>
/// <param name="BalanceAfter">The running balance the bank printed after this row.</param>
/// <param name="SubAccountNo">CITIC 附属账号 / PAB 见证子账户.</param>
/// <param name="PaymentRef">Our serial echoed by the bank: CITIC 客户流水号, PAB 业务流水号, or a PAY… token in CEB 用途.</param>
/// <param name="BatchId">A BATCH… token found in the memo (any bank).</param>
/// <param name="ContractNo">A JG… / ZX… contract token found in the memo (any bank).</param>
/// <param name="Summary">摘要 (e.g. 跨行转入, 冲正, 结息).</param>
/// <param name="Memo">CEB 用途, CITIC 附言, PAB 交易用途.</param>
/// <param name="ReversalOf">CITIC 冲正流水号: the serial of the row this row reverses.</param>
/// <param name="Sequence">0-based position of the row in its statement file (keeps statement order).</param>
public sealed record BankLine(
    Bank Bank,
    string AccountNo,
    LocalDate BookingDate,
    LocalDateTime? TransactionTime,
    string Serial,
    Direction Direction,
    Money Amount,
    Money BalanceAfter,
    string? SubAccountNo,
    string? PaymentRef,
    string? BatchId,
    string? ContractNo,
    string? CounterpartyAccount,
    string? CounterpartyName,
    string? CounterpartyBank,
    string Summary,
    string Memo,
    string? ReversalOf,
    int Sequence,
    SourceRef Source)
{
    /// <summary>Signed amount: positive for IN, negative for OUT.</summary>
    public Money Signed => Direction == Direction.IN ? Amount : -Amount;
}
