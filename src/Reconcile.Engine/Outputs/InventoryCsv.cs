using Reconcile.Core.Reconciliation;

namespace Reconcile.Engine.Outputs;

/// <summary>
/// Writes inventory.csv: the balance proof, one row per escrow account and day, by (business_date, bank,
/// escrow_type, escrow_account_no). A run writes one day; the audit export writes a period in the same dialect.
/// </summary>
public static class InventoryCsv
{
    public static readonly string[] Header =
    [
        "business_date", "bank", "escrow_type", "escrow_account_no", "bank_opening_balance", "bank_credits",
        "bank_debits", "bank_closing_balance", "ledger_balance", "ledger_in_not_bank", "ledger_out_not_bank",
        "bank_in_not_ledger", "bank_out_not_ledger", "adjusted_bank_balance", "adjusted_ledger_balance",
        "unexplained_difference", "status",
    ];

    public static int Write(string path, IEnumerable<InventoryRow> inventory) =>
        OutputCsvWriter.WriteFile(path, w => Write(w, inventory)).Rows;

    /// <summary>Writes the header and the rows, sorted, to <paramref name="w"/>; returns the number of rows.</summary>
    public static int Write(OutputCsvWriter w, IEnumerable<InventoryRow> inventory) => Write(w, inventory, null);

    /// <summary>As <see cref="Write(OutputCsvWriter, IEnumerable{InventoryRow})"/>, with the rows a subset re-run keeps (keyed by bank × type).</summary>
    internal static int Write(OutputCsvWriter w, IEnumerable<InventoryRow> inventory, KeptCsv? kept)
    {
        var rows = inventory.ToList();
        rows.Sort((a, b) =>
        {
            int c = a.BusinessDate.CompareTo(b.BusinessDate);
            if (c == 0) c = string.CompareOrdinal(a.Bank.ToString(), b.Bank.ToString());
            if (c == 0) c = string.CompareOrdinal(a.Type.ToString(), b.Type.ToString());
            if (c == 0) c = string.CompareOrdinal(a.AccountNo, b.AccountNo);
            return c;
        });
        w.WriteHeader(Header);
        InventoryRow? previous = null;
        foreach (InventoryRow r in rows)
        {
            if (kept is not null && (previous is null || previous.Bank != r.Bank || previous.Type != r.Type))
            {
                kept.WriteBefore(w, KeptCsv.PartitionOrderKey(r.Bank, r.Type));
            }
            previous = r;
            w.Date(r.BusinessDate);
            w.Text(r.Bank.ToString());
            w.Text(r.Type.ToString());
            w.Text(r.AccountNo);
            w.Amount(r.BankOpening);
            w.Amount(r.BankCredits);
            w.Amount(r.BankDebits);
            w.Amount(r.BankClosing);
            w.Amount(r.LedgerBalance);
            w.Amount(r.LedgerInNotBank);
            w.Amount(r.LedgerOutNotBank);
            w.Amount(r.BankInNotLedger);
            w.Amount(r.BankOutNotLedger);
            w.Amount(r.AdjustedBank);
            w.Amount(r.AdjustedLedger);
            w.Amount(r.Unexplained);
            w.Text(r.Status.ToString());
            w.EndRecord();
        }
        kept?.WriteBefore(w, null);
        return rows.Count + (kept?.Kept ?? 0);
    }
}
