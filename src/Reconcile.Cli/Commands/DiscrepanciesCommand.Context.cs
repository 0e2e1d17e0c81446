using NodaTime;
using Reconcile.Engine.Store;
using Spectre.Console;

namespace Reconcile.Cli.Commands;

/// <summary>A store opened for one command; disposing it closes the store.</summary>
public interface IStoreSession : IAsyncDisposable
{
    IReconcileStore Store { get; }
}

/// <summary>
/// What the discrepancies and export commands need from outside: the store (opened per command from
/// <c>--store</c>), the clock, the console and the environment. The CLI uses the real ones; tests pass fakes.
/// </summary>
public sealed class StoreCommandContext
{
    /// <summary>Opens the store named by <c>--store</c> (null: RECONCILE_STORE, else reconcile.db).</summary>
    public required Func<string?, IClock, CancellationToken, Task<IStoreSession>> OpenStore { get; init; }

    /// <summary>
    /// The full path of the SQLite store <c>--store</c> names when there is no such file (null: it exists, or it is
    /// PostgreSQL). The commands that only read refuse such a store (<see cref="OpenExistingStoreAsync"/>).
    /// </summary>
    public Func<string?, string?> MissingStore { get; init; } = _ => null;

    public required IClock Clock { get; init; }

    /// <summary>Tables and case views.</summary>
    public required IAnsiConsole Console { get; init; }

    /// <summary>Plain output: csv/json listings, confirmations.</summary>
    public required TextWriter Out { get; init; }

    /// <summary>Refusals and warnings.</summary>
    public required TextWriter Error { get; init; }

    public required Func<string, string?> Environment { get; init; }

    /// <summary>Standard input: where --password-stdin reads the password (its first line).</summary>
    public TextReader In { get; init; } = TextReader.Null;

    /// <summary>Asks for a secret at the terminal without echoing it; null when there is no terminal to ask.</summary>
    public Func<string, string?> ReadSecret { get; init; } = _ => null;

    /// <summary>Who acts when a command lets <c>--by</c> default (assign).</summary>
    public required string CurrentUser { get; init; }

    /// <summary>The CLI's context: the real store host, the system clock, the process console and environment.</summary>
    public static StoreCommandContext ForProcess() => new()
    {
        OpenStore = HostedStoreSession.OpenAsync,
        MissingStore = NoStoreException.MissingSqliteFile,
        Clock = SystemClock.Instance,
        Console = ProcessConsole(),
        Out = System.Console.Out,
        Error = System.Console.Error,
        Environment = System.Environment.GetEnvironmentVariable,
        CurrentUser = System.Environment.UserName,
        In = System.Console.In,
        ReadSecret = TerminalSecret.Read,
    };

    /// <summary>
    /// The terminal as Spectre sees it; when the output goes to a file or a pipe, plain text 200 columns wide
    /// (instead of 80), so that a table keeps one case per line.
    /// </summary>
    private static IAnsiConsole ProcessConsole()
    {
        if (!System.Console.IsOutputRedirected)
        {
            return AnsiConsole.Console;
        }
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(System.Console.Out),
        });
        console.Profile.Width = 200;
        return console;
    }

    /// <summary>
    /// Opens the store for a command that only reads: an SQLite file that does not exist is refused with
    /// <see cref="NoStoreException"/> and never created (only <c>run</c> and <c>users add</c> create a store).
    /// </summary>
    public Task<IStoreSession> OpenExistingStoreAsync(string? store, CancellationToken ct) =>
        MissingStore(store) is { } missing
            ? throw new NoStoreException(missing)
            : OpenStore(store, Clock, ct);

    /// <summary>Writes "reconcile VERB: message" to the error stream and returns exit code 2.</summary>
    public int Refuse(string verb, string message)
    {
        Error.WriteLine($"reconcile {verb}: {message}");
        return ExitCodes.Rejected;
    }
}
