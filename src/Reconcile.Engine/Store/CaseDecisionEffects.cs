using System.Data.Common;
using Reconcile.Core.Cases;
using Reconcile.Core.Reconciliation;

namespace Reconcile.Engine.Store;

/// <summary>What a decision does when it takes effect: the account's state after it, and the events it makes on other cases.</summary>
internal sealed record CaseDecisionEffect(AccountState StateAfter, IReadOnlyList<CaseEvent> Related);

/// <summary>
/// The effects of the decisions that change an account's carried state, computed in the store's single writer
/// against the state as stored: a resolution, a pairing (which also closes the cases of the other items it pairs), a
/// reopening, and an unmatch (which reopens the pairing's other cases and supersedes its difference finding). A
/// decision the stored state no longer allows is refused (<see cref="CaseChangedException"/>): nothing is written.
/// </summary>
internal static class CaseDecisionEffects
{
    public static CaseDecisionEffect TakeEffect(DbConnection c, ReadModel reads, CaseRow row, CaseState after, AccountState state, CaseEvent e)
    {
        if (after.Pairing is not { } pairing)
        {
            return new CaseDecisionEffect(Resolutions.Apply(state, row.Discrepancy(), after.Resolution!.Value), []);
        }
        IReadOnlyList<string> missing = ManualMatch.Missing(state, pairing);
        if (missing.Count > 0)
        {
            throw new CaseChangedException(
                $"{string.Join(", ", missing)} {(missing.Count == 1 ? "is" : "are")} no longer open in account {row.AccountNo} (matched or resolved meanwhile): " +
                $"the pairing of case {e.CaseId} cannot take effect; look at it again");
        }
        Dictionary<string, CaseRow> others = reads.CaseRows(c, null, pairing.RelatedCaseIds);
        var related = new List<CaseEvent>();
        foreach (string id in pairing.RelatedCaseIds)
        {
            if (others.TryGetValue(id, out CaseRow? other) && other.State.IsOpen)
            {
                related.Add(Related(e, id, CaseEventKind.RESOLVED, $"paired by hand with case {e.CaseId}: {pairing.Describe()}", ResolutionReason.MATCHED) with { Pairing = pairing });
            }
        }
        return new CaseDecisionEffect(ManualMatch.Apply(state, pairing), related);
    }

    public static CaseDecisionEffect Undo(DbConnection c, ReadModel reads, CaseRow row, CaseState before, AccountState state, CaseEvent e)
    {
        if (before.Pairing is not { } pairing)
        {
            ReopenPlan plan = Reopenings.Apply(state, row.Discrepancy(), before.Resolution!.Value);
            return plan.StateAfter is { } reopened
                ? new CaseDecisionEffect(reopened, [])
                : throw new CaseChangedException(plan.Refusal!);
        }
        if (pairing.IsAutomatic && ManualMatch.NotClosed(state, pairing) is { Count: > 0 } notClosed)
        {
            throw new CaseChangedException(
                $"{string.Join(", ", notClosed)} {(notClosed.Count == 1 ? "is" : "are")} open again in account {row.AccountNo} already (or paired by hand since): " +
                $"the ladder's pair of case {e.CaseId} cannot be undone again; look at it again");
        }
        var paired = pairing.RelatedCaseIds.Append(pairing.CaseId).Where(id => id != e.CaseId).ToList();
        string? differenceId = pairing.DifferenceFinding?.Id;
        Dictionary<string, CaseRow> others = reads.CaseRows(c, null, differenceId is null ? paired : paired.Append(differenceId));
        var related = new List<CaseEvent>();
        foreach (string id in paired.Order(StringComparer.Ordinal))
        {
            if (others.TryGetValue(id, out CaseRow? other) && other.State.Status == CaseStatus.RESOLVED && other.State.Pairing?.CaseId == pairing.CaseId)
            {
                related.Add(Related(e, id, CaseEventKind.UNMATCHED, $"unpaired with case {e.CaseId}: {e.Text}", ResolutionReason.MATCHED));
            }
        }
        if (differenceId is not null && others.TryGetValue(differenceId, out CaseRow? difference) && !difference.State.IsClosed)
        {
            related.Add(Related(e, differenceId, CaseEventKind.SUPERSEDED, $"withdrawn: the pairing of case {pairing.CaseId} it stood for was undone", null));
        }
        return new CaseDecisionEffect(ManualMatch.Undo(state, pairing), related);
    }

    private static CaseEvent Related(CaseEvent e, string caseId, CaseEventKind kind, string text, ResolutionReason? reason) =>
        new(caseId, kind, e.At, e.By, text, reason, null, null) { Identity = e.Identity };
}
