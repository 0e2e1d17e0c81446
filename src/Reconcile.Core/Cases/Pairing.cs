using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;

namespace Reconcile.Core.Cases;

/// <summary>
/// A person's pairing of open items of one escrow account (<c>discrepancies match</c>): one or more bank lines with
/// one or more ledger entries, all in one direction. The items are kept whole (with their first-seen day and the
/// finding each stood for), so an unmatch puts them back exactly as they were.
/// </summary>
/// <param name="CaseId">The case the pairing was decided on.</param>
/// <param name="Items">The bank lines, then the entries, in the order the person named them.</param>
/// <param name="DifferenceFinding">When the sums differ, the AMOUNT_MISMATCH the person named for the difference: it
/// stays open (standing) until resolved on its own. For an automatic pair: the finding the ladder made on the pair
/// (AMOUNT_MISMATCH, …), withdrawn with the pair.</param>
public sealed record Pairing(string CaseId, string AccountNo, IReadOnlyList<OpenItem> Items, Discrepancy? DifferenceFinding)
{
    /// <summary>The ladder's rule when the ladder made the pair (<c>matches unmatch</c> undoes it); null for a pair made by hand.</summary>
    public MatchRule? Rule { get; init; }

    /// <summary>The business day the ladder made the pair (with <see cref="Rule"/>).</summary>
    public NodaTime.LocalDate? PairedOn { get; init; }

    /// <summary>Made by the ladder, not by a person.</summary>
    public bool IsAutomatic => Rule is not null;

    public IEnumerable<OpenItem> BankItems => Items.Where(i => i.Side == OpenSide.Bank);

    public IEnumerable<OpenItem> LedgerItems => Items.Where(i => i.Side == OpenSide.Ledger);

    public Money BankSum => Sum(BankItems);

    public Money LedgerSum => Sum(LedgerItems);

    /// <summary>Bank sum − ledger sum.</summary>
    public Money Difference => BankSum - LedgerSum;

    /// <summary>The larger of the two sums: what maker-checker judges.</summary>
    public Money Amount => Money.Max(BankSum, LedgerSum);

    /// <summary>Other cases the paired items stood for (their findings close with the pairing).</summary>
    public IReadOnlyList<string> RelatedCaseIds => Items
        .Select(i => i.FindingId)
        .Where(id => id is not null && !string.Equals(id, CaseId, StringComparison.Ordinal))
        .Select(id => id!)
        .Distinct(StringComparer.Ordinal)
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>"B:S1 + B:S2 ↔ L:E1 (bank 1,000.00, ledger 1,000.00)" for history and messages.</summary>
    public string Describe()
    {
        string bank = string.Join(" + ", BankItems.Select(i => i.ItemId));
        string ledger = string.Join(" + ", LedgerItems.Select(i => i.ItemId));
        string difference = Difference.IsZero ? "" : $", difference {Difference} kept open as {DifferenceFinding?.Id}";
        return $"{bank} ↔ {ledger} (bank {BankSum}, ledger {LedgerSum}{difference})";
    }

    private static Money Sum(IEnumerable<OpenItem> items)
    {
        Money sum = Money.Zero;
        foreach (OpenItem item in items)
        {
            sum += item.Amount;
        }
        return sum;
    }
}
