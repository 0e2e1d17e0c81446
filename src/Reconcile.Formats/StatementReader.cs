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
    /// Reads a statement file of any bank (recognised from its content), streaming each transaction row to
    /// <paramref name="onLine"/> in file order, and returns what the file says about its account and day.
    /// A running-balance break is reported in <see cref="StatementSummary.Breaks"/>, not thrown.
    /// </summary>
    /// <exception cref="InputException">The file is not a statement of a known layout, names an account that
    /// accounts.csv does not list at that bank, or has a malformed field or a trailer that contradicts its rows.</exception>
    public static StatementSummary Read(string path, AccountRegistry registry, Action<BankLine> onLine, TextPool? pool = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(onLine);
        using CsvInput input = CsvInput.Open(path, recordPerLine: true, pool);
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
