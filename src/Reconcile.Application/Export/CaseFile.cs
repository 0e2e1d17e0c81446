using NodaTime;
using Reconcile.Core.Cases;
using Reconcile.Core.Reconciliation;
using Reconcile.Engine.Store;

namespace Reconcile.Application.Export;

/// <summary>A case listed in an exported period, with where it stood at the period's end and where it stands now.</summary>
/// <param name="AtEnd">The case as it stood at the end of the period (its events up to then).</param>
/// <param name="Now">The case with every decision recorded so far (all its events).</param>
/// <param name="Events">Every event of the case, in timeline order: the full history, decisions after the period included.</param>
/// <param name="AgeDays">Days from first seen to the period's last day.</param>
public sealed record ExportedCase(CaseSummary Summary, Discrepancy Discrepancy, CaseState AtEnd, CaseState Now, IReadOnlyList<CaseEvent> Events, int AgeDays)
{
    public bool OpenAtEnd => AtEnd.IsOpen;

    /// <summary>When the resolution now in force took effect (the RESOLVED or APPROVED event), if any.</summary>
    public Instant? DecidedAt => Now.Status == CaseStatus.RESOLVED
        ? Events.LastOrDefault(e => e.Kind is CaseEventKind.RESOLVED or CaseEventKind.APPROVED)?.At
        : null;
}

/// <summary>
/// The case file of a period: every case listed in it (first seen on or before its last day, last seen on or after
/// its first), each with its state at the period's end — judged from its events up to then: a run's event counts by
/// its business day, a person's by the Beijing day it was made on — and its state now, with every event. Exporting
/// the same period again gives the same file as long as no decision was added since.
/// </summary>
public static class CaseFile
{
    /// <summary>Whether the case was listed in the period.</summary>
    public static bool Listed(CaseSummary s, LocalDate from, LocalDate to)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s.FirstSeen <= to && s.LastSeen >= from;
    }

    public static bool OnOrBefore(CaseEvent e, LocalDate to, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.BusinessDate is { } day ? day <= to : e.At.InZone(zone).Date <= to;
    }

    /// <summary>The listed ones among <paramref name="details"/>, in the order of discrepancies.csv.</summary>
    public static IReadOnlyList<ExportedCase> Select(IEnumerable<CaseDetail> details, LocalDate from, LocalDate to, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(details);
        var cases = new List<ExportedCase>();
        foreach (CaseDetail detail in details)
        {
            if (!Listed(detail.Summary, from, to))
            {
                continue;
            }
            CaseState atEnd = CaseState.Fold(detail.Timeline.Where(e => OnOrBefore(e, to, zone))) ?? CaseState.Raised(detail.Summary.CaseId);
            CaseState now = CaseState.Fold(detail.Timeline) ?? CaseState.Raised(detail.Summary.CaseId);
            int age = Period.Between(detail.Summary.FirstSeen, to, PeriodUnits.Days).Days;
            cases.Add(new ExportedCase(detail.Summary, detail.Discrepancy, atEnd, now, detail.Timeline, age));
        }
        return cases
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
