using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;

namespace Reconcile.Core.Cases;

/// <summary>What reopening a resolved case does to the account's state, or why it cannot.</summary>
public sealed record ReopenPlan(AccountState? StateAfter, string? Refusal);

/// <summary>
/// Reopening a resolved case (pure): the resolution's proof adjustment is withdrawn and the finding is back where it
/// was before the resolution — its open item (BANK_ONLY / AMBIGUOUS: the bank line, LEDGER_ONLY: the entries, with
/// their first-seen day) or its standing finding — so the next run lists it again. The unexplained difference does
/// not move (the item's effect replaces the adjustment's), except after FALSE_ALARM, which kept nothing: the
/// finding counts again. A resolution whose adjustment has lapsed against an offsetting one cannot be reopened
/// alone: withdrawing one half would leave the proof wrong.
/// </summary>
public static class Reopenings
{
    public static ReopenPlan Apply(AccountState state, Discrepancy discrepancy, ResolutionReason resolution)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(discrepancy);
        List<ProofAdjustment> adjustments = state.Adjustments.ToList();
        if (Resolutions.Keeps(resolution))
        {
            int at = adjustments.FindIndex(a => a.DiscrepancyId == discrepancy.Id);
            if (at < 0)
            {
                return new ReopenPlan(null,
                    $"case {discrepancy.Id}'s proof adjustment ({resolution}) is no longer in account {discrepancy.AccountNo}'s state: it lapsed against an offsetting resolution, and reopening one half would leave the proof wrong");
            }
            adjustments.RemoveAt(at);
        }

        var open = state.OpenItems.Select(i => i.ItemId).ToHashSet(StringComparer.Ordinal);
        var items = state.OpenItems.ToList();
        var standing = state.Standing.ToList();
        switch (discrepancy.Category)
        {
            case Category.BANK_ONLY:
            case Category.AMBIGUOUS:
                if (discrepancy.BankLine is { } line && !open.Contains("B:" + line.Serial))
                {
                    items.Add(OpenItem.Of(line, discrepancy.FirstSeen) with { FindingId = discrepancy.Id });
                }
                break;
            case Category.LEDGER_ONLY:
                foreach (LedgerEntry entry in discrepancy.Entries)
                {
                    if (!open.Contains("L:" + entry.EntryId))
                    {
                        items.Add(OpenItem.Of(entry, discrepancy.FirstSeen) with { FindingId = discrepancy.Id });
                    }
                }
                break;
            default:
                if (!standing.Exists(d => d.Id == discrepancy.Id))
                {
                    standing.Add(discrepancy);
                }
                break;
        }
        return new ReopenPlan(state with { OpenItems = items, Standing = standing, Adjustments = adjustments }, null);
    }
}
