using BenchmarkDotNet.Attributes;
using NodaTime;
using Reconcile.Core.Reconciliation;

namespace Reconcile.Benchmarks;

/// <summary>
/// The duplicate check across days (RULES.md "Duplicates across days") on the account-day of
/// <see cref="ReconcilerBenchmarks"/>: reconciling it against a full retention window (400 earlier days, each with as
/// many matched keys as this day has) or one such day, and building that window's lookup from its days.
/// Compare <c>ReconcileAgainstFullWindow</c> with <see cref="ReconcilerBenchmarks.ReconcileOneAccountDay"/>.
/// </summary>
public class RetainedKeysBenchmarks
{
    private const int Days = ReconcileOptions.DefaultRetentionDays;
    private readonly ReconcilerBenchmarks _day = new();
    private AccountDayInput _withWindow = null!;
    private AccountDayInput _withOneDay = null!;
    private (LocalDate Day, MatchedKeys Keys)[] _window = [];

    [GlobalSetup]
    public void Setup()
    {
        _day.Setup();
        AccountDayInput input = _day.Input;
        int perDay = AccountReconciler.Reconcile(input).Matched!.Count;
        var random = new Random(1);
        _window = Enumerable.Range(1, Days)
            .Select(d => (BenchInbox.Date.PlusDays(-d), MatchedKeys.Of(Enumerable.Range(0, perDay).Select(_ => (ulong)random.NextInt64() ^ ((ulong)random.Next() << 63)).ToArray())))
            .ToArray();
        RetainedKeys retained = RetainedKeys.Of(_window);
        _withWindow = input with { Retained = retained };
        _withOneDay = input with { Retained = RetainedKeys.Of(_window.Take(1)) };
        Console.WriteLine($"// {perDay} matched keys a day; a window of {Days} days holds {retained.Count} keys ({retained.Count * 8L / (1 << 20)} MiB)");
    }

    [Benchmark]
    public int ReconcileAgainstFullWindow() => AccountReconciler.Reconcile(_withWindow).Matches.Count;

    [Benchmark]
    public int ReconcileAgainstOneDay() => AccountReconciler.Reconcile(_withOneDay).Matches.Count;

    [Benchmark]
    public int BuildWindowLookup() => RetainedKeys.Of(_window).Count;
}
