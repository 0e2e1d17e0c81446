using Reconcile.Cli.Commands;

namespace Reconcile.Cli;

/// <summary>What the commands' actions run against: the process's (Program) or a test's.</summary>
public sealed class CliServices
{
    /// <summary>The store, clock, console and environment of the commands that work on cases, users and exports.</summary>
    public required Func<StoreCommandContext> Context { get; init; }

    public static CliServices ForProcess() => new() { Context = StoreCommandContext.ForProcess };
}
