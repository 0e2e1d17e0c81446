namespace Reconcile.Engine.Outputs;

/// <summary>Writes discrepancies.csv and in_transit.csv: the header and the rows in <see cref="FindingRow.Order"/>.</summary>
public static class FindingsCsv
{
    /// <summary>Writes the rows, sorted, to <paramref name="path"/>; returns the number of rows.</summary>
    public static int Write(string path, IEnumerable<FindingRow> rows) =>
        OutputCsvWriter.WriteFile(path, w => Write(w, rows)).Rows;

    /// <summary>Writes the header and the rows, sorted, to <paramref name="w"/>; returns the number of rows.</summary>
    public static int Write(OutputCsvWriter w, IEnumerable<FindingRow> rows) => Write(w, rows, null);

    /// <summary>
    /// As <see cref="Write(OutputCsvWriter, IEnumerable{FindingRow})"/>, with the rows of the partitions a subset re-run
    /// keeps (<paramref name="kept"/>, keyed by bank × type) in their place in the order.
    /// </summary>
    internal static int Write(OutputCsvWriter w, IEnumerable<FindingRow> rows, KeptCsv? kept)
    {
        List<FindingRow> sorted = GroupedSort.Sort(rows, r => (r.Bank, r.Type, r.AccountNo), FindingRow.AccountOrder, FindingRow.Order);
        w.WriteHeader(FindingRow.Header);
        FindingRow? previous = null;
        foreach (FindingRow r in sorted)
        {
            if (kept is not null && (previous is null || previous.Bank != r.Bank || previous.Type != r.Type))
            {
                kept.WriteBefore(w, KeptCsv.PartitionOrderKey(r.Bank, r.Type));
            }
            previous = r;
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
        kept?.WriteBefore(w, null);
        return sorted.Count + (kept?.Kept ?? 0);
    }
}
