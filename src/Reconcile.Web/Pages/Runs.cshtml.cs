using NodaTime;
using Reconcile.Engine.Store;

namespace Reconcile.Web.Pages;

/// <summary>Each run of a period with, per bank × escrow type, what the ladder matched and what it left.</summary>
public sealed class RunsModel(IReconcileStore store, IClock clock) : WorkbenchPage
{
    public LocalDate From { get; private set; }

    public LocalDate To { get; private set; }

    public IReadOnlyList<RunRecord> Runs { get; private set; } = [];

    public async Task OnGetAsync(string? from, string? to)
    {
        (From, To, Problem) = await ShownPeriod.ResolveAsync(store, clock, from, to, HttpContext.RequestAborted);
        Runs = (await store.RunsAsync(From, To, HttpContext.RequestAborted)).OrderByDescending(r => r.BusinessDate).ThenByDescending(r => r.FinishedAt).ToList();
    }

    /// <summary>Matched pairs over everything the day had to explain (pairs, items in transit, discrepancies).</summary>
    public static string AutoMatchRate(int matched, int inTransit, int discrepancies)
    {
        int all = matched + inTransit + discrepancies;
        return all == 0 ? "—" : (100m * matched / all).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " %";
    }
}
