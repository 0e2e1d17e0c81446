using NodaTime;
using NodaTime.Text;
using Reconcile.Application;
using Reconcile.Engine.Store;

namespace Reconcile.Web.Pages;

/// <summary>The period a page shows: as asked, else the 30 days up to the latest run (or up to today in Beijing).</summary>
public static class ShownPeriod
{
    public const int DefaultDays = 30;

    public static async Task<(LocalDate From, LocalDate To, string? Problem)> ResolveAsync(IReconcileStore store, IClock clock, string? from, string? to, CancellationToken ct)
    {
        LocalDate today = clock.GetCurrentInstant().InZone(CaseDisplay.Beijing).Date;
        string? problem = null;
        LocalDate? f = Parse(from, ref problem);
        LocalDate? t = Parse(to, ref problem);
        if (t is null)
        {
            IReadOnlyList<RunRecord> runs = await store.RunsAsync(today.PlusYears(-5), today, ct).ConfigureAwait(false);
            t = runs.Count > 0 ? runs.Max(r => r.BusinessDate) : today;
        }
        f ??= t.Value.PlusDays(-(DefaultDays - 1));
        if (f > t)
        {
            problem = $"the period starts ({LocalDatePattern.Iso.Format(f.Value)}) after it ends ({LocalDatePattern.Iso.Format(t.Value)}): showing the {DefaultDays} days up to the end";
            f = t.Value.PlusDays(-(DefaultDays - 1));
        }
        return (f.Value, t.Value, problem);
    }

    private static LocalDate? Parse(string? text, ref string? problem)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        ParseResult<LocalDate> r = LocalDatePattern.Iso.Parse(text.Trim());
        if (r.Success)
        {
            return r.Value;
        }
        problem = $"'{text}' is not a date (yyyy-MM-dd): ignored";
        return null;
    }
}
