using System.CommandLine;
using System.Runtime.CompilerServices;
using Akka.Actor;
using NodaTime;
using Reconcile.Cli.Rendering;
using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;
using Reconcile.Engine.Hosting;
using Reconcile.Engine.Pipeline;
using Reconcile.Engine.Store;
using Spectre.Console;

[assembly: InternalsVisibleTo("Reconcile.Cli.Tests")]

namespace Reconcile.Cli.Commands;

/// <summary>
/// <c>reconcile run</c>: the daily job for one business day (CONTRACT.md). Starts the engine's host on the store, runs
/// <see cref="DailyRun"/> with a live progress display on a terminal, prints the summary table and returns 0 (every
/// account BALANCED) or 1 (an account UNBALANCED / MISSING_STATEMENT or with a BALANCE_BREAK). Input errors and a day
/// that would leave a gap surface as <see cref="InputException"/>, which Program turns into exit 2.
/// </summary>
public static class RunCommand
{
    public static Command Build()
    {
        var command = new Command(
            "run",
            "Reconcile one business day: read the inbox, match, prove every account's balance, write the day's files to --out and " +
            "store the run. Exit 0: every account BALANCED; 1: an account UNBALANCED, MISSING_STATEMENT or with a BALANCE_BREAK; " +
            "2: input rejected (nothing stored or written).\n\n" +
            "Example:\n  reconcile run --inbox ./inbox --date 2024-11-06 --out ./out\n  reconcile run --inbox ./inbox --date 2024-11-06 --bank CEB --plain")
        {
            CliOptions.Text("--inbox", "The inbox folder (accounts.csv, the day's statements, ledger.csv, subaccounts.csv).", "DIR", required: true),
            CliOptions.Date("--date", "The business day to reconcile.", required: true),
            CliOptions.Text("--out", "Where the day's files go (a folder per day; default: out).", "DIR"),
            CliOptions.Enum<Bank>("--bank", "Reconcile this bank's accounts only (the others keep their last run)."),
            CliOptions.Enum<EscrowType>("--type", "Reconcile this escrow type's accounts only."),
            CliOptions.Store(),
            CliOptions.WholeNumber("--window", "Days a ledger entry and a bank line may lie apart and still match (default: 1)."),
            CliOptions.WholeNumber("--retention-days", $"Days of matched keys kept for the duplicate check across days (default: {ReconcileOptions.DefaultRetentionDays})."),
            CliOptions.Switch("--plain", "No live progress display (also when the output is not a terminal)."),
        };
        command.SetHandler(Run);
        return command;
    }

    /// <summary>Test-only fault injection for the run started on this async flow (see <see cref="RunHooks"/>).</summary>
    internal static readonly AsyncLocal<RunHooks?> TestHooks = new();

    public static int Run(CommandLine cmd)
    {
        ArgumentNullException.ThrowIfNull(cmd);
        string inbox = cmd.Required("inbox");
        LocalDate date = cmd.Date("date");
        string outRoot = Path.GetFullPath(cmd.Optional("out") ?? "out");
        Bank? bank = cmd.OptionalEnum<Bank>("bank");
        EscrowType? type = cmd.OptionalEnum<EscrowType>("type");
        StoreLocation store = StoreLocation.Parse(cmd.Optional("store"));
        int window = cmd.Int("window", 1, min: 0);
        int retention = cmd.Int("retention-days", ReconcileOptions.DefaultRetentionDays, min: 0);
        bool plain = cmd.Switch("plain") || Console.IsOutputRedirected;
        cmd.EnsureAllUsed();

        var request = new RunRequest(Path.GetFullPath(inbox), date, outRoot, new RunScope(bank, type), window, retention);
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            RunOutcome outcome = RunAsync(request, store, plain, TestHooks.Value, cancel.Token).GetAwaiter().GetResult();
            return outcome.ExitCode == 0 ? ExitCodes.Ok : ExitCodes.Findings;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private static async Task<RunOutcome> RunAsync(RunRequest request, StoreLocation location, bool plain, RunHooks? hooks, CancellationToken ct)
    {
        IClock clock = SystemClock.Instance;
        RunProgressObserver? progress = plain ? null : new RunProgressObserver();
        // A missing folder or file and a stray file among the statements are reported here, before the store is even
        // opened. The inputs are read while the host (Akka, the journal) starts: about 0.9 s that reading needs no host for.
        await using PreparedRun prepared = DailyRun.Prepare(request, clock, progress, ct);
        IReconcileStore? store = null;
        await using ReconcileHost host = await ReconcileHost
            .StartAsync(location, clock, b => b.WithReconcilePipeline(() => store ?? throw new InvalidOperationException("the store is not open yet")), ct)
            .ConfigureAwait(false);
        store = host.Store;
        IActorRef coordinator = await host.Registry.GetAsync<JobCoordinator>(ct).ConfigureAwait(false);
        var run = new DailyRun(coordinator, store, clock);
        if (await DailyRun.LaterDaysWarningAsync(prepared, store, ct).ConfigureAwait(false) is { } warning)
        {
            Console.Error.WriteLine(warning);
        }

        RunOutcome outcome;
        if (progress is null)
        {
            outcome = await run.RunAsync(prepared, hooks, ct).ConfigureAwait(false);
            RunSummaryView.Render(Console.Out, null, outcome);
        }
        else
        {
            outcome = await RunProgressDisplay
                .ShowAsync(AnsiConsole.Console, progress, () => run.RunAsync(prepared, hooks, ct))
                .ConfigureAwait(false);
            RunSummaryView.Render(Console.Out, AnsiConsole.Console, outcome);
        }
        return outcome;
    }
}
