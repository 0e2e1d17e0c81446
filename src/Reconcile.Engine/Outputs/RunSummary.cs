using NodaTime;
using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;
using Reconcile.Engine.Store;

namespace Reconcile.Engine.Outputs;

/// <summary>What the pipeline counted in one partition (bank × escrow type) while it read and reconciled.</summary>
/// <param name="MatchedBankLines">Today's bank lines that were paired today (a reversal pair counts both rows).</param>
public sealed record PartitionCounts(Bank Bank, EscrowType Type, int Accounts, long BankLines, long LedgerEntries, long MatchedBankLines);

/// <summary>The figures of one partition (or of the whole run, when <see cref="Bank"/> and <see cref="Type"/> are null).</summary>
/// <param name="Pairs">Rows of matches.csv (pairs made today, carried ones and reversals included).</param>
/// <param name="Discrepancies">Open discrepancies listed today, by category (every category present, zero or not).</param>
public sealed record PartitionSummary(
    Bank? Bank,
    EscrowType? Type,
    int Accounts,
    long BankLines,
    long LedgerEntries,
    long MatchedBankLines,
    long Pairs,
    IReadOnlyDictionary<Category, int> Discrepancies,
    int InTransit,
    int UnbalancedAccounts,
    int MissingStatements,
    int BalanceBreaks)
{
    public int DiscrepancyTotal => Discrepancies.Values.Sum();

    /// <summary>Matched bank lines / bank lines; null when there were no bank lines.</summary>
    public double? AutoMatchRate => BankLines == 0 ? null : (double)MatchedBankLines / BankLines;

    /// <summary>Accounts the proof does not clear: UNBALANCED, MISSING_STATEMENT, or with an open BALANCE_BREAK.</summary>
    public bool HasFindings => UnbalancedAccounts > 0 || MissingStatements > 0 || BalanceBreaks > 0;
}

/// <summary>Milliseconds spent in each phase of a run.</summary>
/// <param name="Read">Reading and validating the inputs (registry, statements, ledger, sub-accounts).</param>
/// <param name="Match">Reconciling the accounts (the core matches and proves each account in one call).</param>
/// <param name="Proof">Gathering the accounts' proofs into the run's verdict and figures.</param>
/// <param name="Store">Loading the carried state and committing the run.</param>
/// <param name="Write">Writing the CSV outputs.</param>
public sealed record PhaseTimings(long Read, long Match, long Proof, long Store, long Write);

/// <summary>summary.json: the run's figures per bank × escrow type and in total.</summary>
/// <param name="Committed">False when the same day, scope and inputs had already been committed (nothing new stored).</param>
public sealed record RunSummary(
    LocalDate BusinessDate,
    string RunId,
    bool Committed,
    RunScope Scope,
    int TimingWindowDays,
    IReadOnlyList<PartitionSummary> Partitions,
    PartitionSummary Totals,
    long ElapsedMs,
    PhaseTimings Phases)
{
    /// <summary>True when every account is BALANCED with no BALANCE_BREAK (exit 0); else exit 1.</summary>
    public bool AllBalanced => !Totals.HasFindings;

    /// <summary>
    /// Builds the figures of each partition from its counts and its accounts' results, ordered by (bank, type).
    /// </summary>
    public static (IReadOnlyList<PartitionSummary> Partitions, PartitionSummary Totals) Figures(
        IReadOnlyList<PartitionCounts> counts,
        IReadOnlyList<AccountDayResult> results)
    {
        var byKey = results.ToLookup(r => (r.Account.Bank, r.Account.Type));
        var partitions = counts
            .OrderBy(c => c.Bank.ToString(), StringComparer.Ordinal)
            .ThenBy(c => c.Type.ToString(), StringComparer.Ordinal)
            .Select(c => Summarise(c.Bank, c.Type, c.Accounts, c.BankLines, c.LedgerEntries, c.MatchedBankLines, byKey[(c.Bank, c.Type)].ToList()))
            .ToList();
        PartitionSummary totals = Summarise(
            null,
            null,
            counts.Sum(c => c.Accounts),
            counts.Sum(c => c.BankLines),
            counts.Sum(c => c.LedgerEntries),
            counts.Sum(c => c.MatchedBankLines),
            results);
        return (partitions, totals);
    }

    /// <summary>
    /// The figures of a day's folder whose partitions come partly from this run (<paramref name="ran"/>) and partly
    /// from earlier runs of the day (<paramref name="kept"/>, as their summary.json gave them): every partition ordered
    /// by (bank, type), the totals summed over them.
    /// </summary>
    public static (IReadOnlyList<PartitionSummary> Partitions, PartitionSummary Totals) Merge(
        IReadOnlyList<PartitionSummary> ran,
        IReadOnlyList<PartitionSummary> kept)
    {
        ArgumentNullException.ThrowIfNull(ran);
        ArgumentNullException.ThrowIfNull(kept);
        var partitions = ran.Concat(kept)
            .OrderBy(p => p.Bank.ToString(), StringComparer.Ordinal)
            .ThenBy(p => p.Type.ToString(), StringComparer.Ordinal)
            .ToList();
        var byCategory = Enum.GetValues<Category>().ToDictionary(c => c, c => partitions.Sum(p => p.Discrepancies.TryGetValue(c, out int n) ? n : 0));
        var totals = new PartitionSummary(
            null,
            null,
            partitions.Sum(p => p.Accounts),
            partitions.Sum(p => p.BankLines),
            partitions.Sum(p => p.LedgerEntries),
            partitions.Sum(p => p.MatchedBankLines),
            partitions.Sum(p => p.Pairs),
            byCategory,
            partitions.Sum(p => p.InTransit),
            partitions.Sum(p => p.UnbalancedAccounts),
            partitions.Sum(p => p.MissingStatements),
            partitions.Sum(p => p.BalanceBreaks));
        return (partitions, totals);
    }

    private static PartitionSummary Summarise(
        Bank? bank,
        EscrowType? type,
        int accounts,
        long bankLines,
        long ledgerEntries,
        long matched,
        IReadOnlyCollection<AccountDayResult> results)
    {
        var byCategory = Enum.GetValues<Category>().ToDictionary(c => c, _ => 0);
        foreach (Discrepancy d in results.SelectMany(r => r.Discrepancies))
        {
            byCategory[d.Category]++;
        }
        return new PartitionSummary(
            bank,
            type,
            accounts,
            bankLines,
            ledgerEntries,
            matched,
            results.Sum(r => (long)r.Matches.Count),
            byCategory,
            results.Sum(r => r.InTransit.Count),
            results.Count(r => r.Inventory.Status == InventoryStatus.UNBALANCED),
            results.Count(r => r.Inventory.Status == InventoryStatus.MISSING_STATEMENT),
            results.Count(HasBalanceBreak));
    }

    /// <summary>The account has a BALANCE_BREAK found today or still open from an earlier day.</summary>
    public static bool HasBalanceBreak(AccountDayResult result) =>
        result.HasBalanceBreak || result.Discrepancies.Any(d => d.Category == Category.BALANCE_BREAK);
}
