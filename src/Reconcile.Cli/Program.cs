using Reconcile.Core.Model;

namespace Reconcile.Cli;

public static class Program
{
    /// <summary>Verb (one or two words) → handler. Each handler lives in Commands/ and returns an exit code.</summary>
    private static readonly (string Verb, string Usage, Func<CommandLine, int> Handler)[] Verbs =
    [
        // Each command adds its line here.
        ("run", Commands.RunCommand.Usage, Commands.RunCommand.Run),
        ("discrepancies list", Commands.DiscrepanciesCommand.ListUsage, Commands.DiscrepanciesCommand.List),
        ("discrepancies show", Commands.DiscrepanciesCommand.ShowUsage, Commands.DiscrepanciesCommand.Show),
        ("discrepancies assign", Commands.DiscrepanciesCommand.AssignUsage, Commands.DiscrepanciesCommand.Assign),
        ("discrepancies comment", Commands.DiscrepanciesCommand.CommentUsage, Commands.DiscrepanciesCommand.Comment),
        ("discrepancies resolve", Commands.DiscrepanciesCommand.ResolveUsage, Commands.DiscrepanciesCommand.Resolve),
        ("discrepancies approve", Commands.DiscrepanciesCommand.ApproveUsage, Commands.DiscrepanciesCommand.Approve),
        ("discrepancies reject", Commands.DiscrepanciesCommand.RejectUsage, Commands.DiscrepanciesCommand.Reject),
        ("discrepancies match", Commands.DiscrepanciesCommand.MatchUsage, Commands.DiscrepanciesCommand.Match),
        ("discrepancies unmatch", Commands.DiscrepanciesCommand.UnmatchUsage, Commands.DiscrepanciesCommand.Unmatch),
        ("discrepancies reopen", Commands.DiscrepanciesCommand.ReopenUsage, Commands.DiscrepanciesCommand.Reopen),
        ("matches unmatch", Commands.DiscrepanciesCommand.MatchesUnmatchUsage, Commands.DiscrepanciesCommand.MatchesUnmatch),
        ("export inventory", Commands.ExportCommand.Usage, Commands.ExportCommand.Inventory),
        ("export cases", Commands.ExportCommand.CasesUsage, Commands.ExportCommand.Cases),
        ("samples generate", Commands.SamplesCommand.Usage, Commands.SamplesCommand.Run),
        ("audit verify", Commands.AuditCommand.VerifyUsage, Commands.AuditCommand.Verify),
        ("users add", Commands.UsersCommand.AddUsage, Commands.UsersCommand.Add),
        ("users list", Commands.UsersCommand.ListUsage, Commands.UsersCommand.List),
        ("users disable", Commands.UsersCommand.DisableUsage, Commands.UsersCommand.Disable),
        ("users passwd", Commands.UsersCommand.PasswdUsage, Commands.UsersCommand.Passwd),
        ("users token", Commands.UsersCommand.TokenUsage, Commands.UsersCommand.Token),
        ("policy set", Commands.PolicyCommand.SetUsage, Commands.PolicyCommand.Set),
        ("policy show", Commands.PolicyCommand.ShowUsage, Commands.PolicyCommand.Show),
        ("serve", Commands.ServeCommand.Usage, Commands.ServeCommand.Serve),
    ];

    /// <summary>Options that take no value (every other --name takes the next argument as its value).</summary>
    private static readonly IReadOnlySet<string> Switches = new HashSet<string>(StringComparer.Ordinal) { "plain" };

    public static int Main(string[] args)
    {
        Console.OutputEncoding = System.Text.Encoding.UTF8;
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var match = Verbs
            .Where(v => Matches(v.Verb, args))
            .OrderByDescending(v => v.Verb.Split(' ').Length)
            .FirstOrDefault();
        if (match.Handler is null)
        {
            PrintUsage(Console.Error);
            return args.Length == 0 || args[0] is "-h" or "--help" or "help" ? ExitCodes.Ok : ExitCodes.Rejected;
        }
        int words = match.Verb.Split(' ').Length;
        try
        {
            var cmd = new CommandLine(args.Skip(words), Switches);
            return match.Handler(cmd);
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"reconcile {match.Verb}: {e.Message}");
            Console.Error.WriteLine($"usage: reconcile {match.Usage}");
            return ExitCodes.Rejected;
        }
        catch (Commands.NoStoreException e)
        {
            Console.Error.WriteLine($"reconcile {match.Verb}: {e.Message}");
            return ExitCodes.Rejected;
        }
        catch (InputException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            Console.Error.WriteLine("Nothing of this run was stored or written.");
            return ExitCodes.Rejected;
        }
#pragma warning disable CA1031 // the last line of defence: no stack trace for the user, exit 3
        catch (Exception e)
        {
            Console.Error.WriteLine($"internal error: {e.GetType().Name}: {e.Message}");
            if (Environment.GetEnvironmentVariable("RECONCILE_DEBUG") == "1")
            {
                Console.Error.WriteLine(e);
            }
            return ExitCodes.Internal;
        }
#pragma warning restore CA1031
    }

    private static bool Matches(string verb, string[] args)
    {
        string[] words = verb.Split(' ');
        return args.Length >= words.Length && words.Select((w, i) => args[i] == w).All(x => x);
    }

    private static void PrintUsage(TextWriter w)
    {
        w.WriteLine("reconcile — escrow fund reconciliation (存管资金盘点)");
        w.WriteLine();
        w.WriteLine("usage:");
        foreach (var v in Verbs)
        {
            w.WriteLine($"  reconcile {v.Usage}");
        }
    }
}
