using NodaTime;
using Reconcile.Core.Cases;
using Reconcile.Core.Reconciliation;
using Reconcile.Engine.Store;

namespace Reconcile.Application.Export;

/// <summary>A discrepancy open at the end of an exported period, with its history up to then.</summary>
/// <param name="State">The case as it stood at the end of the period.</param>
/// <param name="History">Its events up to the end of the period.</param>
/// <param name="AgeDays">Days from first seen to the period's last day.</param>
public sealed record OpenCase(CaseSummary Summary, Discrepancy Discrepancy, CaseState State, IReadOnlyList<CaseEvent> History, int AgeDays);

/// <summary>
/// Which cases were open (OPEN or PENDING_APPROVAL) at the end of business day <c>to</c>, judged from their events up
/// to then: a run's event counts by its business day, a person's by the Beijing day it was made on. Events after the
/// period are left out, so exporting a past period again gives the same sheet.
/// </summary>
public static class OpenCasesAtEnd
{
    /// <summary>The cases worth fetching in full: first seen by <paramref name="to"/>, and open now or listed in the period.</summary>
    public static bool MayBeOpen(CaseSummary s, LocalDate from, LocalDate to)
    {
        ArgumentNullException.ThrowIfNull(s);
        bool openNow = s.Status is CaseStatus.OPEN or CaseStatus.PENDING_APPROVAL;
        return s.FirstSeen <= to && (openNow || s.LastSeen >= from);
    }

    public static bool OnOrBefore(CaseEvent e, LocalDate to, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.BusinessDate is { } day ? day <= to : e.At.InZone(zone).Date <= to;
    }

    /// <summary>The open ones among <paramref name="details"/>, in the order of discrepancies.csv.</summary>
    public static IReadOnlyList<OpenCase> Select(IEnumerable<CaseDetail> details, LocalDate to, DateTimeZone zone)
    {
        var open = new List<OpenCase>();
        foreach (CaseDetail detail in details)
        {
            List<CaseEvent> history = detail.Timeline.Where(e => OnOrBefore(e, to, zone)).ToList();
            CaseState? state = CaseState.Fold(history);
            if (state is null || state.Status is not (CaseStatus.OPEN or CaseStatus.PENDING_APPROVAL) || detail.Summary.FirstSeen > to)
            {
                continue;
            }
            int age = Period.Between(detail.Summary.FirstSeen, to, PeriodUnits.Days).Days;
            open.Add(new OpenCase(detail.Summary, detail.Discrepancy, state, history, age));
        }
        return open
            .OrderBy(c => c.Summary.Bank.ToString(), StringComparer.Ordinal)
            .ThenBy(c => c.Summary.Type.ToString(), StringComparer.Ordinal)
            .ThenBy(c => c.Summary.AccountNo, StringComparer.Ordinal)
            .ThenBy(c => c.Summary.Category.ToString(), StringComparer.Ordinal)
            .ThenBy(c => c.Summary.BankSerial ?? "", StringComparer.Ordinal)
            .ThenBy(c => string.Join(';', c.Summary.LedgerEntryIds), StringComparer.Ordinal)
            .ThenBy(c => c.Summary.CaseId, StringComparer.Ordinal)
            .ToList();
    }
}
