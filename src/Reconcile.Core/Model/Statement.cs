using NodaTime;

namespace Reconcile.Core.Model;

/// <summary>
/// What a statement file says about its account and day, once every row has been read. The rows themselves
/// are streamed to the caller as <see cref="BankLine"/>s and are not held here.
/// </summary>
/// <param name="File">The statement file's path as given.</param>
/// <param name="BookingDate">The day the statement covers (CEB 查询期间; CITIC/PAB the rows' booking day;
/// a PAB file with no rows: the date in its file name).</param>
/// <param name="Opening">CEB 期初余额, CITIC 上日余额, PAB 期末余额 − 净额.</param>
/// <param name="Closing">The balance after the last row (CEB), 本日余额 (CITIC), 期末余额 (PAB).</param>
/// <param name="Credits">Sum of IN rows.</param>
/// <param name="Debits">Sum of OUT rows (positive).</param>
/// <param name="Breaks">Rows whose printed running balance does not follow from the one before.</param>
public sealed record StatementSummary(
    string File,
    Bank Bank,
    string AccountNo,
    LocalDate BookingDate,
    Money Opening,
    Money Closing,
    Money Credits,
    Money Debits,
    int LineCount,
    IReadOnlyList<RunningBalanceBreak> Breaks);

/// <summary>A row whose printed balance is not the previous balance plus the row's signed amount.</summary>
public sealed record RunningBalanceBreak(SourceRef Source, string Serial, Money Expected, Money Printed);
