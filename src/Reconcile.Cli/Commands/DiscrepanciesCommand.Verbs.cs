using System.CommandLine;
using Reconcile.Core.Model;

namespace Reconcile.Cli.Commands;

/// <summary>
/// <c>reconcile discrepancies …</c> as a command tree: each sub-command declares its options and runs against the
/// services' store, clock and console.
/// </summary>
public sealed partial class DiscrepanciesCommand
{
    private const string Acting = "\n\nOnce the store has users, the caller signs in: RECONCILE_TOKEN, or --by (or RECONCILE_USER) with a password.";

    public static Command Build(CliServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return new Command("discrepancies", "Work the cases the runs raised: list, show, assign, comment, resolve, approve, reject, match, unmatch, reopen.\n\nExample:\n  reconcile discrepancies list --status open --bank CEB\n  reconcile discrepancies show D-3f2a9c01b7e4d5a6")
        {
            List(services),
            Verb(services, "show", "Show one case: what was found, the candidates and its history.", "reconcile discrepancies show D-3f2a9c01b7e4d5a6", (c, cmd) => c.ShowAsync(cmd), actor: false),
            Verb(services, "assign", "Assign a case to a person (default: yourself).", "reconcile discrepancies assign D-3f2a9c01b7e4d5a6 --to wang --by zhang", (c, cmd) => c.AssignAsync(cmd),
                CliOptions.Text("--to", "Who works the case.", "NAME")),
            Verb(services, "comment", "Add a comment to a case's history.", "reconcile discrepancies comment D-3f2a9c01b7e4d5a6 --text \"bank confirms\" --by zhang", (c, cmd) => c.CommentAsync(cmd),
                CliOptions.Text("--text", "The comment.", "TEXT")),
            Resolve(services),
            Verb(services, "approve", "Approve a resolution (or unmatch) another person requested at or above the approval threshold.", "reconcile discrepancies approve D-3f2a9c01b7e4d5a6 --by li", (c, cmd) => c.ApproveAsync(cmd)),
            Verb(services, "reject", "Reject a resolution waiting for approval; the case is OPEN again.", "reconcile discrepancies reject D-3f2a9c01b7e4d5a6 --by li --note \"no voucher\"", (c, cmd) => c.RejectAsync(cmd),
                CliOptions.Note()),
            Verb(services, "match", "Pair a case's item by hand with ledger entries or bank lines (rule MANUAL from the next run).", "reconcile discrepancies match D-3f2a9c01b7e4d5a6 --with L-10023,L-10024 --note \"split payment\" --by zhang", (c, cmd) => c.MatchAsync(cmd),
                CliOptions.Text("--with", "The items to pair with: ledger entry ids or bank serials, comma-separated.", "ITEM[,ITEM...]", required: true),
                CliOptions.Yuan("--difference", "The difference accepted, bank − ledger in yuan.", allowNegative: true),
                CliOptions.Note()),
            Verb(services, "unmatch", "Undo a pairing made by hand; its items are open again from the next run.", "reconcile discrepancies unmatch D-3f2a9c01b7e4d5a6 --note \"wrong entry\" --by zhang", (c, cmd) => c.UnmatchAsync(cmd),
                CliOptions.Note()),
            Verb(services, "reopen", "Reopen a resolved case; from the next run on it is listed again.", "reconcile discrepancies reopen D-3f2a9c01b7e4d5a6 --note \"refund bounced\" --by zhang", (c, cmd) => c.ReopenAsync(cmd),
                CliOptions.Note()),
        };
    }

    /// <summary><c>reconcile matches unmatch</c>: undo a pair the ladder made.</summary>
    public static Command BuildMatches(CliServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var unmatch = new Command("unmatch", "Undo a pair the ladder made, found again from the day's inputs (the files the run read); with the same roles and maker-checker as discrepancies unmatch." + Acting +
            "\n\nExample:\n  reconcile matches unmatch --account 38450188000123456 --serial C241106000112 --inbox ./inbox --note \"wrong pair\" --by zhang")
        {
            CliOptions.Text("--account", "The bank account of the pair.", "ACCOUNT", required: true),
            CliOptions.Text("--serial", "The bank line's serial.", "SERIAL", required: true),
            CliOptions.Text("--inbox", "The inbox the run read.", "DIR", required: true),
            CliOptions.Date("--date", "The business day of the pair."),
            CliOptions.Note(),
            CliOptions.By(),
            CliOptions.PasswordStdin(),
            CliOptions.Store(),
        };
        unmatch.SetHandler(cmd => new DiscrepanciesCommand(services.Context()).MatchesUnmatchAsync(cmd).GetAwaiter().GetResult());
        return new Command("matches", "The pairs the runs made.\n\nExample:\n  reconcile matches unmatch --help") { unmatch };
    }

    private static Command List(CliServices services)
    {
        var command = new Command("list", "List the cases, most severe first (a table; --format csv or json for scripts).\n\nExample:\n  reconcile discrepancies list --status open --bank CEB --min-amount 1000.00\n  reconcile discrepancies list --format csv --limit 0 > cases.csv")
        {
            CliOptions.Choice("--status", "Which cases (default: open).", "open", "resolved", "superseded", "all"),
            CliOptions.Enum<Bank>("--bank", "This bank's cases only."),
            CliOptions.Enum<EscrowType>("--type", "This escrow type's cases only."),
            CliOptions.Enum<Category>("--category", "This category's cases only."),
            CliOptions.WholeNumber("--min-age", "Cases open at least this many days."),
            CliOptions.Yuan("--min-amount", "Cases of at least this amount in yuan."),
            CliOptions.Text("--assignee", "Cases assigned to this person.", "NAME"),
            CliOptions.Text("--search", "Cases whose id, account, serial, reference or memo contains this text.", "TEXT"),
            CliOptions.Choice("--format", "Output format (default: table).", "table", "csv", "json"),
            CliOptions.WholeNumber("--limit", $"At most this many rows (0: all; default: {DefaultTableLimit} for a table, all for csv and json)."),
            CliOptions.Store(),
        };
        command.SetHandler(cmd => new DiscrepanciesCommand(services.Context()).ListAsync(cmd).GetAwaiter().GetResult());
        return command;
    }

    private static Command Resolve(CliServices services)
    {
        Command command = Verb(services, "resolve", "Resolve a case with a reason; at or above the store's approval threshold it waits for a second person.",
            "reconcile discrepancies resolve D-3f2a9c01b7e4d5a6 --reason BOOKED_IN_LEDGER --note \"booked 11-07\" --by zhang", (c, cmd) => c.ResolveAsync(cmd),
            CliOptions.Text("--reason", "Why the case is closed.", "BOOKED_IN_LEDGER|ADJUSTED|REFUNDED|RECOVERED|BANK_ERROR|FALSE_ALARM"),
            CliOptions.Note(),
            // Accepted only to be refused with the reason: the threshold is the store's policy, not the maker's choice.
            new Option<string>("--approval-threshold") { Hidden = true });
        return command;
    }

    /// <summary>An action on one case: <c>ID</c>, its own options, <c>--by</c>, <c>--password-stdin</c> and <c>--store</c>.</summary>
    private static Command Verb(
        CliServices services,
        string name,
        string description,
        string example,
        Func<DiscrepanciesCommand, CommandLine, Task<int>> run,
        params Option[] options) => Verb(services, name, description, example, run, actor: true, options);

    /// <summary>A sub-command on one case (an action by a person when <paramref name="actor"/>).</summary>
    private static Command Verb(
        CliServices services,
        string name,
        string description,
        string example,
        Func<DiscrepanciesCommand, CommandLine, Task<int>> run,
        bool actor,
        params Option[] options)
    {
        var command = new Command(name, description + (actor ? Acting : "") + "\n\nExample:\n  " + example)
        {
            new Argument<string[]>("ID") { Description = "The case id (D-…).", Arity = ArgumentArity.ZeroOrMore },
        };
        CliOptions.AddWithStore(command, options, actor);
        command.SetHandler(cmd => run(new DiscrepanciesCommand(services.Context()), cmd).GetAwaiter().GetResult());
        return command;
    }
}
