using Reconcile.Core.Reconciliation;

namespace Reconcile.Engine.Outputs;

/// <summary>Writes matches.csv: every pair made, by (escrow_account_no, bank_serial, ledger_entry_ids, rule) (<see cref="MatchOrder"/>).</summary>
public static class MatchesCsv
{
    public static readonly string[] Header = ["escrow_account_no", "bank_serial", "ledger_entry_ids", "rule", "amount"];

    public static int Write(string path, IEnumerable<MatchRecord> matches) =>
        OutputCsvWriter.WriteFile(path, w => Write(w, matches)).Rows;

    /// <summary>Writes the header and the rows, sorted, to <paramref name="w"/>; returns the number of rows.</summary>
    public static int Write(OutputCsvWriter w, IEnumerable<MatchRecord> matches)
    {
        MatchRecord[] rows = MatchOrder.Sort(matches);
        w.WriteHeader(Header);
        foreach (MatchRecord m in rows)
        {
            w.Text(m.AccountNo);
            w.Text(m.BankSerial);
            IReadOnlyList<string> ids = m.LedgerEntryIds;
            w.Text(ids.Count switch { 0 => "", 1 => ids[0], _ => string.Join(';', ids) });
            w.Text(m.Rule.ToString());
            w.Amount(m.Amount);
            w.EndRecord();
        }
        return rows.Length;
    }
}
