using System.IO.Compression;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Reconcile.Application;
using Reconcile.Application.Export;
using Reconcile.Core.Cases;
using Reconcile.Core.Reconciliation;
using Reconcile.Engine.Store;

namespace Reconcile.Web.Pages;

/// <summary>The balance proof per account and day, charted over the period, and the auditors' export download.</summary>
public sealed class InventoryModel(IReconcileStore store, IClock clock) : WorkbenchPage
{
    /// <summary>Age buckets of open discrepancies, in days since first seen.</summary>
    public static readonly IReadOnlyList<(string Label, int Min, int Max)> AgeBuckets = [("0–1", 0, 1), ("2–3", 2, 3), ("4–7", 4, 7), ("> 7", 8, int.MaxValue)];

    public LocalDate From { get; private set; }

    public LocalDate To { get; private set; }

    public InventoryHistory History { get; private set; } = new([], [], []);

    /// <summary>Per day of the period: open discrepancies in each age bucket.</summary>
    public IReadOnlyList<(LocalDate Day, int[] Buckets)> OpenByAge { get; private set; } = [];

    public async Task OnGetAsync(string? from, string? to)
    {
        (From, To, Problem) = await ShownPeriod.ResolveAsync(store, clock, from, to, HttpContext.RequestAborted);
        History = await store.InventoryAsync(From, To, HttpContext.RequestAborted);
        IReadOnlyList<CaseSummary> cases = await store.ListCasesAsync(new CaseQuery(CaseStatusFilter.All), HttpContext.RequestAborted);
        OpenByAge = OpenCasesByAge(cases, From, To);
    }

    /// <summary>A zip of <c>export inventory</c> for the period: the CSV or XLSX file and its manifest.json.</summary>
    public async Task<IActionResult> OnGetExportAsync(string? from, string? to, string? format)
    {
        (LocalDate f, LocalDate t, string? problem) = await ShownPeriod.ResolveAsync(store, clock, from, to, HttpContext.RequestAborted);
        string fmt = (format ?? "xlsx").ToLowerInvariant();
        if (problem is not null || !InventoryExport.Formats.Contains(fmt))
        {
            return BadRequest(problem ?? $"format '{format}' is not one of csv, xlsx");
        }
        string dir = Path.Combine(Path.GetTempPath(), "reconcile-export-" + Guid.NewGuid().ToString("N"));
        try
        {
            ExportResult result = await InventoryExport.WriteAsync(store, f, t, fmt, dir, HttpContext.RequestAborted);
            using var zip = new MemoryStream();
            using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
            {
                foreach (string file in result.Files.Select(f => f.Path).Append(result.ManifestPath))
                {
                    ZipArchiveEntry entry = archive.CreateEntry(Path.GetFileName(file), CompressionLevel.Optimal);
                    entry.LastWriteTime = new DateTimeOffset(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);
                    await using Stream target = entry.Open();
                    await using FileStream source = System.IO.File.OpenRead(file);
                    await source.CopyToAsync(target, HttpContext.RequestAborted);
                }
            }
            string name = Path.GetFileNameWithoutExtension(result.Path) + "_" + fmt + ".zip";
            return File(zip.ToArray(), "application/zip", name);
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    /// <summary>A case counts as open on a day it was listed (first seen ≤ day ≤ last seen) while not closed before it.</summary>
    public static IReadOnlyList<(LocalDate Day, int[] Buckets)> OpenCasesByAge(IReadOnlyList<CaseSummary> cases, LocalDate from, LocalDate to)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var days = new List<(LocalDate, int[])>();
        for (LocalDate day = from; day <= to; day = day.PlusDays(1))
        {
            int[] buckets = new int[AgeBuckets.Count];
            foreach (CaseSummary c in cases)
            {
                bool listed = c.FirstSeen <= day && day <= c.LastSeen;
                bool stillOpen = CaseState.IsOpenStatus(c.Status) || day < c.LastSeen;
                if (!listed || !stillOpen)
                {
                    continue;
                }
                int age = NodaTime.Period.DaysBetween(c.FirstSeen, day);
                for (int i = 0; i < AgeBuckets.Count; i++)
                {
                    if (age >= AgeBuckets[i].Min && age <= AgeBuckets[i].Max)
                    {
                        buckets[i]++;
                    }
                }
            }
            days.Add((day, buckets));
        }
        return days;
    }

    /// <summary>The unexplained difference per account and day, for the chart (accounts in order).</summary>
    public IReadOnlyList<(string Account, IReadOnlyList<(LocalDate Day, decimal Yuan)> Points)> UnexplainedSeries() => History.Rows
        .GroupBy(r => r.AccountNo, StringComparer.Ordinal)
        .OrderBy(g => g.Key, StringComparer.Ordinal)
        .Select(g => (g.Key, (IReadOnlyList<(LocalDate, decimal)>)g.OrderBy(r => r.BusinessDate).Select(r => (r.BusinessDate, (r.Unexplained?.Fen ?? 0) / 100m)).ToList()))
        .ToList();

    public static string Status(InventoryRow r) => r.Status.ToString();
}
