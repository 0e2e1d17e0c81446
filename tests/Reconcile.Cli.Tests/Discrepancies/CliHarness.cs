using NodaTime;
using Reconcile.Cli.Commands;
using Spectre.Console;

namespace Reconcile.Cli.Tests.Discrepancies;

/// <summary>Runs the real command line against a <see cref="FakeStore"/> with captured output.</summary>
internal sealed class CliHarness
{
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();
    private readonly Dictionary<string, string> _env = new(StringComparer.Ordinal);

    public CliHarness(FakeStore store, Instant now)
    {
        Store = store;
        Clock = new FixedClock(now);
    }

    public FakeStore Store { get; }

    public FixedClock Clock { get; }

    public string Out => _out.ToString();

    public string Error => _err.ToString();

    private string _stdin = "";

    /// <summary>What standard input carries (one line per password, as --password-stdin reads it).</summary>
    public CliHarness WithStdin(params string[] lines)
    {
        _stdin = string.Concat(lines.Select(l => l + "\n"));
        return this;
    }

    public CliHarness WithEnvironment(string name, string value)
    {
        _env[name] = value;
        return this;
    }

    public StoreCommandContext Context()
    {
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(_out),
        });
        console.Profile.Width = 240;
        return new StoreCommandContext
        {
            OpenStore = Store.Open,
            Clock = Clock,
            Console = console,
            Out = _out,
            Error = _err,
            Environment = name => _env.TryGetValue(name, out string? v) ? v : null,
            CurrentUser = "tester",
            In = new StringReader(_stdin),
        };
    }

    /// <summary>Runs <c>reconcile args…</c> through the real root command, on this harness's store, clock and console.</summary>
    public int Root(params string[] args) => ReconcileCli.Invoke(args, new CliServices { Context = Context }, _out, _err);

    /// <summary>Runs <c>reconcile discrepancies VERB args…</c>.</summary>
    public int Discrepancies(string verb, params string[] args) => Root(["discrepancies", verb, .. args]);

    /// <summary>Runs <c>reconcile users VERB args…</c>.</summary>
    public int Users(string verb, params string[] args) => Root(["users", verb, .. args]);

    /// <summary>Runs <c>reconcile policy VERB args…</c>.</summary>
    public int Policy(string verb, params string[] args) => Root(["policy", verb, .. args]);

    /// <summary>Runs <c>reconcile export VERB args…</c>.</summary>
    public int Export(string verb, params string[] args) => Root(["export", verb, .. args]);

    public int Run(Func<Task<int>> command)
    {
        try
        {
            return command().GetAwaiter().GetResult();
        }
        catch (UsageException e)
        {
            _err.WriteLine(e.Message);
            return ExitCodes.Rejected;
        }
        catch (NoStoreException e)
        {
            _err.WriteLine(e.Message);
            return ExitCodes.Rejected;
        }
    }
}
