using NodaTime;
using NodaTime.Text;
using Reconcile.Core.Cases;
using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;
using Reconcile.Engine.Pipeline;
using Reconcile.Engine.Store;

namespace Reconcile.Application;

/// <summary>An automatic pair found again, and the run whose day made it.</summary>
public sealed record AutomaticPairFound(RunRecord Run, AutomaticPair Pair);

/// <summary>
/// Finds the pair the ladder made of an account's bank serial (<c>matches unmatch</c>): on the day given, or else on
/// the latest day the account was run and back day by day over its stored days (at most <see cref="DaysBack"/>), each
/// day re-derived from its inputs in the inbox (checked against the run record's SHA-256) and the state carried into
/// it, and checked against the day's stored balance proof. A refusal throws <see cref="RefusedException"/>.
/// </summary>
public sealed class AutomaticPairFinder
{
    /// <summary>How many days back from the latest the search looks without --date.</summary>
    public const int DaysBack = 31;

    private readonly IReconcileStore _store;

    public AutomaticPairFinder(IReconcileStore store)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
    }

    public async Task<AutomaticPairFound> FindAsync(string accountNo, string serial, string inbox, LocalDate? date, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(accountNo);
        ArgumentNullException.ThrowIfNull(serial);
        ArgumentNullException.ThrowIfNull(inbox);
        AccountDayState latest = await _store.LatestStateAsync(accountNo, ct).ConfigureAwait(false)
            ?? throw new RefusedException($"account {accountNo} has no stored run: the ladder paired nothing of it");
        IEnumerable<LocalDate> days = date is { } d
            ? [d]
            : Enumerable.Range(0, DaysBack).Select(k => latest.BusinessDate.PlusDays(-k));
        foreach (LocalDate day in days)
        {
            IReadOnlyList<RunRecord> runs = await _store.RunsAsync(day, day, ct).ConfigureAwait(false);
            RunRecord? run = runs.LastOrDefault(r => r.AccountNos.Contains(accountNo, StringComparer.Ordinal));
            if (run is null)
            {
                if (date is not null)
                {
                    throw new RefusedException($"account {accountNo} was not run on {Iso(day)}: no pair of that day to undo");
                }
                continue;
            }
            if (await FindOnAsync(run, accountNo, serial, inbox, ct).ConfigureAwait(false) is { } plan)
            {
                return plan.Pair is { } pair ? new AutomaticPairFound(run, pair) : throw new RefusedException(plan.Refusal!);
            }
            if (date is not null)
            {
                throw new RefusedException($"the run of {Iso(day)} ({run.RunId}) paired no bank line with serial {serial} of account {accountNo}; nothing to undo");
            }
        }
        throw new RefusedException(
            $"the ladder paired no bank line with serial {serial} of account {accountNo} on the days it was run from {Iso(latest.BusinessDate.PlusDays(-(DaysBack - 1)))} to {Iso(latest.BusinessDate)}; " +
            "pass --date for an earlier day");
    }

    private async Task<AutomaticPairPlan?> FindOnAsync(RunRecord run, string accountNo, string serial, string inbox, CancellationToken ct)
    {
        LocalDate day = run.BusinessDate;
        IReadOnlyDictionary<string, AccountState> carried = await _store.StatesBeforeAsync([accountNo], day, ct).ConfigureAwait(false);
        AccountDayInput input;
        try
        {
            input = AccountDayReplay.Read(inbox, run, accountNo, carried[accountNo]);
        }
        catch (InputException e)
        {
            throw new RefusedException(e.Message);
        }
        AccountDayResult result = AccountReconciler.Reconcile(input);
        InventoryHistory stored = await _store.InventoryAsync(day, day, ct).ConfigureAwait(false);
        if (stored.Rows.FirstOrDefault(r => r.AccountNo == accountNo) != result.Inventory)
        {
            throw new RefusedException(
                $"account {accountNo}'s day {Iso(day)} derived again from its inputs does not give the balance proof run {run.RunId} stored " +
                "(an earlier day was run again since?): run the days from then on again, in order, before undoing a pair of them");
        }
        return AutomaticPairs.Find(input, result, serial);
    }

    private static string Iso(LocalDate d) => LocalDatePattern.Iso.Format(d);
}
