using Reconcile.Core.Model;

namespace Reconcile.Core.Reconciliation;

/// <summary>
/// Reconciles one escrow account for one business day (RULES.md): reversal pairs and duplicates leave the pool, the
/// seven rungs pair what they can, what is left is carried and aged, account-level findings are added, standing
/// findings are listed again, and the balance proof is drawn up. Pure and deterministic: the result depends on the
/// inputs' content only, never on the order of lines or entries beyond statement order.
/// </summary>
public static class AccountReconciler
{
    public static AccountDayResult Reconcile(AccountDayInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        Validate(input);

        DayPool pool = DayPool.Create(input);
        Reversals.Apply(pool);
        LedgerKeys keys = LedgerDuplicates.Apply(pool);
        pool.FindRetained(); // today's serials and refs against those matched on earlier days
        BankSerialRung.Run(pool, keys); // also the duplicate bank serials, in the same pass
        PaymentRefRung.Run(pool, keys);
        RetainedDuplicates.CheckRefs(pool, keys); // a ref paid on an earlier day that no entry claims again
        BatchRung.Run(pool);
        SubAccountRung.Run(pool);
        CounterpartyRung.Run(pool);
        if (SumCandidates.Build(pool) is { } sums)
        {
            SplitRung.Run(pool, sums);
            PartialRung.Run(pool, sums);
        }
        ClosedDay closed = DayClose.Close(pool);

        var foundToday = new List<Discrepancy>(pool.Standing);
        AccountFindings.Find(input, foundToday);
        bool balanceBreak = foundToday.Exists(d => d.Category == Category.BALANCE_BREAK);
        List<Discrepancy> standing = StandingAfter(input.Previous.Standing, foundToday);

        var next = new AccountState(
            input.Account.AccountNo,
            input.BusinessDate,
            input.Statement?.Closing,
            closed.OpenItems,
            standing,
            input.Previous.Adjustments);

        var discrepancies = new List<Discrepancy>(closed.Findings.Count + standing.Count);
        discrepancies.AddRange(closed.Findings);
        discrepancies.AddRange(standing);
        discrepancies.Sort(ResultOrder.Findings);
        closed.InTransit.Sort(ResultOrder.InTransit);

        return new AccountDayResult(
            input.Account,
            input.BusinessDate,
            WithManualPairs(pool.SortedMatches(), input.Previous.Pairings),
            discrepancies,
            closed.InTransit,
            closed.Cleared,
            BalanceProof.Prove(input, next),
            balanceBreak,
            next,
            pool.MatchedKeys());
    }

    /// <summary>The pairings people made since the last run, written today as MANUAL rows among the day's matches.</summary>
    private static MatchRecord[] WithManualPairs(MatchRecord[] matches, IReadOnlyList<Cases.Pairing> pairings)
    {
        if (pairings.Count == 0)
        {
            return matches;
        }
        MatchRecord[] all = [.. matches, .. pairings.SelectMany(Cases.ManualMatch.Matches)];
        Array.Sort(all, ResultOrder.Matches);
        return all;
    }

    /// <summary>Yesterday's standing findings, then today's new ones (a finding found again keeps its first record).</summary>
    private static List<Discrepancy> StandingAfter(IReadOnlyList<Discrepancy> carried, List<Discrepancy> foundToday)
    {
        var standing = new List<Discrepancy>(carried.Count + foundToday.Count);
        var ids = new HashSet<string>(carried.Count + foundToday.Count, StringComparer.Ordinal);
        foreach (Discrepancy finding in carried)
        {
            if (ids.Add(finding.Id))
            {
                standing.Add(finding);
            }
        }
        foreach (Discrepancy finding in foundToday)
        {
            if (ids.Add(finding.Id))
            {
                standing.Add(finding);
            }
        }
        standing.Sort(ResultOrder.Findings);
        return standing;
    }

    private static void Validate(AccountDayInput input)
    {
        string accountNo = input.Account.AccountNo;
        if (!string.Equals(input.Previous.AccountNo, accountNo, StringComparison.Ordinal))
        {
            throw new ArgumentException($"the carried state is of account {input.Previous.AccountNo}, not {accountNo}", nameof(input));
        }
        if (input.Previous.LastDate is { } last && last >= input.BusinessDate)
        {
            throw new ArgumentException(
                $"account {accountNo}: the carried state is of {last:uuuu-MM-dd}, not of a day before {input.BusinessDate:uuuu-MM-dd}",
                nameof(input));
        }
        if (input.Statement is { } statement && !string.Equals(statement.AccountNo, accountNo, StringComparison.Ordinal))
        {
            throw new ArgumentException($"statement {statement.File} is of account {statement.AccountNo}, not {accountNo}", nameof(input));
        }
        if (input.Options.TimingWindowDays < 0)
        {
            throw new ArgumentException("the timing window cannot be negative", nameof(input));
        }
        if (input.Options.RetentionDays < 0)
        {
            throw new ArgumentException("the retention window cannot be negative", nameof(input));
        }
    }
}
