using NodaTime;

namespace Reconcile.Cli.Commands;

/// <summary>
/// <c>reconcile matches unmatch --account A --serial S --inbox DIR</c>: undoes a pair the ladder made. The pair is
/// found again from the day's inputs (which must be the files the run read) and undone through the unmatch of the bank
/// line's case, with the same roles, maker-checker and history as <c>discrepancies unmatch</c>.
/// </summary>
public sealed partial class DiscrepanciesCommand
{
    public Task<int> MatchesUnmatchAsync(CommandLine cmd, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(cmd);
        if (cmd.Positionals.Count > 0)
        {
            throw new UsageException("name the pair with --account and --serial (no case id: for a pair made by hand use `reconcile discrepancies unmatch ID`)");
        }
        string account = cmd.Required("account");
        string serial = cmd.Required("serial");
        string inbox = cmd.Required("inbox");
        LocalDate? date = cmd.OptionalDate("date");
        string? note = cmd.Optional("note");
        return ActAsync(cmd, "matches unmatch", (a, actor) => a.UnmatchAutomaticAsync(actor, account, serial, inbox, date, note, ct), ct);
    }
}
