using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using Reconcile.Cli.Commands;
using Reconcile.Core.Model;

namespace Reconcile.Cli;

/// <summary>
/// The command line: the root command (each command builds its own <see cref="Command"/> in Commands/), the parse
/// that answers a wrong command, option or value with exit 2 (naming the token and what was meant) and the mapping of
/// a command's exceptions to the exit codes of the contract.
/// </summary>
public static class ReconcileCli
{
    /// <summary>Response files (@file) are off: a value such as a search text may start with @.</summary>
    private static readonly ParserConfiguration Parser = new() { ResponseFileTokenReplacer = null };

    public static RootCommand Root(CliServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var root = new RootCommand(
            "reconcile — escrow fund reconciliation (存管资金盘点): the daily run over a bank inbox and the work on the cases it raises.\n\n" +
            "Example:\n  reconcile run --inbox ./inbox --date 2024-11-06 --out ./out\n  reconcile discrepancies list --status open\n  reconcile <command> --help")
        {
            RunCommand.Build(),
            DiscrepanciesCommand.Build(services),
            DiscrepanciesCommand.BuildMatches(services),
            ExportCommand.Build(services),
            SamplesCommand.Build(),
            AuditCommand.Build(),
            UsersCommand.Build(services),
            PolicyCommand.Build(services),
            ServeCommand.Build(),
            CompletionCommand.Build(),
        };
        CommandHelp.Install(root);
        root.SetAction(parse => ((SynchronousCommandLineAction)root.Options.OfType<HelpOption>().Single().Action!).Invoke(parse));
        return root;
    }


    /// <summary>Parses <paramref name="args"/> and runs the command; returns its exit code (2 for a parse error).</summary>
    public static int Invoke(IReadOnlyList<string> args, CliServices services, TextWriter output, TextWriter error)
    {
        ParseResult parse = Parse(args, services);
        if (parse.Action is ParseErrorAction)
        {
            ReportParseErrors(parse, error);
            return ExitCodes.Rejected;
        }
        return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
    }

    public static ParseResult Parse(IReadOnlyList<string> args, CliServices services) => Root(services).Parse(args, Parser);

    /// <summary>Sets the command's action: the handler reads the parsed values; exceptions become exit codes.</summary>
    public static void SetHandler(this Command command, Func<CommandLine, int> handler) =>
        command.SetHandler((_, cmd) => handler(cmd));

    /// <summary>As <see cref="SetHandler(Command, Func{CommandLine, int})"/>, with the parse (for its output writers).</summary>
    public static void SetHandler(this Command command, Func<ParseResult, CommandLine, int> handler)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.SetAction(parse => Guard(parse, () => handler(parse, new CommandLine(parse))));
    }

    /// <summary>"discrepancies list" for the command the parse ended on.</summary>
    public static string PathOf(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var names = new List<string>();
        for (SymbolResult? r = parse.CommandResult; r is CommandResult c && c.Parent is not null; r = c.Parent)
        {
            names.Insert(0, c.Command.Name);
        }
        return string.Join(' ', names);
    }

    private static int Guard(ParseResult parse, Func<int> run)
    {
        TextWriter error = parse.InvocationConfiguration.Error;
        string verb = PathOf(parse);
        try
        {
            return run();
        }
        catch (UsageException e)
        {
            error.WriteLine($"reconcile {verb}: {e.Message}");
            error.WriteLine($"see `reconcile {verb} --help`");
            return ExitCodes.Rejected;
        }
        catch (NoStoreException e)
        {
            error.WriteLine($"reconcile {verb}: {e.Message}");
            return ExitCodes.Rejected;
        }
        catch (InputException e)
        {
            error.WriteLine($"error: {e.Message}");
            error.WriteLine("Nothing of this run was stored or written.");
            return ExitCodes.Rejected;
        }
#pragma warning disable CA1031 // the last line of defence: no stack trace for the user, exit 3
        catch (Exception e)
        {
            error.WriteLine($"internal error: {e.GetType().Name}: {e.Message}");
            if (Environment.GetEnvironmentVariable("RECONCILE_DEBUG") == "1")
            {
                error.WriteLine(e);
            }
            return ExitCodes.Internal;
        }
#pragma warning restore CA1031
    }

    /// <summary>Every error of the parse, a "did you mean" for each unknown word that is close to a known one, and where help is.</summary>
    private static void ReportParseErrors(ParseResult parse, TextWriter error)
    {
        string verb = PathOf(parse);
        string prefix = verb.Length == 0 ? "reconcile" : $"reconcile {verb}";
        Command command = parse.CommandResult.Command;
        foreach (ParseError e in parse.Errors)
        {
            error.WriteLine($"{prefix}: {e.Message}");
        }
        foreach (string token in parse.UnmatchedTokens)
        {
            if (Suggestions.Closest(token, Candidates(command, token)) is { } meant)
            {
                error.WriteLine($"{prefix}: '{token}' is not known here; did you mean {meant}?");
            }
        }
        error.WriteLine($"see `{prefix} --help`");
    }

    private static IEnumerable<string> Candidates(Command command, string token) => token.StartsWith('-')
        ? command.Options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name))
        : command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name);
}
