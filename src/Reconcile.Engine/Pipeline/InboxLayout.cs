using System.IO.Enumeration;
using NodaTime;
using NodaTime.Text;
using Reconcile.Core.Model;
using Reconcile.Formats;

namespace Reconcile.Engine.Pipeline;

/// <summary>
/// The files of one business day in the inbox (FORMATS.md): <c>accounts.csv</c>, and under <c>&lt;yyyy-MM-dd&gt;/</c>
/// <c>statements/*</c>, <c>ledger.csv</c> and <c>subaccounts.csv</c>. Paths are as given (inbox joined with the
/// file's place); <see cref="Relative"/> gives the inbox-relative form used in manifests and the inputs hash.
/// </summary>
public sealed record InboxLayout(
    string Inbox,
    LocalDate BusinessDate,
    string DayFolder,
    string AccountsFile,
    IReadOnlyList<string> StatementFiles,
    string LedgerFile,
    string SubAccountsFile)
{
    /// <summary>Every input file: accounts, statements (by name), ledger, sub-accounts.</summary>
    public IEnumerable<string> AllFiles => new[] { AccountsFile }.Concat(StatementFiles).Append(LedgerFile).Append(SubAccountsFile);

    /// <summary>The file of statements/ that names the files to ignore there.</summary>
    public const string IgnoreFile = ".reconcileignore";

    /// <summary>
    /// Finds the day's files. A missing inbox, day folder, statements folder, accounts.csv, ledger.csv or
    /// subaccounts.csv is an <see cref="InputException"/>. Statement files are the files of statements/, ordinal by
    /// name, whatever their extension, except the ignored ones (<see cref="Ignored"/>); each must be a statement of a
    /// layout a reader knows (<see cref="StatementReader.Recognise"/>), so a stray file is an input error found here,
    /// before anything is opened or written, rather than a statement silently missing. So is a folder in statements/
    /// that is not ignored (its files would not be read).
    /// </summary>
    public static InboxLayout Find(string inbox, LocalDate businessDate)
    {
        string day = LocalDatePattern.Iso.Format(businessDate);
        if (!Directory.Exists(inbox))
        {
            throw new InputException(inbox, 0, null, "the inbox folder does not exist");
        }
        string accounts = Path.Combine(inbox, "accounts.csv");
        RequireFile(accounts, "the registry of escrow accounts");
        string dayFolder = Path.Combine(inbox, day);
        if (!Directory.Exists(dayFolder))
        {
            throw new InputException(dayFolder, 0, null, $"there is no inbox folder for {day}: expected {day}/statements/, {day}/ledger.csv and {day}/subaccounts.csv");
        }
        string statements = Path.Combine(dayFolder, "statements");
        if (!Directory.Exists(statements))
        {
            throw new InputException(statements, 0, null, $"the folder of the bank statements of {day} is missing");
        }
        string ledger = Path.Combine(dayFolder, "ledger.csv");
        RequireFile(ledger, $"the ledger export of {day}");
        string subAccounts = Path.Combine(dayFolder, "subaccounts.csv");
        RequireFile(subAccounts, $"the sub-account balances at the end of {day}");
        IReadOnlyList<string> ignore = IgnorePatterns(statements);
        string? folder = Directory.EnumerateDirectories(statements)
            .Where(d => !Ignored(Path.GetFileName(d), ignore))
            .Order(StringComparer.Ordinal)
            .FirstOrDefault();
        if (folder is not null)
        {
            throw new InputException(folder, 0, null,
                $"found a folder among the statements of {day}: statements are read from {day}/statements/ itself, not from folders in it (move its files up, or name the folder in statements/{IgnoreFile})");
        }
        var statementFiles = Directory.EnumerateFiles(statements)
            .Where(f => !Ignored(Path.GetFileName(f), ignore))
            .OrderBy(f => Path.GetFileName(f), StringComparer.Ordinal)
            .ToList();
        foreach (string file in statementFiles)
        {
            _ = StatementReader.Recognise(file);
        }
        return new InboxLayout(inbox, businessDate, dayFolder, accounts, statementFiles, ledger, subAccounts);
    }

    /// <summary>The file's path relative to the inbox, with '/' separators: "2024-11-06/statements/ceb_1.csv".</summary>
    public string Relative(string path) => Path.GetRelativePath(Inbox, path).Replace('\\', '/');

    /// <summary>
    /// Whether a file of statements/ is not an input: a hidden file (name starting with '.', which covers
    /// <see cref="IgnoreFile"/> itself) or one whose name matches a pattern of <see cref="IgnoreFile"/>
    /// (a file name, or a glob with <c>*</c> and <c>?</c>; case-insensitive).
    /// </summary>
    public static bool Ignored(string fileName, IReadOnlyList<string> patterns) =>
        fileName.StartsWith('.') || patterns.Any(p => FileSystemName.MatchesSimpleExpression(p, fileName, ignoreCase: true));

    /// <summary>
    /// The patterns of <c>statements/.reconcileignore</c>, if there is one: one per line, trimmed; blank lines and lines
    /// starting with '#' are skipped.
    /// </summary>
    public static IReadOnlyList<string> IgnorePatterns(string statementsFolder)
    {
        string path = Path.Combine(statementsFolder, IgnoreFile);
        if (!File.Exists(path))
        {
            return [];
        }
        return File.ReadAllLines(path)
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .ToList();
    }

    private static void RequireFile(string path, string what)
    {
        if (!File.Exists(path))
        {
            throw new InputException(path, 0, null, $"file not found: {what} is expected here");
        }
    }
}
