using NodaTime;
using Reconcile.Core.Model;

namespace Reconcile.Core.Reconciliation;

/// <summary>
/// A finding of one escrow account that a person must look at. <see cref="Id"/> is stable: derived from the
/// category, the account and the keys of the items involved, so the same finding keeps its id on re-runs and
/// later days (see <see cref="DiscrepancyId"/>).
/// </summary>
/// <param name="Direction">IN/OUT of the bank line (or of the entry when there is no bank line); null for
/// account-level findings (BALANCE_BREAK, MISSING_STATEMENT).</param>
/// <param name="LedgerEntryIds">Ordinal-sorted entry ids; several for a batch.</param>
/// <param name="FirstSeen">The business day the finding (or the open item it grew from) was first seen.</param>
/// <param name="Effect">What the finding adds to the proof's one-sided sums while it stays open.</param>
/// <param name="BankLine">The bank line involved, when there is one (for `show`).</param>
/// <param name="Entries">The ledger entries involved (for `show`).</param>
/// <param name="Candidates">AMBIGUOUS: the candidates the rung could not choose between; other findings:
/// candidates a rung considered and rejected, with why.</param>
public sealed record Discrepancy(
    string Id,
    Category Category,
    Bank Bank,
    EscrowType Type,
    string AccountNo,
    Direction? Direction,
    Money? BankAmount,
    Money? LedgerAmount,
    string? BankSerial,
    IReadOnlyList<string> LedgerEntryIds,
    string? ContractNo,
    string? SubAccountNo,
    LocalDate FirstSeen,
    string Detail,
    ProofEffect Effect,
    BankLine? BankLine,
    IReadOnlyList<LedgerEntry> Entries,
    IReadOnlyList<Candidate> Candidates)
{
    public int AgeOn(LocalDate businessDate) => Period.Between(FirstSeen, businessDate, PeriodUnits.Days).Days;

    /// <summary>The larger of the two sides' amounts (for severity and --min-amount).</summary>
    public Money MaxAmount => Money.Max(BankAmount ?? Money.Zero, LedgerAmount ?? Money.Zero);
}

/// <summary>A ledger entry (or bank line) a rung of the ladder considered for a bank line, and why it was not taken.</summary>
public sealed record Candidate(string Rung, string ItemId, Money Amount, string Reason);
