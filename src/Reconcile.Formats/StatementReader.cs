using Reconcile.Core.Model;

namespace Reconcile.Formats;

public static class StatementReader
{
    /// <summary>
    /// The <see cref="RunningBalanceBreak.Serial"/> of a break on a CITIC 本日余额 row (which has no serial of its
    /// own): the printed closing balance disagrees with the balance after the last transaction.
    /// </summary>
    public const string ClosingSerial = "CLOSING";

    /// <summary>
    /// The bank whose statement layout the file at <paramref name="path"/> has, recognised from its first non-blank line
    /// as <see cref="Read"/> does, without reading further; null for a camt.053 or MT940 statement, whose bank is the
    /// one accounts.csv lists for the account it names. A file no reader claims (an empty file, a note, an XML
    /// statement, a CSV of another layout) is an <see cref="InputException"/> naming the file and the layouts expected.
    /// </summary>
    public static Bank? Recognise(string path)
    {
        if (StatementFormats.Sniff(path) != StatementFormat.Csv)
        {
            return null; // camt.053 / MT940: the bank is the one accounts.csv gives the statement's account
        }
        using CsvInput input = CsvInput.Open(path, recordPerLine: true, allowGb18030: true, strict: false);
        bool any;
        try
        {
            any = input.ReadRecord();
        }
        catch (InputException e)
        {
            throw new InputException(e.File, e.Line, null, Unclaimed("text that is not comma-separated"));
        }
        if (!any)
        {
            throw input.FileError(Unclaimed("an empty file"));
        }
        return StatementLayout.TryDetect(input) ?? throw input.Error(null, Unclaimed($"'{input.Describe()}'"));
    }

    private static string Unclaimed(string found) =>
        $"found {found}: no statement reader recognises this file; expected {StatementLayout.Expected}, {StatementFormats.Expected} "
        + "(a file that is not a statement can be named in statements/.reconcileignore)";

    /// <summary>
    /// Reads a statement file of any bank (recognised from its content), streaming each transaction row to
    /// <paramref name="onLine"/> in file order, and returns what the file says about its account and day.
    /// A running-balance break is reported in <see cref="StatementSummary.Breaks"/>, not thrown.
    /// </summary>
    /// <exception cref="InputException">The file is not a statement of a known layout, names an account that
    /// accounts.csv does not list at that bank, or has a malformed field or a trailer that contradicts its rows.</exception>
    /// <param name="name">What the lines' <see cref="BankLine.Source"/> (and the breaks') name the file by, e.g. its
    /// inbox-relative path; default <paramref name="path"/>. Messages always name <paramref name="path"/>.</param>
    public static StatementSummary Read(string path, AccountRegistry registry, Action<BankLine> onLine, TextPool? pool = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(onLine);
        switch (StatementFormats.Sniff(path))
        {
            case StatementFormat.Camt053:
                return CamtStatementReader.Read(path, name ?? path, registry, onLine, pool ?? new TextPool());
            case StatementFormat.Mt940:
                return Mt940StatementReader.Read(path, name ?? path, registry, onLine, pool ?? new TextPool());
        }
        using CsvInput input = CsvInput.Open(path, recordPerLine: true, pool, name, allowGb18030: true);
        if (!input.ReadRecord())
        {
            throw input.FileError($"found an empty file, expected {StatementLayout.Expected}");
        }
        return StatementLayout.Detect(input) switch
        {
            Bank.CEB => CebStatementReader.Read(input, registry, onLine),
            Bank.CITIC => CiticStatementReader.Read(input, registry, onLine),
            _ => PabStatementReader.Read(input, registry, onLine),
        };
    }
}
