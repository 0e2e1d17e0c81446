using Reconcile.Core.Reconciliation;

namespace Reconcile.Application.Export;

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
