using Reconcile.Core.Model;

namespace Reconcile.Formats;

// Public entry points of the readers. Every reader streams (constant memory in the number of rows), keeps
// each row's file and physical line (SourceRef) and throws InputException for input it cannot accept.

public static class AccountsReader
{
    public static AccountRegistry Read(string path) => throw new NotImplementedException("formats helper");
}

public static class StatementReader
{
    /// <summary>
    /// Reads a statement file of any bank (recognised from its content), streaming each transaction row to
    /// <paramref name="onLine"/> in file order, and returns what the file says about its account and day.
    /// A running-balance break is reported in <see cref="StatementSummary.Breaks"/>, not thrown.
    /// </summary>
    public static StatementSummary Read(string path, AccountRegistry registry, Action<BankLine> onLine) =>
        throw new NotImplementedException("formats helper");
}

public static class LedgerReader
{
    /// <summary>Streams ledger.csv rows to <paramref name="onEntry"/>; returns the row count.</summary>
    public static int Read(string path, AccountRegistry registry, Action<LedgerEntry> onEntry) =>
        throw new NotImplementedException("formats helper");
}

public static class SubAccountsReader
{
    /// <summary>Streams subaccounts.csv rows to <paramref name="onRow"/>; returns the row count.</summary>
    public static int Read(string path, AccountRegistry registry, Action<SubAccountBalance> onRow) =>
        throw new NotImplementedException("formats helper");
}
