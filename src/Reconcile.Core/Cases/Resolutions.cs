using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;

namespace Reconcile.Core.Cases;

/// <summary>
/// What a resolution that takes effect does to an account's carried state (pure). The store calls it when it appends
/// a RESOLVED or APPROVED event.
/// <list type="number">
/// <item>The finding leaves the state: its open item (BANK_ONLY, AMBIGUOUS: the bank line; LEDGER_ONLY: the entry;
/// an AMBIGUOUS line's candidates stay open and are judged on their own) and its standing finding. It is no longer
/// listed in the next run's discrepancies.csv and can no longer be matched.</item>
/// <item>What it added to the proof's one-sided sums (what was actually taken out, nothing when it was already
/// gone) stays as a <see cref="ProofAdjustment"/> named for the reason, except for FALSE_ALARM, which keeps
/// nothing (the finding was not real, so the proof must balance without it).</item>
/// <item>An adjustment lapses when a later resolution leaves an adjustment that offsets it exactly (the two cancel
/// in the unexplained difference): the ledger's catch-up entry of a BOOKED_IN_LEDGER, the bank's correction of a
/// BANK_ERROR, the counter-movement of a REFUNDED / RECOVERED, once resolved themselves. A lapse never changes the
/// unexplained difference; it only tidies the one-sided sums. Nothing lapses by time.</item>
/// </list>
/// </summary>
public static class Resolutions
{
    public static AccountState Apply(AccountState state, Discrepancy discrepancy, ResolutionReason reason)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(discrepancy);

        HashSet<string> itemIds = OpenItemIdsOf(discrepancy);
        var keptOpen = new List<OpenItem>(state.OpenItems.Count);
        ProofEffect removed = ProofEffect.None;
        foreach (OpenItem item in state.OpenItems)
        {
            if (itemIds.Contains(item.ItemId))
            {
                removed += StateEffects.Of(item);
            }
            else
            {
                keptOpen.Add(item);
            }
        }
        var keptStanding = new List<Discrepancy>(state.Standing.Count);
        foreach (Discrepancy finding in state.Standing)
        {
            if (string.Equals(finding.Id, discrepancy.Id, StringComparison.Ordinal))
            {
                removed += finding.Effect;
            }
            else
            {
                keptStanding.Add(finding);
            }
        }

        IReadOnlyList<ProofAdjustment> adjustments = state.Adjustments;
        if (Keeps(reason) && removed != ProofEffect.None)
        {
            adjustments = WithAdjustment(state.Adjustments, new ProofAdjustment(discrepancy.Id, reason.ToString(), removed));
        }
        return state with { OpenItems = keptOpen, Standing = keptStanding, Adjustments = adjustments };
    }

    /// <summary>Whether a resolution with this reason keeps the finding's effect in the proof as an adjustment.</summary>
    public static bool Keeps(ResolutionReason reason) => reason != ResolutionReason.FALSE_ALARM;

    /// <summary>The open items a finding stands for: BANK_ONLY / AMBIGUOUS its bank line, LEDGER_ONLY its entries.</summary>
    public static HashSet<string> OpenItemIdsOf(Discrepancy discrepancy)
    {
        ArgumentNullException.ThrowIfNull(discrepancy);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        switch (discrepancy.Category)
        {
            case Category.BANK_ONLY:
            case Category.AMBIGUOUS:
                if (!string.IsNullOrEmpty(discrepancy.BankSerial))
                {
                    ids.Add("B:" + discrepancy.BankSerial);
                }
                break;
            case Category.LEDGER_ONLY:
                foreach (string entryId in discrepancy.LedgerEntryIds)
                {
                    ids.Add("L:" + entryId);
                }
                break;
        }
        return ids;
    }

    /// <summary>Adds an adjustment, or lapses it together with the first earlier one (by id) that offsets it exactly.</summary>
    private static IReadOnlyList<ProofAdjustment> WithAdjustment(IReadOnlyList<ProofAdjustment> existing, ProofAdjustment added)
    {
        if (existing.Any(a => string.Equals(a.DiscrepancyId, added.DiscrepancyId, StringComparison.Ordinal)))
        {
            return existing;
        }
        long net = StateEffects.Net(added.Effect);
        ProofAdjustment? offset = net == 0
            ? null
            : existing
                .Where(a => StateEffects.Net(a.Effect) == -net)
                .OrderBy(a => a.DiscrepancyId, StringComparer.Ordinal)
                .FirstOrDefault();
        if (offset is null)
        {
            return [.. existing, added];
        }
        return existing.Where(a => !ReferenceEquals(a, offset)).ToList();
    }
}
