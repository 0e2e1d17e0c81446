using Reconcile.Core.Reconciliation;
using Reconcile.Engine.Outputs;

namespace Reconcile.Application.Export;

/// <summary>
/// The inventory of a period as CSV: the columns and dialect of the run's inventory.csv (UTF-8 with BOM, two
/// decimals, empty bank columns for MISSING_STATEMENT), rows by (business_date, bank, escrow_type, escrow_account_no).
/// </summary>
public static class InventoryCsvExport
{
    /// <summary>Writes the rows to <paramref name="path"/>; returns the number of rows.</summary>
    public static int Write(string path, IEnumerable<InventoryRow> rows) => InventoryCsv.Write(path, rows);
}

/// <summary>The order of inventory rows over a period: (business_date, bank, escrow_type, escrow_account_no), ordinal.</summary>
public static class InventoryOrder
{
    public static List<InventoryRow> Sort(IEnumerable<InventoryRow> rows) => rows
        .OrderBy(r => r.BusinessDate)
        .ThenBy(r => r.Bank.ToString(), StringComparer.Ordinal)
        .ThenBy(r => r.Type.ToString(), StringComparer.Ordinal)
        .ThenBy(r => r.AccountNo, StringComparer.Ordinal)
        .ToList();
}
