using Reconcile.Core.Cases;
using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;
using Reconcile.Engine.Store;

namespace Reconcile.Application;

/// <summary>
/// The running sum of a pairing being put together in the workbench: the case's own items and the ticked ones,
/// summed per side, the difference, and what <see cref="ManualMatch.Plan"/> would say of them (the same rules the
/// Match action applies when it is sent).
/// </summary>
public sealed record MatchPreview(Money BankSum, Money LedgerSum, int Items, string? Problem)
{
    public Money Difference => BankSum - LedgerSum;

    public static MatchPreview Of(CaseDetail detail, IReadOnlyList<OpenItem> pairable, IReadOnlyList<string> ticked, string? difference)
    {
        ArgumentNullException.ThrowIfNull(detail);
        ArgumentNullException.ThrowIfNull(pairable);
        ArgumentNullException.ThrowIfNull(ticked);
        HashSet<string> own = Resolutions.OpenItemIdsOf(detail.Discrepancy);
        var chosen = new HashSet<string>(own.Concat(ticked), StringComparer.Ordinal);
        Money bank = Money.Zero;
        Money ledger = Money.Zero;
        int count = 0;
        foreach (OpenItem item in pairable.Where(i => chosen.Contains(i.ItemId)))
        {
            count++;
            if (item.Side == OpenSide.Bank)
            {
                bank += item.Amount;
            }
            else
            {
                ledger += item.Amount;
            }
        }
        Money? named = !string.IsNullOrWhiteSpace(difference) && Money.TryParseYuan(difference.Trim(), out Money d) ? d : null;
        AccountState state = AccountState.Empty(detail.Summary.AccountNo) with { OpenItems = pairable };
        string? problem = ticked.Count == 0
            ? "tick the counter-items to pair with this case"
            : ManualMatch.Plan(detail.Discrepancy, state, ticked, named).Refusal;
        return new MatchPreview(bank, ledger, count, problem);
    }
}
