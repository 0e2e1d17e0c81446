namespace Reconcile.Engine.Outputs;

/// <summary>Writes discrepancies.csv and in_transit.csv: the header and the rows in <see cref="FindingRow.Order"/>.</summary>
public static class FindingsCsv
{
    /// <summary>Writes the rows, sorted, to <paramref name="path"/>; returns the number of rows.</summary>
    public static int Write(string path, IEnumerable<FindingRow> rows) =>
        OutputCsvWriter.WriteFile(path, w => Write(w, rows)).Rows;

    /// <summary>Writes the header and the rows, sorted, to <paramref name="w"/>; returns the number of rows.</summary>
    public static int Write(OutputCsvWriter w, IEnumerable<FindingRow> rows)
    {
        List<FindingRow> sorted = GroupedSort.Sort(rows, r => (r.Bank, r.Type, r.AccountNo), FindingRow.AccountOrder, FindingRow.Order);
        w.WriteHeader(FindingRow.Header);
        foreach (FindingRow r in sorted)
        {
            w.Text(r.DiscrepancyId);
            w.Date(r.BusinessDate);
            w.Text(r.Bank.ToString());
            w.Text(r.Type.ToString());
            w.Text(r.AccountNo);
            w.Text(r.Category?.ToString());
            w.Text(r.Direction?.ToString());
            w.Amount(r.BankAmount);
            w.Amount(r.LedgerAmount);
            w.Text(r.BankSerial);
            w.Text(r.LedgerEntryIds);
            w.Text(r.ContractNo);
            w.Text(r.SubAccountNo);
            w.Date(r.FirstSeen);
            w.Number(r.AgeDays);
            w.Text(r.Detail);
            w.EndRecord();
        }
        return sorted.Count;
    }
}
