using NodaTime;
using Reconcile.Core.Model;

namespace Reconcile.Core.Reconciliation;

/// <summary>
/// What one escrow account carries from one business day into the next: kept in the store after each run.
/// </summary>
/// <param name="LastDate">The last business day reconciled; null for an account with no history.</param>
/// <param name="LastClosing">The bank closing balance of <see cref="LastDate"/>; null when that day had no statement.</param>
/// <param name="OpenItems">Unmatched bank lines and SUCCESS ledger entries, in transit or overdue.</param>
/// <param name="Standing">Open findings that do not clear by matching (AMOUNT_MISMATCH, DIRECTION_MISMATCH,
/// STATUS_MISMATCH, DUPLICATE, WRONG_SUB_ACCOUNT, BALANCE_BREAK, MISSING_STATEMENT): listed every day until
/// a person resolves them; their <see cref="Discrepancy.Effect"/> counts in the proof meanwhile.</param>
/// <param name="Adjustments">Reconciling amounts that resolutions left in the proof (e.g. BOOKED_IN_LEDGER:
/// the ledger books it in a later export); see the README's resolution semantics.</param>
/// <param name="ManualPairs">Pairings a person made since this day was run (<c>discrepancies match</c>); the next run
/// writes each as MANUAL rows of matches.csv and carries none of them further.</param>
public sealed record AccountState(
    string AccountNo,
    LocalDate? LastDate,
    Money? LastClosing,
    IReadOnlyList<OpenItem> OpenItems,
    IReadOnlyList<Discrepancy> Standing,
    IReadOnlyList<ProofAdjustment> Adjustments,
    IReadOnlyList<Cases.Pairing>? ManualPairs = null)
{
    /// <summary>Pairings a person made since the last run (empty when none): the next run writes them as MANUAL matches.</summary>
    public IReadOnlyList<Cases.Pairing> Pairings => ManualPairs ?? [];

    public static AccountState Empty(string accountNo) => new(accountNo, null, null, [], [], []);
}

/// <summary>An amount a resolution keeps in the proof as a named reconciling item until it lapses.</summary>
public sealed record ProofAdjustment(string DiscrepancyId, string Reason, ProofEffect Effect);
