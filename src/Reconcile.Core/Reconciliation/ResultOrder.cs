using Reconcile.Core.Model;

namespace Reconcile.Core.Reconciliation;

/// <summary>
/// The output orders of RULES.md "Ids and order" (all ordinal, comparing values as they are written): findings
/// and in-transit items by (bank, escrow_type, account, category, bank_serial, ledger_entry_id, id); matches by
/// (account, bank_serial, ledger_entry_ids, rule).
/// </summary>
internal static class ResultOrder
{
    public static readonly IComparer<Discrepancy> Findings = Comparer<Discrepancy>.Create((a, b) =>
    {
        int c = string.CompareOrdinal(a.Bank.ToString(), b.Bank.ToString());
        if (c == 0)
        {
            c = string.CompareOrdinal(a.Type.ToString(), b.Type.ToString());
        }
        if (c == 0)
        {
            c = string.CompareOrdinal(a.AccountNo, b.AccountNo);
        }
        if (c == 0)
        {
            c = string.CompareOrdinal(a.Category.ToString(), b.Category.ToString());
        }
        if (c == 0)
        {
            c = string.CompareOrdinal(a.BankSerial ?? "", b.BankSerial ?? "");
        }
        if (c == 0)
        {
            c = CompareJoined(a.LedgerEntryIds, b.LedgerEntryIds);
        }
        return c != 0 ? c : string.CompareOrdinal(a.Id, b.Id);
    });

    /// <summary>In-transit rows: bank_serial (a ledger entry shows its own bank_serial, if any), entry id, item id.</summary>
    public static readonly IComparer<OpenItem> InTransit = Comparer<OpenItem>.Create((a, b) =>
    {
        int c = string.CompareOrdinal(a.BankLine?.Serial ?? a.Entry?.BankSerial ?? "", b.BankLine?.Serial ?? b.Entry?.BankSerial ?? "");
        if (c == 0)
        {
            c = string.CompareOrdinal(a.Entry?.EntryId ?? "", b.Entry?.EntryId ?? "");
        }
        return c != 0 ? c : string.CompareOrdinal(a.ItemId, b.ItemId);
    });

    public static readonly IComparer<MatchRecord> Matches = Comparer<MatchRecord>.Create((a, b) =>
    {
        int c = string.CompareOrdinal(a.AccountNo, b.AccountNo);
        if (c == 0)
        {
            c = string.CompareOrdinal(a.BankSerial, b.BankSerial);
        }
        if (c == 0)
        {
            c = CompareJoined(a.LedgerEntryIds, b.LedgerEntryIds);
        }
        return c != 0 ? c : string.CompareOrdinal(a.Rule.ToString(), b.Rule.ToString());
    });

    /// <summary>Compares two id lists as their ';'-joined text would compare, without joining.</summary>
    private static int CompareJoined(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        if (a.Count == 1 && b.Count == 1)
        {
            return string.CompareOrdinal(a[0], b[0]);
        }
        return string.CompareOrdinal(string.Join(';', a), string.Join(';', b));
    }
}
