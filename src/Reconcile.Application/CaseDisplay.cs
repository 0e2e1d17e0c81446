using NodaTime;
using NodaTime.Text;
using Reconcile.Core.Cases;
using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;
using Reconcile.Engine.Store;

namespace Reconcile.Application;

/// <summary>
/// How a case reads to a person, the same in the terminal and the workbench: Beijing time, the Chinese category
/// labels, the status line, and what each timeline event did and why.
/// </summary>
public static class CaseDisplay
{
    /// <summary>Business time: every time a person reads is Beijing time.</summary>
    public static readonly DateTimeZone Beijing = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    private static readonly LocalDateTimePattern s_time = LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm:ss");

    /// <summary>Beijing local time of an instant, "yyyy-MM-dd HH:mm:ss".</summary>
    public static string BeijingTime(Instant at) => s_time.Format(at.InZone(Beijing).LocalDateTime);

    public static string Iso(LocalDate d) => LocalDatePattern.Iso.Format(d);

    public static string CategoryLabel(Category c) => c switch
    {
        Category.BANK_ONLY => "银行单边",
        Category.LEDGER_ONLY => "企业单边",
        Category.AMOUNT_MISMATCH => "金额不符",
        Category.DIRECTION_MISMATCH => "方向不符",
        Category.STATUS_MISMATCH => "状态不符",
        Category.DUPLICATE => "重复",
        Category.WRONG_SUB_ACCOUNT => "归属错误",
        Category.BALANCE_BREAK => "余额不连续",
        Category.MISSING_STATEMENT => "对账单缺失",
        Category.AMBIGUOUS => "多重匹配",
        _ => c.ToString(),
    };

    /// <summary>The status with the pending or final resolution and the assignee.</summary>
    public static string StatusLine(CaseSummary s, CaseState state)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(state);
        string text = s.Status.ToString();
        if (state.Pending is { } p)
        {
            string asked = p.Action == PendingAction.Unmatch ? "undoing the pairing (取消配对)" : $"{p.Reason} ({p.Reason.Label()})";
            text += $" — {asked} requested by {p.Maker} at {BeijingTime(p.RequestedAt)}, waits for another person's approval";
        }
        else if (state.Status == CaseStatus.RESOLVED && state.Resolution is { } r)
        {
            text += $" — {r} ({r.Label()}) by {state.ResolvedBy}" + (state.ApprovedBy is null ? "" : $", approved by {state.ApprovedBy}");
            if (state.Pairing is { } pairing)
            {
                text += $": {pairing.Describe()}";
            }
        }
        else if (state.Status == CaseStatus.SUPERSEDED)
        {
            text += $" — the re-run of {(state.SupersededOn is { } d ? Iso(d) : "its day")} no longer lists it (closed; a later run that lists it again opens it again)";
        }
        else if (state.Status == CaseStatus.AUTO_CLEARED && state.ClearedOn is { } cleared)
        {
            text += $" — a later statement matched it on {Iso(cleared)}";
        }
        return text + $"   assignee: {s.Assignee ?? "nobody"}";
    }

    /// <summary>What a timeline event did ("RESOLVED ADJUSTED (调账)", "ASSIGNED → 王五").</summary>
    public static string What(CaseEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        string what = e.Kind.ToString();
        if (e.Reason is { } r && e.Kind is CaseEventKind.RESOLVED or CaseEventKind.RESOLUTION_REQUESTED or CaseEventKind.APPROVED)
        {
            what += $" {r} ({r.Label()})";
        }
        if (e.Kind == CaseEventKind.ASSIGNED)
        {
            what += $" → {e.Text}";
        }
        if (e.Kind == CaseEventKind.SUPERSEDED)
        {
            what += " (the re-run of the day no longer lists it)";
        }
        return what;
    }

    /// <summary>Its note or text, business day and run.</summary>
    public static string Why(CaseEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var parts = new List<string>();
        if (e.Kind != CaseEventKind.ASSIGNED && !string.IsNullOrEmpty(e.Text))
        {
            parts.Add(e.Text);
        }
        if (e.BusinessDate is { } day)
        {
            parts.Add($"business day {Iso(day)}");
        }
        if (e.RunId is { } run)
        {
            parts.Add($"run {run}");
        }
        return string.Join("; ", parts);
    }

    /// <summary>One line on an open item: the bank line's counterparty and memo, or the entry's kind, contract and remark.</summary>
    public static string ItemLine(OpenItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.BankLine is { } l)
        {
            return Join(Iso(l.BookingDate), l.CounterpartyName, l.Summary, l.Memo);
        }
        LedgerEntry e = item.Entry!;
        return Join(Iso(e.AccountingDate), e.Kind.ToString(), e.ContractNo, e.CounterpartyName, e.Remark);
    }

    public static string EffectLine(ProofEffect e) => e == ProofEffect.None
        ? "none"
        : $"ledger_in_not_bank {e.LedgerInNotBank}, ledger_out_not_bank {e.LedgerOutNotBank}, bank_in_not_ledger {e.BankInNotLedger}, bank_out_not_ledger {e.BankOutNotLedger}";

    public static string? Labelled(string label, string? value) => string.IsNullOrEmpty(value) ? null : $"{label} {value}";

    /// <summary>The non-empty parts, two spaces apart; "—" when there are none.</summary>
    public static string Join(params string?[] parts)
    {
        string joined = string.Join("  ", parts.Where(p => !string.IsNullOrWhiteSpace(p)));
        return joined.Length == 0 ? "—" : joined;
    }
}
