using CsvHelper;
using Reconcile.Core.Reconciliation;

namespace Reconcile.Engine.Outputs;

/// <summary>Writes matches.csv: every pair made, by (escrow_account_no, bank_serial, ledger_entry_ids, rule).</summary>
public static class MatchesCsv
{
    public static readonly string[] Header = ["escrow_account_no", "bank_serial", "ledger_entry_ids", "rule", "amount"];

    public static int Write(string path, IEnumerable<MatchRecord> matches)
    {
        var rows = GroupedSort.Sort(
            matches.Select(m => (Match: m, Ids: string.Join(';', m.LedgerEntryIds), Rule: m.Rule.ToString())),
            r => r.Match.AccountNo,
            StringComparer.Ordinal,
            Comparer<(MatchRecord Match, string Ids, string Rule)>.Create(Compare));
        using CsvWriter w = OutputCsv.ToFile(path);
        w.WriteHeader(Header);
        foreach (var r in rows)
        {
            w.Text(r.Match.AccountNo);
            w.Text(r.Match.BankSerial);
            w.Text(r.Ids);
            w.Text(r.Rule);
            w.Amount(r.Match.Amount);
            w.EndRecord();
        }
        return rows.Count;
    }

    private static int Compare((MatchRecord Match, string Ids, string Rule) a, (MatchRecord Match, string Ids, string Rule) b)
    {
        int c = string.CompareOrdinal(a.Match.AccountNo, b.Match.AccountNo);
        if (c == 0) c = string.CompareOrdinal(a.Match.BankSerial, b.Match.BankSerial);
        if (c == 0) c = string.CompareOrdinal(a.Ids, b.Ids);
        if (c == 0) c = string.CompareOrdinal(a.Rule, b.Rule);
        if (c == 0) c = a.Match.Amount.CompareTo(b.Match.Amount);
        return c;
    }
}
