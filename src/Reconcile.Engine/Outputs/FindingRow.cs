using NodaTime;
using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;

namespace Reconcile.Engine.Outputs;

/// <summary>
/// One row of discrepancies.csv or in_transit.csv (they share their columns; an in-transit row has no category).
/// </summary>
public sealed record FindingRow(
    string DiscrepancyId,
    LocalDate BusinessDate,
    Bank Bank,
    EscrowType Type,
    string AccountNo,
    Category? Category,
    Direction? Direction,
    Money? BankAmount,
    Money? LedgerAmount,
    string? BankSerial,
    string LedgerEntryIds,
    string? ContractNo,
    string? SubAccountNo,
    LocalDate FirstSeen,
    int AgeDays,
    string Detail)
{
    public static readonly string[] Header =
    [
        "discrepancy_id", "business_date", "bank", "escrow_type", "escrow_account_no", "category", "direction",
        "bank_amount", "ledger_amount", "bank_serial", "ledger_entry_id", "contract_no", "sub_account_no",
        "first_seen", "age_days", "detail",
    ];

    /// <summary>
    /// RULES.md: ordinal by (bank, escrow_type, escrow_account_no, category, bank_serial, ledger_entry_id,
    /// discrepancy_id), comparing the values as written.
    /// </summary>
    public static readonly IComparer<FindingRow> Order = Comparer<FindingRow>.Create((a, b) =>
    {
        int c = string.CompareOrdinal(a.Bank.ToString(), b.Bank.ToString());
        if (c == 0) c = string.CompareOrdinal(a.Type.ToString(), b.Type.ToString());
        if (c == 0) c = string.CompareOrdinal(a.AccountNo, b.AccountNo);
        if (c == 0) c = string.CompareOrdinal(a.Category?.ToString() ?? "", b.Category?.ToString() ?? "");
        if (c == 0) c = string.CompareOrdinal(a.BankSerial ?? "", b.BankSerial ?? "");
        if (c == 0) c = string.CompareOrdinal(a.LedgerEntryIds, b.LedgerEntryIds);
        if (c == 0) c = string.CompareOrdinal(a.DiscrepancyId, b.DiscrepancyId);
        return c;
    });

    /// <summary>The leading keys of <see cref="Order"/>: (bank, escrow_type, escrow_account_no).</summary>
    public static readonly IComparer<(Bank Bank, EscrowType Type, string AccountNo)> AccountOrder =
        Comparer<(Bank Bank, EscrowType Type, string AccountNo)>.Create((a, b) =>
        {
            int c = string.CompareOrdinal(a.Bank.ToString(), b.Bank.ToString());
            if (c == 0) c = string.CompareOrdinal(a.Type.ToString(), b.Type.ToString());
            if (c == 0) c = string.CompareOrdinal(a.AccountNo, b.AccountNo);
            return c;
        });

    /// <summary>An open discrepancy as listed on <paramref name="businessDate"/>.</summary>
    public static FindingRow Of(Discrepancy d, LocalDate businessDate) => new(
        d.Id,
        businessDate,
        d.Bank,
        d.Type,
        d.AccountNo,
        d.Category,
        d.Direction,
        d.BankAmount,
        d.LedgerAmount,
        d.BankSerial,
        string.Join(';', d.LedgerEntryIds),
        d.ContractNo,
        d.SubAccountNo,
        d.FirstSeen,
        d.AgeOn(businessDate),
        d.Detail);

    /// <summary>
    /// An open item still inside the timing window. Its id (and its bank_serial / ledger_entry_id) is the one it will
    /// get as BANK_ONLY / LEDGER_ONLY: a ledger entry's row names the entry, not its bank_serial.
    /// </summary>
    public static FindingRow InTransit(OpenItem item, EscrowAccount account, LocalDate businessDate)
    {
        if (item.BankLine is { } line)
        {
            return new FindingRow(
                Reconcile.Core.Reconciliation.DiscrepancyId.For(Core.Model.Category.BANK_ONLY, account.AccountNo, line.Serial, []),
                businessDate,
                account.Bank,
                account.Type,
                account.AccountNo,
                null,
                line.Direction,
                line.Amount,
                null,
                line.Serial,
                "",
                line.ContractNo,
                line.SubAccountNo,
                item.FirstSeen,
                item.AgeOn(businessDate),
                WithNote(Describe(line.Summary, line.Memo), item.Note));
        }
        LedgerEntry entry = item.Entry!;
        return new FindingRow(
            Reconcile.Core.Reconciliation.DiscrepancyId.For(Core.Model.Category.LEDGER_ONLY, account.AccountNo, null, [entry.EntryId]),
            businessDate,
            account.Bank,
            account.Type,
            account.AccountNo,
            null,
            entry.Direction,
            null,
            entry.Amount,
            null,
            entry.EntryId,
            entry.ContractNo,
            entry.SubAccountNo,
            item.FirstSeen,
            item.AgeOn(businessDate),
            WithNote(Describe(entry.Kind.ToString(), entry.Remark), item.Note));
    }

    /// <summary>An item's note (a partial receipt, RULES.md rung 7) follows what the item says of itself.</summary>
    private static string WithNote(string detail, string? note) => note is null ? detail : detail + "; " + note;

    private static string Describe(string first, string second) =>
        string.IsNullOrEmpty(second) ? first : string.IsNullOrEmpty(first) ? second : first + " " + second;
}
