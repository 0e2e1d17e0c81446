using System.Diagnostics;
using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using System.Text;
using Akka.Actor;
using NodaTime;
using NodaTime.Text;
using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;
using Reconcile.Engine.Outputs;
using Reconcile.Engine.Store;
using Reconcile.Formats;

namespace Reconcile.Engine.Pipeline;

/// <summary>
/// The daily job (`reconcile run`) for one business day D:
/// <list type="number">
/// <item>read accounts.csv and find the day's files (an input error stops the run here or in step 2);</item>
/// <item>have the <see cref="JobCoordinator"/> refuse a gap, stream the inputs into the partitions, load the carried
/// state and reconcile every account in scope;</item>
/// <item>write the CSVs into a staging folder;</item>
/// <item>commit the run atomically — unless the latest run of D with the same scope had the same inputs, in which
/// case nothing new is stored and that run's id is reported;</item>
/// <item>write summary.json and manifest.json and rename the staging folder to <c>&lt;out&gt;/&lt;D&gt;/</c>.</item>
/// </list>
/// A subset run (<c>--bank</c> / <c>--type</c>) re-runs its partitions and writes the day's files with every partition
/// in them: the rows of the other partitions are kept from the day's published folder, verified against its
/// manifest.json (<see cref="EarlierDayFolder"/>), so the folder always shows the whole day.
/// Nothing is stored or published before every account is reconciled; a failure before the commit leaves the store and
/// the output folder as they were.
/// </summary>
public sealed class DailyRun
{
    private readonly IActorRef _coordinator;
    private readonly IReconcileStore _store;
    private readonly IClock _clock;

    public DailyRun(IActorRef coordinator, IReconcileStore store, IClock clock)
    {
        _coordinator = coordinator;
        _store = store;
        _clock = clock;
    }

    /// <summary>The engine's version for manifests and run records (the assembly's informational version).</summary>
    public static string EngineVersion { get; } =
        typeof(DailyRun).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(DailyRun).Assembly.GetName().Version?.ToString()
        ?? "0.0.0";

    /// <summary>
    /// Runs the day. Throws <see cref="InputException"/> for input it cannot accept (or a day that would leave a gap),
    /// with nothing stored or written.
    /// </summary>
    public async Task<RunOutcome> RunAsync(
        RunRequest request,
        IRunObserver? observer = null,
        RunHooks? hooks = null,
        CancellationToken ct = default)
    {
        await using PreparedRun prepared = Prepare(request, _clock, observer, ct);
        return await RunAsync(prepared, hooks, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// When the day is run again after later days were run for some of its accounts: a warning naming the latest of
    /// those days (their carried items and balances rest on the result being replaced; re-run them in order to bring
    /// them in line). Null when no later day was run.
    /// </summary>
    public static async Task<string?> LaterDaysWarningAsync(PreparedRun prepared, IReconcileStore store, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        ArgumentNullException.ThrowIfNull(store);
        JobPlan plan = prepared.Inputs.Plan;
        IReadOnlyDictionary<string, LocalDate> last = await store.LastRunDaysAsync(plan.Accounts.Select(a => a.AccountNo).ToList(), ct).ConfigureAwait(false);
        return LaterDaysWarning(plan.BusinessDate, last);
    }

    /// <summary>The warning of <see cref="LaterDaysWarningAsync"/> from each account's last run day (pure).</summary>
    public static string? LaterDaysWarning(LocalDate businessDate, IReadOnlyDictionary<string, LocalDate> lastRunDays) =>
        LaterDaysNote(businessDate, lastRunDays) is { } note ? "warning: " + note : null;

    /// <summary>The same without the "warning: " in front, as the run record keeps it (<see cref="RunRecord.Warning"/>).</summary>
    public static string? LaterDaysNote(LocalDate businessDate, IReadOnlyDictionary<string, LocalDate> lastRunDays)
    {
        ArgumentNullException.ThrowIfNull(lastRunDays);
        var later = lastRunDays.Where(p => p.Value > businessDate).ToList();
        if (later.Count == 0)
        {
            return null;
        }
        LocalDate latest = later.Max(p => p.Value);
        string day = NodaTime.Text.LocalDatePattern.Iso.Format(businessDate);
        string until = NodaTime.Text.LocalDatePattern.Iso.Format(latest);
        string next = NodaTime.Text.LocalDatePattern.Iso.Format(businessDate.PlusDays(1));
        return $"{day} is run again after later days were run ({later.Count} account(s), up to {until}): "
            + $"what they carried forward rests on the {day} result being replaced; "
            + (next == until ? $"run {next} again to bring it in line" : $"run {next} … {until} again, in order, to bring them in line");
    }

    /// <summary>
    /// Step 1 without the engine: finds the day's files, reads accounts.csv and starts reading the other inputs on the
    /// thread pool (<see cref="InputRead"/>). <c>reconcile run</c> calls this before it starts its host, so the reading
    /// overlaps the host's start-up. Throws <see cref="InputException"/> for a missing file or a bad accounts.csv.
    /// </summary>
    public static PreparedRun Prepare(RunRequest request, IClock clock, IRunObserver? observer = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(clock);
        observer ??= NoRunObserver.Instance;
        var elapsed = Stopwatch.StartNew();
        Instant startedAt = clock.GetCurrentInstant();
        observer.PhaseStarted(RunPhase.Read);
        InboxLayout layout = InboxLayout.Find(request.Inbox, request.BusinessDate);
        AccountRegistry registry = AccountsReader.Read(layout.AccountsFile, layout.Relative(layout.AccountsFile));
        var plan = JobPlan.Create(layout, registry, request.Scope, new ReconcileOptions(request.TimingWindowDays, request.RetentionDays));
        long registryMs = elapsed.ElapsedMilliseconds;
        return new PreparedRun(request, InputRead.Start(plan, observer, ct), observer, elapsed, startedAt, registryMs);
    }

    /// <summary>Steps 2–5 of a run that <see cref="Prepare"/> began (which the caller still disposes).</summary>
    public async Task<RunOutcome> RunAsync(PreparedRun prepared, RunHooks? hooks = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        RunRequest request = prepared.Request;
        JobPlan plan = prepared.Inputs.Plan;
        InboxLayout layout = plan.Inbox;
        IRunObserver observer = prepared.Observer;
        Stopwatch elapsed = prepared.Elapsed;
        Instant startedAt = prepared.StartedAt;
        long registryMs = prepared.RegistryMs;

        JobComputed job;
        EarlierDayFolder? earlier;
        try
        {
            // A subset re-run keeps the other partitions' rows of the day's folder: check that folder first.
            earlier = EarlierDayFolder.Open(
                DayOutput.FolderOf(request.OutRoot, request.BusinessDate), request.BusinessDate, request.TimingWindowDays, request.Scope, request.RetentionDays);
            job = await ComputeAsync(plan, observer, hooks, prepared.Inputs, ct).ConfigureAwait(false);
        }
        catch
        {
            // A refused day or a failed job: stop a read that may still be going before the engine shuts down.
            await prepared.Inputs.StopAsync().ConfigureAwait(false);
            throw;
        }

        observer.PhaseStarted(RunPhase.Proof);
        var proofClock = Stopwatch.StartNew();
        var (partitions, totals) = RunSummary.Figures(job.Counts, job.Results);
        if (earlier is not null)
        {
            (partitions, totals) = RunSummary.Merge(partitions, earlier.KeptSummaries);
        }
        IReadOnlyList<InputFile> inputs = Inputs(layout, job.Feed);
        string inputsHash = InputHashes.Combine(inputs, request.TimingWindowDays, request.RetentionDays);
        long proofMs = proofClock.ElapsedMilliseconds;

        var storeClock = Stopwatch.StartNew();
        RunRecord? latest = await _store.LatestRunAsync(request.BusinessDate, request.Scope, ct).ConfigureAwait(false);
        var accountNos = job.Results.Select(r => r.Account.AccountNo).ToList();
        // The same files again change nothing, unless an earlier day was run again since the latest run of this
        // one: then what the day carries in changed (the warning of that re-run said to run this day again).
        bool commit = latest is null
            || !string.Equals(latest.InputsHash, inputsHash, StringComparison.Ordinal)
            || await _store.CarriedInChangedSinceAsync(latest.RunId, accountNos, request.BusinessDate, ct).ConfigureAwait(false);
        string runId = commit ? RunId(request, inputsHash, latest?.RunId) : latest!.RunId;
        long storeMs = job.Timings.StoreMs + storeClock.ElapsedMilliseconds;

        observer.PhaseStarted(RunPhase.Write);
        var writeClock = Stopwatch.StartNew();
        using DayOutput output = DayOutput.Begin(request.OutRoot, request.BusinessDate);
        output.WriteCsvs(request.BusinessDate, job.Results, earlier);
        long writeMs = writeClock.ElapsedMilliseconds;

        if (commit)
        {
            observer.PhaseStarted(RunPhase.Store);
            storeClock.Restart();
            IReadOnlyDictionary<string, LocalDate> lastRunDays = await _store.LastRunDaysAsync(accountNos, ct).ConfigureAwait(false);
            var record = new RunRecord(
                runId,
                request.BusinessDate,
                request.Scope,
                inputsHash,
                inputs,
                EngineVersion,
                startedAt,
                _clock.GetCurrentInstant(),
                accountNos,
                Warning: LaterDaysNote(request.BusinessDate, lastRunDays));
            await _store.CommitRunAsync(new RunCommit(record, job.Results), ct).ConfigureAwait(false);
            storeMs += storeClock.ElapsedMilliseconds;
        }
        // The store's chain as it stands once the run is in it: `audit verify --anchors` checks it is still there.
        ChainHead? head = await _store.ChainHeadAsync(ct).ConfigureAwait(false);

        var summary = new RunSummary(
            request.BusinessDate,
            runId,
            commit,
            request.Scope,
            request.TimingWindowDays,
            partitions,
            totals,
            elapsed.ElapsedMilliseconds,
            new PhaseTimings(registryMs + job.Timings.ReadMs, job.Timings.MatchMs, proofMs, storeMs, writeMs));
        output.WriteSummary(summary);
        var manifest = new RunManifest(
            runId,
            request.BusinessDate,
            request.Scope,
            request.TimingWindowDays,
            commit,
            inputsHash,
            EngineVersion,
            _store.Description,
            inputs,
            output.Written,
            head,
            earlier?.Kept ?? [],
            request.RetentionDays);
        output.WriteManifest(manifest);
        output.Publish();
        return new RunOutcome(summary, manifest, output.FinalDirectory);
    }

    private async Task<JobComputed> ComputeAsync(JobPlan plan, IRunObserver observer, RunHooks? hooks, InputRead inputs, CancellationToken ct)
    {
        string jobId = "job-" + Guid.NewGuid().ToString("N");
        object reply = await _coordinator.Ask<object>(new StartJob(jobId, plan, observer, hooks, inputs), ct).ConfigureAwait(false);
        switch (reply)
        {
            case JobComputed computed:
                return computed;
            case JobFailed failed:
                ExceptionDispatchInfo.Throw(failed.Error);
                throw failed.Error; // not reached
            default:
                throw new InvalidOperationException($"unexpected reply from the coordinator: {reply}");
        }
    }

    private static IReadOnlyList<InputFile> Inputs(InboxLayout layout, FeedReport feed)
    {
        var rows = new Dictionary<string, long>(StringComparer.Ordinal)
        {
            [layout.Relative(layout.AccountsFile)] = feed.AccountRows,
            [layout.Relative(layout.LedgerFile)] = feed.LedgerRows,
            [layout.Relative(layout.SubAccountsFile)] = feed.SubAccountRows,
        };
        foreach (StatementSummary s in feed.Statements)
        {
            rows[layout.Relative(s.File)] = s.LineCount;
        }
        return feed.Hashes
            .OrderBy(h => h.Key, StringComparer.Ordinal)
            .Select(h => new InputFile(h.Key, h.Value, rows.TryGetValue(h.Key, out long n) ? n : 0))
            .ToList();
    }

    /// <summary>
    /// A deterministic run id: "R-yyyyMMdd-" + 12 hex digits of SHA-256 over the day, the scope, the inputs hash and the
    /// run it supersedes, so re-running the same inputs after a correction still gets a new id.
    /// </summary>
    public static string RunId(RunRequest request, string inputsHash, string? supersedes)
    {
        string day = LocalDatePattern.Iso.Format(request.BusinessDate);
        string key = $"{day}|{request.Scope}|{inputsHash}|{supersedes ?? ""}";
        string hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)), 0, 6).ToLowerInvariant();
        return $"R-{day.Replace("-", "", StringComparison.Ordinal)}-{hash}";
    }
}
