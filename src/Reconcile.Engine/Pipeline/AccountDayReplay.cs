using NodaTime.Text;
using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;
using Reconcile.Engine.Outputs;
using Reconcile.Engine.Store;
using Reconcile.Formats;

namespace Reconcile.Engine.Pipeline;

/// <summary>
/// One account's day as a stored run reconciled it, derived again from the same inputs (the store keeps no pairs: the
/// inputs are hashed in the run record, and the ladder is pure). Reads the day's files of the inbox with the run's
/// readers, keeping only the account's rows, after checking that every file is the one the run read (SHA-256 of the
/// run record); the timing window is the one the run's inputs hash was made with.
/// </summary>
public static class AccountDayReplay
{
    /// <summary>The widest timing window looked for in a run's inputs hash.</summary>
    public const int MaxTimingWindowDays = 366;

    /// <summary>
    /// The account's input of the run's day, with <paramref name="carried"/> as the state carried into it.
    /// </summary>
    /// <exception cref="InputException">A file of the run is missing or changed, or the inbox has a file it did not read.</exception>
    public static AccountDayInput Read(string inbox, RunRecord run, string accountNo, AccountState carried)
    {
        ArgumentNullException.ThrowIfNull(inbox);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(accountNo);
        ArgumentNullException.ThrowIfNull(carried);
        string day = LocalDatePattern.Iso.Format(run.BusinessDate);
        string needed = $"the inputs of the run of {day} are needed to undo an automatic pair";
        InboxLayout layout;
        try
        {
            layout = InboxLayout.Find(inbox, run.BusinessDate);
        }
        catch (InputException e)
        {
            throw new InputException(e.File, e.Line, e.Column, $"{e.Problem} ({needed})");
        }
        Verify(layout, run, needed);
        ReconcileOptions options = OptionsOf(run);

        AccountRegistry registry = AccountsReader.Read(layout.AccountsFile, layout.Relative(layout.AccountsFile));
        if (!registry.TryGet(accountNo, out EscrowAccount account))
        {
            throw new InputException(layout.AccountsFile, 0, null, $"account {accountNo} is not in accounts.csv");
        }
        StatementSummary? statement = null;
        var lines = new List<BankLine>();
        foreach (string file in layout.StatementFiles)
        {
            StatementSummary s = StatementReader.Read(file, registry, l =>
            {
                if (l.AccountNo == accountNo)
                {
                    lines.Add(l);
                }
            }, null, layout.Relative(file));
            if (s.AccountNo == accountNo)
            {
                statement = s;
            }
        }
        var entries = new List<LedgerEntry>();
        LedgerReader.Read(layout.LedgerFile, registry, e =>
        {
            if (e.EscrowAccountNo == accountNo)
            {
                entries.Add(e);
            }
        }, null, layout.Relative(layout.LedgerFile));
        var subAccounts = new List<SubAccountBalance>();
        SubAccountsReader.Read(layout.SubAccountsFile, registry, r =>
        {
            if (r.EscrowAccountNo == accountNo)
            {
                subAccounts.Add(r);
            }
        }, layout.Relative(layout.SubAccountsFile));
        return new AccountDayInput(account, run.BusinessDate, statement, lines, entries, subAccounts, carried, options);
    }

    /// <summary>The timing window the run's inputs hash was made with (<see cref="InputHashes.Combine"/>).</summary>
    public static ReconcileOptions OptionsOf(RunRecord run)
    {
        ArgumentNullException.ThrowIfNull(run);
        for (int window = 0; window <= MaxTimingWindowDays; window++)
        {
            if (string.Equals(InputHashes.Combine(run.Inputs, window), run.InputsHash, StringComparison.Ordinal))
            {
                return new ReconcileOptions(window);
            }
        }
        throw new InvalidOperationException($"run {run.RunId}: its inputs hash fits none of its input files with a timing window of 0–{MaxTimingWindowDays} days");
    }

    private static void Verify(InboxLayout layout, RunRecord run, string needed)
    {
        var read = run.Inputs.ToDictionary(f => f.Path, StringComparer.Ordinal);
        var present = layout.AllFiles.ToDictionary(layout.Relative, StringComparer.Ordinal);
        foreach (InputFile file in run.Inputs.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            if (!present.TryGetValue(file.Path, out string? path))
            {
                throw new InputException(Path.Combine(layout.Inbox, file.Path), 0, null, $"{needed}: {file.Path} is missing (run {run.RunId} read it)");
            }
            string sha = DayOutput.Sha256Of(path);
            if (!string.Equals(sha, file.Sha256, StringComparison.Ordinal))
            {
                throw new InputException(path, 0, null, $"{needed}: {file.Path} changed since run {run.RunId} read it (SHA-256 {sha}, the run read {file.Sha256})");
            }
        }
        foreach ((string relative, string path) in present.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!read.ContainsKey(relative))
            {
                throw new InputException(path, 0, null, $"{needed}: {relative} was not an input of run {run.RunId} (added since)");
            }
        }
    }
}
