using CsvHelper;
using Reconcile.Engine.Outputs;
using Reconcile.Engine.Store;

namespace Reconcile.Application;

/// <summary>
/// A case list as CSV (<c>discrepancies list --format csv</c> and the workbench's download): the dialect of the
/// run's CSVs (two decimals, formula-injection guard, CRLF; no BOM).
/// </summary>
public static class CaseListCsv
{
    /// <summary>The columns, in order (also the keys of <c>list --format json</c>).</summary>
    public static readonly string[] Columns =
    [
        "discrepancy_id", "bank", "escrow_type", "escrow_account_no", "category", "direction", "bank_amount",
        "ledger_amount", "bank_serial", "ledger_entry_id", "first_seen", "last_seen", "age_days", "status", "assignee",
        "detail",
    ];

    public static void Write(TextWriter output, IReadOnlyList<CaseSummary> rows)
    {
        using CsvWriter w = CsvWriter.Create(output, OutputCsv.Options, leaveOpen: true);
        w.WriteHeader(Columns);
        foreach (CaseSummary s in rows)
        {
            w.Text(s.CaseId);
            w.Text(s.Bank.ToString());
            w.Text(s.Type.ToString());
            w.Text(s.AccountNo);
            w.Text(s.Category.ToString());
            w.Text(s.Direction?.ToString());
            w.Amount(s.BankAmount);
            w.Amount(s.LedgerAmount);
            w.Text(s.BankSerial);
            w.Text(string.Join(';', s.LedgerEntryIds));
            w.Date(s.FirstSeen);
            w.Date(s.LastSeen);
            w.Number(s.AgeDays);
            w.Text(s.Status.ToString());
            w.Text(s.Assignee);
            w.Text(s.Detail);
            w.EndRecord();
        }
        w.Flush();
    }
}
