using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace Reconcile.Cli;

/// <summary>
/// Help pages: a command's description is written as "summary\n\nmore…\n\nExample:\n  …". Where a parent lists its
/// commands only the summary shows; the command's own <c>--help</c> shows the summary, the usage and options that
/// System.CommandLine lays out, then the rest (allowed values, examples).
/// </summary>
public static class CommandHelp
{
    /// <summary>Splits every command's description and puts the help action that writes the details in place.</summary>
    public static void Install(RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var details = new Dictionary<Command, string>();
        foreach (Command command in All(root))
        {
            string[] parts = (command.Description ?? "").Split("\n\n", 2);
            command.Description = parts[0];
            if (parts.Length == 2)
            {
                details[command] = parts[1];
            }
        }
        HelpOption option = root.Options.OfType<HelpOption>().Single();
        option.Action = new DetailedHelpAction((HelpAction)option.Action!, details);
    }

    private static IEnumerable<Command> All(Command command) => command.Subcommands.SelectMany(All).Prepend(command);

    private sealed class DetailedHelpAction(HelpAction standard, IReadOnlyDictionary<Command, string> details) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            int exit = standard.Invoke(parseResult);
            if (details.TryGetValue(parseResult.CommandResult.Command, out string? more))
            {
                TextWriter output = parseResult.InvocationConfiguration.Output;
                foreach (string line in more.Split('\n'))
                {
                    output.WriteLine(line.Length == 0 ? "" : "  " + line);
                }
                output.WriteLine();
            }
            return exit;
        }
    }
}
