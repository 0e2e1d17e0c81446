using NodaTime;
using NodaTime.Text;
using Reconcile.Core.Cases;
using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;
using Reconcile.Engine.Store;

namespace Reconcile.Application.Export;

/// <summary>What an export shows for a period.</summary>
/// <param name="Gaps">Days of the period with no run.</param>
/// <param name="Cases">The cases listed in the period (<see cref="CaseFile"/>).</param>
public sealed record InventoryPeriod(
    LocalDate From,
    LocalDate To,
    IReadOnlyList<InventoryRow> Rows,
    IReadOnlyList<RunRecord> Runs,
    IReadOnlyList<LocalDate> Gaps,
    IReadOnlyList<ExportedCase> Cases)
{
    public int OpenAtEnd => Cases.Count(c => c.OpenAtEnd);

    public int HistoryEvents => Cases.Sum(c => c.Events.Count);
}

/// <summary>
/// The tables of an export, built once and rendered as CSV files or XLSX sheets: 汇总 Summary (per day and
/// bank × escrow type with a day total and the period, unexplained differences both net and absolute), 账户明细
/// Accounts (the rows of inventory.csv), 差异 Cases (every case listed in the period: its state at the period's end
/// and its decision now — status, assignee, resolution, maker, approver), 差异历史 History (every event of those
/// cases: who, when, what, why, how they signed in), 运行 Runs (the runs and their input files by SHA-256, and what
/// each run warned of: a day run again after later days were run).
/// </summary>
public static class ExportTables
{
    public const string SummarySheet = "汇总 Summary";
    public const string AccountsSheet = "账户明细 Accounts";
    public const string CasesSheet = "差异 Cases";
    public const string HistorySheet = "差异历史 History";
    public const string RunsSheet = "运行 Runs";

    public static readonly SheetColumn[] SummaryColumns =
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
        new("未解释差额(净额)", "unexplained_difference_net", ColumnKind.Amount),
        new("未解释差额(绝对值合计)", "unexplained_difference_abs", ColumnKind.Amount),
    ];

    public static readonly SheetColumn[] AccountColumns =
    [
        new("业务日期", "business_date", ColumnKind.Date),
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

    public static readonly SheetColumn[] CaseColumns =
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
        new("首次发现", "first_seen", ColumnKind.Date),
        new("最后发现", "last_seen", ColumnKind.Date),
        new("账龄(天)", "age_days", ColumnKind.Number),
        new("期末状态", "status_at_period_end"),
        new("当前状态", "status_now"),
        new("处理人", "assignee"),
        new("处理结论", "resolution"),
        new("申请人", "resolved_by"),
        new("审批人", "approved_by"),
        new("结案时间(北京)", "decided_at_beijing"),
        new("说明", "detail"),
    ];

    public static readonly SheetColumn[] HistoryColumns =
    [
        new("差异编号", "discrepancy_id"),
        new("时间(北京)", "at_beijing"),
        new("操作人", "by"),
        new("身份验证", "identity"),
        new("事件", "event"),
        new("原因", "reason"),
        new("说明", "text"),
        new("业务日期", "business_date", ColumnKind.Date),
        new("运行编号", "run_id"),
    ];

    public static readonly SheetColumn[] RunColumns =
    [
        new("运行编号", "run_id"),
        new("业务日期", "business_date", ColumnKind.Date),
        new("范围", "scope"),
        new("引擎版本", "engine_version"),
        new("完成时间(北京)", "finished_at_beijing"),
        new("输入文件", "input_file"),
        new("SHA-256", "sha256"),
        new("行数", "rows", ColumnKind.Number),
        new("运行警告", "warning"),
    ];

    /// <summary>Every table of <c>export inventory</c>, in sheet order.</summary>
    public static IReadOnlyList<ExportTable> Inventory(InventoryPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        List<InventoryRow> rows = InventoryOrder.Sort(period.Rows);
        return [Summary(period, rows), Accounts(rows), Cases(period.Cases), History(period.Cases), Runs(period.Runs)];
    }

    /// <summary>The tables of <c>export cases</c>: the case file alone.</summary>
    public static IReadOnlyList<ExportTable> CaseFileTables(InventoryPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        return [Cases(period.Cases), History(period.Cases)];
    }

    public static ExportTable Summary(InventoryPeriod period, List<InventoryRow> rows)
    {
        ArgumentNullException.ThrowIfNull(period);
        var result = new List<ExportRow>();
        var byDay = rows.ToLookup(r => r.BusinessDate);
        var gaps = period.Gaps.ToHashSet();
        for (LocalDate day = period.From; day <= period.To; day = day.PlusDays(1))
        {
            if (gaps.Contains(day) || !byDay.Contains(day))
            {
                result.Add(Row(SummaryColumns.Length, RowMark.Missing, (0, Iso(day)), (1, "无运行 / no run")));
                continue;
            }
            foreach (var group in byDay[day].GroupBy(r => (r.Bank, r.Type)))
            {
                result.Add(SummaryRow(Iso(day), group.Key.Bank.ToString(), group.Key.Type.ToString(), group.ToList(), null));
            }
            result.Add(SummaryRow(Iso(day), "合计 / Total", null, byDay[day].ToList(), RowMark.Total));
        }
        // The period: counts of account-days, the flows and the unexplained differences; balances are not summed across days.
        object?[] period_ = new object?[SummaryColumns.Length];
        period_[0] = $"{Iso(period.From)} – {Iso(period.To)}";
        period_[1] = "期间合计 / Period";
        Counts(period_, rows);
        period_[7] = Sum(rows, r => r.BankCredits);
        period_[8] = Sum(rows, r => r.BankDebits);
        period_[15] = Sum(rows, r => r.Unexplained);
        period_[16] = AbsSum(rows);
        result.Add(new ExportRow(period_, RowMark.Total));
        result.Add(Row(SummaryColumns.Length, period.Gaps.Count > 0 ? RowMark.Missing : RowMark.None,
            (0, "无运行的日期 / Days without a run"),
            (1, period.Gaps.Count == 0 ? "无 / none" : string.Join(", ", period.Gaps.Order().Select(Iso)))));
        return new ExportTable("summary", SummarySheet, SummaryColumns, result);
    }

    private static ExportRow SummaryRow(string day, string bank, string? type, List<InventoryRow> rows, RowMark? mark)
    {
        object?[] c = new object?[SummaryColumns.Length];
        c[0] = day;
        c[1] = bank;
        c[2] = type;
        Counts(c, rows);
        c[7] = Sum(rows, r => r.BankCredits);
        c[8] = Sum(rows, r => r.BankDebits);
        c[9] = Sum(rows, r => r.BankClosing);
        c[10] = Sum(rows, r => r.LedgerBalance);
        c[11] = Sum(rows, r => r.LedgerInNotBank);
        c[12] = Sum(rows, r => r.LedgerOutNotBank);
        c[13] = Sum(rows, r => r.BankInNotLedger);
        c[14] = Sum(rows, r => r.BankOutNotLedger);
        c[15] = Sum(rows, r => r.Unexplained);
        c[16] = AbsSum(rows);
        RowMark m = mark ?? (rows.Any(r => r.Status == InventoryStatus.UNBALANCED) ? RowMark.Unbalanced
            : rows.Any(r => r.Status == InventoryStatus.MISSING_STATEMENT) ? RowMark.Missing : RowMark.None);
        if (mark == RowMark.Total && rows.Any(r => r.Status == InventoryStatus.UNBALANCED))
        {
            m = RowMark.Unbalanced;
        }
        return new ExportRow(c, m);
    }

    private static void Counts(object?[] c, List<InventoryRow> rows)
    {
        c[3] = (long)rows.Count;
        c[4] = (long)rows.Count(r => r.Status == InventoryStatus.BALANCED);
        c[5] = (long)rows.Count(r => r.Status == InventoryStatus.UNBALANCED);
        c[6] = (long)rows.Count(r => r.Status == InventoryStatus.MISSING_STATEMENT);
    }

    public static ExportTable Accounts(List<InventoryRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var result = new List<ExportRow>(rows.Count);
        foreach (InventoryRow r in rows)
        {
            RowMark mark = r.Status switch
            {
                InventoryStatus.UNBALANCED => RowMark.Unbalanced,
                InventoryStatus.MISSING_STATEMENT => RowMark.Missing,
                _ => RowMark.None,
            };
            result.Add(new ExportRow(
                [
                    r.BusinessDate, r.Bank.ToString(), r.Type.ToString(), r.AccountNo, r.BankOpening, r.BankCredits, r.BankDebits,
                    r.BankClosing, r.LedgerBalance, r.LedgerInNotBank, r.LedgerOutNotBank, r.BankInNotLedger, r.BankOutNotLedger,
                    r.AdjustedBank, r.AdjustedLedger, r.Unexplained, r.Status.ToString(),
                ],
                mark));
        }
        return new ExportTable("inventory", AccountsSheet, AccountColumns, result);
    }

    public static ExportTable Cases(IReadOnlyList<ExportedCase> cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var result = new List<ExportRow>(cases.Count);
        foreach (ExportedCase c in cases)
        {
            CaseSummary s = c.Summary;
            CaseState now = c.Now;
            string? resolution = now.Status == CaseStatus.RESOLVED && now.Resolution is { } r ? $"{r} {r.Label()}"
                : now.Pending is { } p ? $"{p.Reason} {p.Reason.Label()} (pending approval)" : null;
            string? maker = now.Status == CaseStatus.RESOLVED ? now.ResolvedBy : now.Pending?.Maker;
            result.Add(new ExportRow(
                [
                    s.CaseId, s.Bank.ToString(), s.Type.ToString(), s.AccountNo, $"{s.Category} {CaseDisplay.CategoryLabel(s.Category)}",
                    s.Direction?.ToString(), s.BankAmount, s.LedgerAmount, s.BankSerial, string.Join(';', s.LedgerEntryIds),
                    c.Discrepancy.ContractNo, c.Discrepancy.SubAccountNo, s.FirstSeen, s.LastSeen, (long)c.AgeDays,
                    c.AtEnd.Status.ToString(), now.Status.ToString(), now.Assignee, resolution, maker, now.ApprovedBy,
                    c.DecidedAt is { } at ? CaseDisplay.BeijingTime(at) : null, s.Detail,
                ]));
        }
        return new ExportTable("cases", CasesSheet, CaseColumns, result);
    }

    public static ExportTable History(IReadOnlyList<ExportedCase> cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var result = new List<ExportRow>();
        foreach (ExportedCase c in cases)
        {
            foreach (CaseEvent e in c.Events)
            {
                string identity = e.By == "system" ? "system" : e.Identity?.ToString().ToLowerInvariant() ?? "unauthenticated";
                result.Add(new ExportRow(
                    [
                        e.CaseId, CaseDisplay.BeijingTime(e.At), e.By, identity, e.Kind.ToString(),
                        e.Reason is { } r ? $"{r} {r.Label()}" : null, e.Text, e.BusinessDate, e.RunId,
                    ]));
            }
        }
        return new ExportTable("history", HistorySheet, HistoryColumns, result);
    }

    public static ExportTable Runs(IReadOnlyList<RunRecord> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var result = new List<ExportRow>();
        foreach (RunRecord run in ExportManifest.Ordered(runs))
        {
            IEnumerable<InputFile?> inputs = run.Inputs.Count == 0 ? [null] : run.Inputs.OrderBy(i => i.Path, StringComparer.Ordinal);
            foreach (InputFile? input in inputs)
            {
                result.Add(new ExportRow(
                    [
                        run.RunId, run.BusinessDate, run.Scope.ToString(), run.EngineVersion, CaseDisplay.BeijingTime(run.FinishedAt),
                        input?.Path, input?.Sha256, input is null ? null : input.Rows, run.Warning,
                    ]));
            }
        }
        return new ExportTable("runs", RunsSheet, RunColumns, result);
    }

    private static ExportRow Row(int width, RowMark mark, params (int Index, object? Value)[] cells)
    {
        object?[] c = new object?[width];
        foreach ((int i, object? v) in cells)
        {
            c[i] = v;
        }
        return new ExportRow(c, mark);
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

    /// <summary>The sum of the absolute unexplained differences: +1,000.00 and −500.00 give 1,500.00 (the net gives 500.00).</summary>
    private static Money? AbsSum(List<InventoryRow> rows)
    {
        Money total = Money.Zero;
        bool any = false;
        foreach (InventoryRow r in rows)
        {
            if (r.Unexplained is { } m)
            {
                total += m.IsNegative ? -m : m;
                any = true;
            }
        }
        return any ? total : null;
    }

    private static string Iso(LocalDate d) => LocalDatePattern.Iso.Format(d);
}
