using NodaTime;
using Reconcile.Cli.Commands;
using Spectre.Console;

namespace Reconcile.Cli.Tests.Discrepancies;

/// <summary>Runs a command against a <see cref="FakeStore"/> with captured output, the way Program does (usage errors exit 2).</summary>
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

    /// <summary>Runs <c>reconcile discrepancies VERB args…</c>.</summary>
    public int Discrepancies(string verb, params string[] args)
    {
        var command = new DiscrepanciesCommand(Context());
        return Run(() => verb switch
        {
            "list" => command.ListAsync(new CommandLine(args)),
            "show" => command.ShowAsync(new CommandLine(args)),
            "assign" => command.AssignAsync(new CommandLine(args)),
            "comment" => command.CommentAsync(new CommandLine(args)),
            "resolve" => command.ResolveAsync(new CommandLine(args)),
            "approve" => command.ApproveAsync(new CommandLine(args)),
            "reject" => command.RejectAsync(new CommandLine(args)),
            _ => throw new ArgumentOutOfRangeException(nameof(verb), verb, null),
        });
    }

    /// <summary>Runs <c>reconcile users VERB args…</c>.</summary>
    public int Users(string verb, params string[] args)
    {
        var command = new UsersCommand(Context());
        return Run(() => verb switch
        {
            "add" => command.AddAsync(new CommandLine(args)),
            "list" => command.ListAsync(new CommandLine(args)),
            "disable" => command.DisableAsync(new CommandLine(args)),
            "passwd" => command.PasswdAsync(new CommandLine(args)),
            "token" => command.TokenAsync(new CommandLine(args)),
            _ => throw new ArgumentOutOfRangeException(nameof(verb), verb, null),
        });
    }

    /// <summary>Runs <c>reconcile policy VERB args…</c>.</summary>
    public int Policy(string verb, params string[] args)
    {
        var command = new PolicyCommand(Context());
        return Run(() => verb switch
        {
            "set" => command.SetAsync(new CommandLine(args)),
            "show" => command.ShowAsync(new CommandLine(args)),
            _ => throw new ArgumentOutOfRangeException(nameof(verb), verb, null),
        });
    }

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
