using Reconcile.Core.Model;

namespace Reconcile.Core.Reconciliation;

/// <summary>
/// Account-level findings (RULES.md): BALANCE_BREAK for each row whose printed balance does not follow and for an
/// opening that is not the stored closing of D−1; MISSING_STATEMENT when an opened account has no statement.
/// Both are standing and move nothing in the proof.
/// </summary>
internal static class AccountFindings
{
    public static void Find(AccountDayInput input, List<Discrepancy> found)
    {
        StatementSummary? statement = input.Statement;
        if (statement is null)
        {
            if (input.Account.OpenedOn <= input.BusinessDate)
            {
                found.Add(Findings.MissingStatement(input.Account, input.BusinessDate));
            }
            return;
        }
        foreach (RunningBalanceBreak broken in statement.Breaks)
        {
            found.Add(Findings.RunningBreak(input.Account, input.BusinessDate, broken));
        }
        AccountState previous = input.Previous;
        if (previous.LastDate == input.BusinessDate.PlusDays(-1)
            && previous.LastClosing is { } lastClosing
            && statement.Opening != lastClosing)
        {
            found.Add(Findings.OpeningBreak(input.Account, input.BusinessDate, statement.Opening, lastClosing));
        }
    }
}
