using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Reconcile.Application;
using Reconcile.Core.Model;
using Reconcile.Engine.Store;

namespace Reconcile.Web.Pages.Discrepancies;

/// <summary>The case list: the CLI's filters, severity order, pages of 50, bulk assign, CSV and XLSX download.</summary>
public sealed class IndexModel(IReconcileStore store, CaseActions actions) : WorkbenchPage
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Bank { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Type { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Category { get; set; }

    [BindProperty(SupportsGet = true, Name = "min_age")]
    public string? MinAge { get; set; }

    [BindProperty(SupportsGet = true, Name = "min_amount")]
    public string? MinAmount { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Assignee { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public CasePage Cases { get; private set; } = new([], 0, 1, PageSize);

    public List<string> FilterProblems { get; } = [];

    public async Task OnGetAsync() => Cases = await CaseQueries.PageAsync(store, Filter(), PageNumber, PageSize, HttpContext.RequestAborted);

    public async Task<IActionResult> OnGetCsvAsync()
    {
        List<CaseSummary> rows = await CaseQueries.ListAsync(store, Filter(), HttpContext.RequestAborted);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        CaseListCsv.Write(text, rows);
        return File(new System.Text.UTF8Encoding(false).GetBytes(text.ToString()), "text/csv; charset=utf-8", "discrepancies.csv");
    }

    public async Task<IActionResult> OnGetXlsxAsync()
    {
        List<CaseSummary> rows = await CaseQueries.ListAsync(store, Filter(), HttpContext.RequestAborted);
        return File(CaseListWorkbook.Build(rows), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "discrepancies.xlsx");
    }

    /// <summary>Assigns every selected case to one person; refusals are named, the others go through.</summary>
    public async Task<IActionResult> OnPostAssignAsync(string[]? ids, string? to)
    {
        ids ??= [];
        if (ids.Length == 0 || string.IsNullOrWhiteSpace(to))
        {
            Cases = await CaseQueries.PageAsync(store, Filter(), PageNumber, PageSize, HttpContext.RequestAborted);
            return Refused("Select at least one case and name the person to assign them to. 请选择差错并填写指派人。");
        }
        var refused = new List<string>();
        int done = 0;
        foreach (string id in ids.Distinct(StringComparer.Ordinal))
        {
            try
            {
                await actions.AssignAsync(Actor, id, to, HttpContext.RequestAborted);
                done++;
            }
            catch (RefusedException e)
            {
                refused.Add($"{id}: {e.Message}");
            }
        }
        if (done == 0)
        {
            Cases = await CaseQueries.PageAsync(store, Filter(), PageNumber, PageSize, HttpContext.RequestAborted);
            return Refused(string.Join("; ", refused));
        }
        Flash = $"{done} case(s) assigned to {to.Trim()}" + (refused.Count > 0 ? $"; refused: {string.Join("; ", refused)}" : "");
        return Redirect(Request.Path + QueryString());
    }

    /// <summary>The current filters as a query string (for paging and the downloads), without the page number.</summary>
    public string QueryString(int? page = null, string? handler = null)
    {
        var parts = new List<string>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                parts.Add($"{key}={Uri.EscapeDataString(value)}");
            }
        }
        Add("handler", handler);
        Add("status", Status);
        Add("bank", Bank);
        Add("type", Type);
        Add("category", Category);
        Add("min_age", MinAge);
        Add("min_amount", MinAmount);
        Add("assignee", Assignee);
        Add("q", Q);
        if (page is > 1)
        {
            parts.Add($"page={page}");
        }
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    private CaseFilter Filter()
    {
        CaseStatusFilter status = (Status ?? "open").ToLowerInvariant() switch
        {
            "resolved" => CaseStatusFilter.Resolved,
            "superseded" => CaseStatusFilter.Superseded,
            "all" => CaseStatusFilter.All,
            "open" => CaseStatusFilter.Open,
            string other => Bad<CaseStatusFilter>("status", other, CaseStatusFilter.Open),
        };
        int? minAge = null;
        if (!string.IsNullOrWhiteSpace(MinAge))
        {
            minAge = int.TryParse(MinAge, NumberStyles.None, CultureInfo.InvariantCulture, out int a) ? a : Bad<int?>("minimum age", MinAge, null);
        }
        Money? minAmount = null;
        if (!string.IsNullOrWhiteSpace(MinAmount))
        {
            minAmount = Money.TryParseYuan(MinAmount.Trim(), out Money m) && !m.IsNegative ? m : Bad<Money?>("minimum amount", MinAmount, null);
        }
        var query = new CaseQuery(status, Enum<Bank>("bank", Bank), Enum<EscrowType>("type", Type), Enum<Category>("category", Category), minAge, minAmount);
        return new CaseFilter(query, Assignee, Q);
    }

    private TEnum? Enum<TEnum>(string what, string? value)
        where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        return System.Enum.TryParse(value.Trim(), ignoreCase: true, out TEnum parsed) && System.Enum.IsDefined(parsed) && !value.Trim().All(char.IsDigit)
            ? parsed
            : Bad<TEnum?>(what, value, null);
    }

    private T Bad<T>(string what, string value, T fallback)
    {
        FilterProblems.Add($"'{value}' is not a valid {what}: the filter is ignored");
        return fallback;
    }
}
