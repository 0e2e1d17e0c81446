namespace Reconcile.Cli.Tests;

/// <summary>
/// Values for a handler called directly (end-to-end tests that go past the parser to a command's method): "--name
/// value" pairs, the switches <c>--password-stdin</c> and <c>--plain</c>, and positionals. Tests of the command line
/// itself go through <see cref="ReconcileCli"/>.
/// </summary>
internal static class HandlerArgs
{
    private static readonly HashSet<string> Switches = new(StringComparer.Ordinal) { "password-stdin", "plain" };

    public static CommandLine Of(params string[] args)
    {
        var options = new Dictionary<string, string?>(StringComparer.Ordinal);
        var positionals = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                string name = args[i][2..];
                options[name] = Switches.Contains(name) ? null : args[++i];
            }
            else
            {
                positionals.Add(args[i]);
            }
        }
        return new CommandLine(options, positionals);
    }
}
