namespace Reconcile.Cli.Commands;

/// <summary>The entry points of Program's verb table: each runs against the process's store, clock and console.</summary>
public sealed partial class DiscrepanciesCommand
{
    public const string ListUsage = "discrepancies list [--status open|resolved|superseded|all] [--bank B] [--type T] [--category C] [--min-age N] [--min-amount X] [--assignee NAME] [--search TEXT] [--format table|csv|json] [--limit N] [--store X]";
    public const string ShowUsage = "discrepancies show ID [--store X]";
    public const string AssignUsage = "discrepancies assign ID --to NAME [--by NAME] [--password-stdin] [--store X]";
    public const string CommentUsage = "discrepancies comment ID --text TEXT --by NAME [--password-stdin] [--store X]";
    public const string ResolveUsage = "discrepancies resolve ID --reason BOOKED_IN_LEDGER|ADJUSTED|REFUNDED|RECOVERED|BANK_ERROR|FALSE_ALARM --note TEXT --by NAME [--password-stdin] [--store X]";
    public const string ApproveUsage = "discrepancies approve ID --by NAME [--password-stdin] [--store X]";
    public const string RejectUsage = "discrepancies reject ID --by NAME --note TEXT [--password-stdin] [--store X]";
    public const string MatchUsage = "discrepancies match ID --with ITEM[,ITEM...] [--difference X] [--note TEXT] --by NAME [--password-stdin] [--store X]";
    public const string UnmatchUsage = "discrepancies unmatch ID --note TEXT --by NAME [--password-stdin] [--store X]";
    public const string ReopenUsage = "discrepancies reopen ID --note TEXT --by NAME [--password-stdin] [--store X]";

    public static int List(CommandLine cmd) => Invoke(c => c.ListAsync(cmd));

    public static int Show(CommandLine cmd) => Invoke(c => c.ShowAsync(cmd));

    public static int Assign(CommandLine cmd) => Invoke(c => c.AssignAsync(cmd));

    public static int Comment(CommandLine cmd) => Invoke(c => c.CommentAsync(cmd));

    public static int Resolve(CommandLine cmd) => Invoke(c => c.ResolveAsync(cmd));

    public static int Approve(CommandLine cmd) => Invoke(c => c.ApproveAsync(cmd));

    public static int Reject(CommandLine cmd) => Invoke(c => c.RejectAsync(cmd));

    public static int Match(CommandLine cmd) => Invoke(c => c.MatchAsync(cmd));

    public static int Unmatch(CommandLine cmd) => Invoke(c => c.UnmatchAsync(cmd));

    public static int Reopen(CommandLine cmd) => Invoke(c => c.ReopenAsync(cmd));

    private static int Invoke(Func<DiscrepanciesCommand, Task<int>> command) =>
        command(new DiscrepanciesCommand(StoreCommandContext.ForProcess())).GetAwaiter().GetResult();
}
