using ClosedXML.Excel;
using NodaTime;
using NodaTime.Text;

using Reconcile.Core.Cases;
using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;
using Reconcile.Engine.Outputs;
using Reconcile.Engine.Store;

namespace Reconcile.Application.Export;

/// <summary>What an inventory workbook shows for a period.</summary>
/// <param name="Gaps">Days of the period with no run.</param>
public sealed record InventoryPeriod(
    LocalDate From,
    LocalDate To,
    IReadOnlyList<InventoryRow> Rows,
    IReadOnlyList<RunRecord> Runs,
    IReadOnlyList<LocalDate> Gaps,
    IReadOnlyList<OpenCase> OpenCases);

/// <summary>
/// The inventory of a period as an XLSX workbook (ClosedXML): 汇总 Summary (per day and bank × escrow type, with a
/// day total, the period's counts and the days without a run), 账户明细 Accounts (the rows of inventory.csv),
/// 未结差异 Open discrepancies (open at the end of the period), 差异历史 History (their events), 运行 Runs (the runs
/// and their input files by SHA-256). The same period and store give the same bytes (see <see cref="DeterministicZip"/>).
/// </summary>
public static class InventoryWorkbook
{
    public const string SummarySheet = "汇总 Summary";
    public const string AccountsSheet = "账户明细 Accounts";
    public const string OpenSheet = "未结差异 Open discrepancies";
    public const string HistorySheet = "差异历史 History";
    public const string RunsSheet = "运行 Runs";

    /// <summary>Rows that do not balance.</summary>
    public static readonly XLColor Unbalanced = XLColor.FromArgb(0xFF, 0xC7, 0xCE);

    /// <summary>Missing statements and days without a run.</summary>
    public static readonly XLColor Missing = XLColor.FromArgb(0xFF, 0xEB, 0x9C);

    private static readonly SheetColumn[] s_summary =
    [
        new("业务日期", "business_date"),
        new("银行", "bank"),
        new("存管类型", "escrow_type"),
        new("账户数", "accounts", ColumnKind.Number),
        new("平衡", "balanced", ColumnKind.Number),
        new("不平", "unbalanced", ColumnKind.Number),
        new("对账单缺失", "missing_statement", ColumnKind.Number),
        new("银行收入", "bank_credits", ColumnKind.Amount),
        new("银行支出", "bank_debits", ColumnKind.Amount),
        new("银行余额", "bank_closing_balance", ColumnKind.Amount),
        new("账面余额", "ledger_balance", ColumnKind.Amount),
        new("企业已收银行未收", "ledger_in_not_bank", ColumnKind.Amount),
        new("企业已付银行未付", "ledger_out_not_bank", ColumnKind.Amount),
        new("银行已收企业未收", "bank_in_not_ledger", ColumnKind.Amount),
        new("银行已付企业未付", "bank_out_not_ledger", ColumnKind.Amount),
        new("未解释差额", "unexplained_difference", ColumnKind.Amount),
    ];

    private static readonly SheetColumn[] s_accounts =
    [
        new("业务日期", "business_date"),
        new("银行", "bank"),
        new("存管类型", "escrow_type"),
        new("存管账号", "escrow_account_no"),
        new("银行期初余额", "bank_opening_balance", ColumnKind.Amount),
        new("银行收入", "bank_credits", ColumnKind.Amount),
        new("银行支出", "bank_debits", ColumnKind.Amount),
        new("银行期末余额", "bank_closing_balance", ColumnKind.Amount),
        new("账面余额", "ledger_balance", ColumnKind.Amount),
        new("企业已收银行未收", "ledger_in_not_bank", ColumnKind.Amount),
        new("企业已付银行未付", "ledger_out_not_bank", ColumnKind.Amount),
        new("银行已收企业未收", "bank_in_not_ledger", ColumnKind.Amount),
        new("银行已付企业未付", "bank_out_not_ledger", ColumnKind.Amount),
        new("调节后银行余额", "adjusted_bank_balance", ColumnKind.Amount),
        new("调节后账面余额", "adjusted_ledger_balance", ColumnKind.Amount),
        new("未解释差额", "unexplained_difference", ColumnKind.Amount),
        new("状态", "status"),
    ];

    private static readonly SheetColumn[] s_open =
    [
        new("差异编号", "discrepancy_id"),
        new("银行", "bank"),
        new("存管类型", "escrow_type"),
        new("存管账号", "escrow_account_no"),
        new("差异类型", "category"),
        new("方向", "direction"),
        new("银行金额", "bank_amount", ColumnKind.Amount),
        new("企业金额", "ledger_amount", ColumnKind.Amount),
        new("银行流水号", "bank_serial"),
        new("企业流水号", "ledger_entry_id"),
        new("合同号", "contract_no"),
        new("子账户", "sub_account_no"),
        new("首次发现", "first_seen"),
        new("账龄(天)", "age_days", ColumnKind.Number),
        new("状态", "status"),
        new("处理人", "assignee"),
        new("说明", "detail"),
    ];

    private static readonly SheetColumn[] s_history =
    [
        new("差异编号", "discrepancy_id"),
        new("时间(北京)", "at_beijing"),
        new("操作人", "by"),
        new("事件", "event"),
        new("原因", "reason"),
        new("说明", "text"),
        new("业务日期", "business_date"),
        new("运行编号", "run_id"),
    ];

    private static readonly SheetColumn[] s_runs =
    [
        new("运行编号", "run_id"),
        new("业务日期", "business_date"),
        new("范围", "scope"),
        new("引擎版本", "engine_version"),
        new("完成时间(北京)", "finished_at_beijing"),
        new("输入文件", "input_file"),
        new("SHA-256", "sha256"),
        new("行数", "rows", ColumnKind.Number),
    ];

    /// <summary>The workbook's bytes, deterministic for the same period.</summary>
    public static byte[] Build(InventoryPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        using var workbook = new XLWorkbook();
        DateTime stamp = Stamp(period);
        workbook.Properties.Created = stamp;
        workbook.Properties.Modified = stamp;
        workbook.Properties.Author = "reconcile";
        workbook.Properties.Title = $"资金盘点 Fund inventory {Iso(period.From)} – {Iso(period.To)}";

        List<InventoryRow> rows = InventoryOrder.Sort(period.Rows);
        WriteSummary(workbook, period, rows);
        WriteAccounts(workbook, rows);
        WriteOpenCases(workbook, period.OpenCases);
        WriteHistory(workbook, period.OpenCases);
        WriteRuns(workbook, period.Runs);

        using var buffer = new MemoryStream();
        workbook.SaveAs(buffer);
        return DeterministicZip.Normalize(buffer.ToArray());
    }

    /// <summary>The workbook's created/modified time: when the latest run of the period finished (else the period's last day).</summary>
    public static DateTime Stamp(InventoryPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        Instant at = period.Runs.Count > 0
            ? period.Runs.Max(r => r.FinishedAt)
            : period.To.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant();
        return at.ToDateTimeUtc();
    }

    private static void WriteSummary(XLWorkbook workbook, InventoryPeriod period, List<InventoryRow> rows)
    {
        var w = new SheetWriter(workbook, SummarySheet, s_summary);
        var byDay = rows.ToLookup(r => r.BusinessDate);
        var gaps = period.Gaps.ToHashSet();
        for (LocalDate day = period.From; day <= period.To; day = day.PlusDays(1))
        {
            if (gaps.Contains(day) || !byDay.Contains(day))
            {
                w.Text(1, Iso(day));
                w.Text(2, "无运行 / no run");
                w.Highlight(Missing);
                w.NextRow();
                continue;
            }
            foreach (var group in byDay[day].GroupBy(r => (r.Bank, r.Type)))
            {
                SummaryRow(w, day, group.Key.Bank.ToString(), group.Key.Type.ToString(), group.ToList());
            }
            SummaryRow(w, day, "合计 / Total", "", byDay[day].ToList(), bold: true);
        }
        // The period: counts of account-days and the flows; balances are not summed across days.
        w.Text(1, $"{Iso(period.From)} – {Iso(period.To)}");
        w.Text(2, "期间合计 / Period");
        Counts(w, rows);
        w.Amount(8, Sum(rows, r => r.BankCredits));
        w.Amount(9, Sum(rows, r => r.BankDebits));
        w.Bold();
        w.NextRow();
        w.NextRow();
        w.Text(1, "无运行的日期 / Days without a run");
        w.Text(2, period.Gaps.Count == 0 ? "无 / none" : string.Join(", ", period.Gaps.Order().Select(Iso)));
        if (period.Gaps.Count > 0)
        {
            w.Highlight(Missing);
        }
        w.NextRow();
        w.Finish();
    }

    private static void SummaryRow(SheetWriter w, LocalDate day, string bank, string type, List<InventoryRow> rows, bool bold = false)
    {
        w.Text(1, Iso(day));
        w.Text(2, bank);
        w.Text(3, type);
        Counts(w, rows);
        w.Amount(8, Sum(rows, r => r.BankCredits));
        w.Amount(9, Sum(rows, r => r.BankDebits));
        w.Amount(10, Sum(rows, r => r.BankClosing));
        w.Amount(11, Sum(rows, r => r.LedgerBalance));
        w.Amount(12, Sum(rows, r => r.LedgerInNotBank));
        w.Amount(13, Sum(rows, r => r.LedgerOutNotBank));
        w.Amount(14, Sum(rows, r => r.BankInNotLedger));
        w.Amount(15, Sum(rows, r => r.BankOutNotLedger));
        w.Amount(16, Sum(rows, r => r.Unexplained));
        if (rows.Any(r => r.Status == InventoryStatus.UNBALANCED))
        {
            w.Highlight(Unbalanced);
        }
        else if (rows.Any(r => r.Status == InventoryStatus.MISSING_STATEMENT))
        {
            w.Highlight(Missing);
        }
        if (bold)
        {
            w.Bold();
        }
        w.NextRow();
    }

    private static void Counts(SheetWriter w, List<InventoryRow> rows)
    {
        w.Number(4, rows.Count);
        w.Number(5, rows.Count(r => r.Status == InventoryStatus.BALANCED));
        w.Number(6, rows.Count(r => r.Status == InventoryStatus.UNBALANCED));
        w.Number(7, rows.Count(r => r.Status == InventoryStatus.MISSING_STATEMENT));
    }

    private static void WriteAccounts(XLWorkbook workbook, List<InventoryRow> rows)
    {
        var w = new SheetWriter(workbook, AccountsSheet, s_accounts);
        foreach (InventoryRow r in rows)
        {
            w.Text(1, Iso(r.BusinessDate));
            w.Text(2, r.Bank.ToString());
            w.Text(3, r.Type.ToString());
            w.Text(4, r.AccountNo);
            w.Amount(5, r.BankOpening);
            w.Amount(6, r.BankCredits);
            w.Amount(7, r.BankDebits);
            w.Amount(8, r.BankClosing);
            w.Amount(9, r.LedgerBalance);
            w.Amount(10, r.LedgerInNotBank);
            w.Amount(11, r.LedgerOutNotBank);
            w.Amount(12, r.BankInNotLedger);
            w.Amount(13, r.BankOutNotLedger);
            w.Amount(14, r.AdjustedBank);
            w.Amount(15, r.AdjustedLedger);
            w.Amount(16, r.Unexplained);
            w.Text(17, r.Status.ToString());
            if (r.Status == InventoryStatus.UNBALANCED)
            {
                w.Highlight(Unbalanced);
            }
            else if (r.Status == InventoryStatus.MISSING_STATEMENT)
            {
                w.Highlight(Missing);
            }
            w.NextRow();
        }
        w.Finish();
    }

    private static void WriteOpenCases(XLWorkbook workbook, IReadOnlyList<OpenCase> cases)
    {
        var w = new SheetWriter(workbook, OpenSheet, s_open);
        foreach (OpenCase c in cases)
        {
            CaseSummary s = c.Summary;
            w.Text(1, s.CaseId);
            w.Text(2, s.Bank.ToString());
            w.Text(3, s.Type.ToString());
            w.Text(4, s.AccountNo);
            w.Text(5, $"{s.Category} {CaseDisplay.CategoryLabel(s.Category)}");
            w.Text(6, s.Direction?.ToString());
            w.Amount(7, s.BankAmount);
            w.Amount(8, s.LedgerAmount);
            w.Text(9, s.BankSerial);
            w.Text(10, string.Join(';', s.LedgerEntryIds));
            w.Text(11, c.Discrepancy.ContractNo);
            w.Text(12, c.Discrepancy.SubAccountNo);
            w.Text(13, Iso(s.FirstSeen));
            w.Number(14, c.AgeDays);
            w.Text(15, c.State.Status.ToString());
            w.Text(16, c.State.Assignee);
            w.Text(17, s.Detail);
            w.NextRow();
        }
        w.Finish();
    }

    private static void WriteHistory(XLWorkbook workbook, IReadOnlyList<OpenCase> cases)
    {
        var w = new SheetWriter(workbook, HistorySheet, s_history);
        foreach (OpenCase c in cases)
        {
            foreach (CaseEvent e in c.History)
            {
                w.Text(1, e.CaseId);
                w.Text(2, CaseDisplay.BeijingTime(e.At));
                w.Text(3, e.By);
                w.Text(4, e.Kind.ToString());
                w.Text(5, e.Reason is { } r ? $"{r} {r.Label()}" : null);
                w.Text(6, e.Text);
                w.Text(7, e.BusinessDate is { } d ? Iso(d) : null);
                w.Text(8, e.RunId);
                w.NextRow();
            }
        }
        w.Finish();
    }

    private static void WriteRuns(XLWorkbook workbook, IReadOnlyList<RunRecord> runs)
    {
        var w = new SheetWriter(workbook, RunsSheet, s_runs);
        foreach (RunRecord run in ExportManifest.Ordered(runs))
        {
            IEnumerable<InputFile?> inputs = run.Inputs.Count == 0 ? [null] : run.Inputs.OrderBy(i => i.Path, StringComparer.Ordinal);
            foreach (InputFile? input in inputs)
            {
                w.Text(1, run.RunId);
                w.Text(2, Iso(run.BusinessDate));
                w.Text(3, run.Scope.ToString());
                w.Text(4, run.EngineVersion);
                w.Text(5, CaseDisplay.BeijingTime(run.FinishedAt));
                if (input is not null)
                {
                    w.Text(6, input.Path);
                    w.Text(7, input.Sha256);
                    w.Number(8, input.Rows);
                }
                w.NextRow();
            }
        }
        w.Finish();
    }

    private static Money? Sum(List<InventoryRow> rows, Func<InventoryRow, Money?> pick)
    {
        Money total = Money.Zero;
        bool any = false;
        foreach (InventoryRow r in rows)
        {
            if (pick(r) is { } m)
            {
                total += m;
                any = true;
            }
        }
        return any ? total : null;
    }

    private static string Iso(LocalDate d) => LocalDatePattern.Iso.Format(d);
}
