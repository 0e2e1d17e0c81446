using Reconcile.Core.Cases;
using Reconcile.Core.Model;
using Reconcile.Engine.Store;

namespace Reconcile.Application;

/// <summary>
/// The filters a person adds to the store's <see cref="CaseQuery"/>: who the case is assigned to, and a search by
/// case id, bank serial, ledger entry id or contract (any part, ignoring case).
/// </summary>
public sealed record CaseFilter(CaseQuery Query, string? Assignee = null, string? Search = null);

/// <summary>A page of the filtered cases, most severe first.</summary>
public sealed record CasePage(IReadOnlyList<CaseSummary> Rows, int Total, int PageNumber, int PageSize)
{
    public int Pages => PageSize <= 0 ? 1 : Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>
/// Case lists as finance reads them, for the CLI and the workbench alike: the filters (applied here too, so their
/// meaning lives in one readable place), severity order and paging.
/// </summary>
public static class CaseQueries
{
    /// <summary>The filtered cases of the store, most severe first.</summary>
    public static async Task<List<CaseSummary>> ListAsync(IReconcileStore store, CaseFilter filter, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(filter);
        IReadOnlyList<CaseSummary> found = await store.ListCasesAsync(filter.Query, ct).ConfigureAwait(false);
        return BySeverity(found.Where(s => Matches(filter, s)));
    }

    /// <summary>Page <paramref name="pageNumber"/> (from 1) of <paramref name="pageSize"/> rows.</summary>
    public static async Task<CasePage> PageAsync(IReconcileStore store, CaseFilter filter, int pageNumber, int pageSize, CancellationToken ct = default)
    {
        List<CaseSummary> all = await ListAsync(store, filter, ct).ConfigureAwait(false);
        int pages = Math.Max(1, (all.Count + pageSize - 1) / pageSize);
        int page = Math.Clamp(pageNumber, 1, pages);
        return new CasePage(all.Skip((page - 1) * pageSize).Take(pageSize).ToList(), all.Count, page, pageSize);
    }

    public static bool Matches(CaseFilter filter, CaseSummary s)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return Matches(filter.Query, s)
            && (string.IsNullOrWhiteSpace(filter.Assignee) || (s.Assignee is { } a && CaseWorkflow.SamePerson(a, filter.Assignee)))
            && (string.IsNullOrWhiteSpace(filter.Search) || Contains(s, filter.Search.Trim()));
    }

    /// <summary>
    /// Whether a case passes the query's filters. The store filters too (in its read model); applying the same
    /// filters here keeps their meaning in one readable place: minimum amount compares the larger side, minimum age the age in days.
    /// </summary>
    public static bool Matches(CaseQuery query, CaseSummary s)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(s);
        return InStatus(query.Status, s.Status)
            && (query.Bank is null || query.Bank == s.Bank)
            && (query.Type is null || query.Type == s.Type)
            && (query.Category is null || query.Category == s.Category)
            && (query.MinAgeDays is null || s.AgeDays >= query.MinAgeDays)
            && (query.MinAmount is null || MaxAmount(s) >= query.MinAmount.Value);
    }

    /// <summary>open: OPEN, REOPENED and PENDING_APPROVAL; resolved: RESOLVED and AUTO_CLEARED; superseded: SUPERSEDED; all: every status.</summary>
    public static bool InStatus(CaseStatusFilter filter, CaseStatus status) => filter switch
    {
        CaseStatusFilter.Open => CaseState.IsOpenStatus(status),
        CaseStatusFilter.Resolved => status is CaseStatus.RESOLVED or CaseStatus.AUTO_CLEARED,
        CaseStatusFilter.Superseded => status is CaseStatus.SUPERSEDED,
        _ => true,
    };

    private static bool Contains(CaseSummary s, string needle) =>
        s.CaseId.Contains(needle, StringComparison.OrdinalIgnoreCase)
        || (s.BankSerial?.Contains(needle, StringComparison.OrdinalIgnoreCase) ?? false)
        || s.LedgerEntryIds.Any(id => id.Contains(needle, StringComparison.OrdinalIgnoreCase))
        || s.Detail.Contains(needle, StringComparison.OrdinalIgnoreCase);

    /// <summary>The larger of the two sides (what the minimum amount, severity and maker-checker look at).</summary>
    public static Money MaxAmount(CaseSummary s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return Money.Max(s.BankAmount ?? Money.Zero, s.LedgerAmount ?? Money.Zero);
    }

    /// <summary>Severity = amount (the larger side, in fen) × (age in days + 1), so a finding raised today still ranks by its amount.</summary>
    public static decimal Severity(CaseSummary s) => (decimal)MaxAmount(s).Fen * (s.AgeDays + 1);

    /// <summary>Most severe first; ties by case id (ordinal).</summary>
    public static List<CaseSummary> BySeverity(IEnumerable<CaseSummary> cases) => cases
        .Select(c => (Case: c, Severity: Severity(c)))
        .OrderByDescending(x => x.Severity)
        .ThenBy(x => x.Case.CaseId, StringComparer.Ordinal)
        .Select(x => x.Case)
        .ToList();
}
