using NodaTime.Text;
using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;

namespace Reconcile.Core.Cases;

/// <summary>
/// A pair the ladder made, as a pairing that can be undone (<c>matches unmatch</c>): the items whole, and the case
/// that stands for the bank line once the pair is undone.
/// </summary>
/// <param name="Match">The matches.csv row of the pair.</param>
/// <param name="Pairing">The pair's items (the bank line, then the entries) with the ladder's rule and day; its case
/// id is <paramref name="Case"/>'s.</param>
/// <param name="Case">The BANK_ONLY finding the ladder gives the line when it is open and overdue: same id, so the
/// next run's listing of the line lands on the case that records the undoing.</param>
public sealed record AutomaticPair(MatchRecord Match, Pairing Pairing, Discrepancy Case);

/// <summary>The pair found, or why it cannot be undone.</summary>
public sealed record AutomaticPairPlan(AutomaticPair? Pair, string? Refusal);

/// <summary>
/// Finds an automatic pair in a re-derived account-day (pure). The day is reconciled again from its inputs and the
/// state carried into it (the store keeps no pairs; matches.csv and the hashed inputs record them), then the pair of
/// the bank serial is taken apart into its items: a carried item keeps its first-seen day and the finding it stood for,
/// an item of the day's inputs is first seen that day. A reversal pair (no ledger side), a pair made by hand (undone
/// on its case), a pair on a ledger entry that is not SUCCESS (it never was an open item) and a pair with more than
/// one finding on it are refused; a pair with one finding (AMOUNT_MISMATCH, …) keeps it as the pairing's difference,
/// withdrawn when the pair is undone.
/// </summary>
public static class AutomaticPairs
{
    private static readonly Category[] OnPair = [Category.AMOUNT_MISMATCH, Category.DIRECTION_MISMATCH, Category.STATUS_MISMATCH, Category.WRONG_SUB_ACCOUNT];

    /// <returns>Null when the day paired no line with that serial.</returns>
    public static AutomaticPairPlan? Find(AccountDayInput input, AccountDayResult result, string serial)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(serial);
        string day = LocalDatePattern.Iso.Format(input.BusinessDate);
        string accountNo = input.Account.AccountNo;
        MatchRecord? match = result.Matches.FirstOrDefault(m => m.BankSerial == serial);
        if (match is null)
        {
            return null;
        }
        switch (match.Rule)
        {
            case MatchRule.REVERSAL:
                return Refuse($"bank serial {serial} of account {accountNo} was paired on {day} with its reversal (REVERSAL), not with the ledger: there is no pair with the ledger to undo");
            case MatchRule.MANUAL:
                string? caseId = input.Previous.Pairings.FirstOrDefault(p => p.BankItems.Any(i => i.BankLine!.Serial == serial))?.CaseId;
                return Refuse($"bank serial {serial} of account {accountNo} was paired by hand (MANUAL, written on {day}): undo it on its case with `reconcile discrepancies unmatch {caseId ?? "CASE"}`");
        }

        OpenItem? bank = Carried(input, "B:" + serial);
        if (bank is null)
        {
            BankLine? line = input.BankLines.Where(l => l.Serial == serial).Order(Comparer<BankLine>.Create(PoolOrder.CompareToday)).FirstOrDefault();
            if (line is null)
            {
                return Refuse($"bank serial {serial} is paired on {day}, but no bank line of account {accountNo} has it (internal inconsistency)");
            }
            bank = OpenItem.Of(line, input.BusinessDate);
        }
        var items = new List<OpenItem>();
        foreach (string entryId in match.LedgerEntryIds)
        {
            OpenItem? entry = Carried(input, "L:" + entryId);
            if (entry is null)
            {
                LedgerEntry? today = input.LedgerEntries.FirstOrDefault(e => e.EntryId == entryId);
                if (today is null)
                {
                    return Refuse($"ledger entry {entryId} is paired with {serial} on {day}, but account {accountNo} has no such entry (internal inconsistency)");
                }
                if (!today.IsBooked)
                {
                    return Refuse($"ledger entry {entryId} paired with {serial} on {day} is {today.Status}, not SUCCESS: it never was an open item; work the pair's finding on its case instead");
                }
                entry = OpenItem.Of(today, input.BusinessDate);
            }
            items.Add(entry);
        }

        var entryIds = match.LedgerEntryIds.ToHashSet(StringComparer.Ordinal);
        List<Discrepancy> findings = result.Discrepancies
            .Where(d => d.BankSerial == serial && OnPair.Contains(d.Category) && entryIds.SetEquals(d.LedgerEntryIds))
            .ToList();
        if (findings.Count > 1)
        {
            return Refuse($"the pair of {serial} on {day} carries {findings.Count} findings ({string.Join(", ", findings.Select(f => $"{f.Category} {f.Id}"))}): undoing it is not supported; work those cases instead");
        }

        Discrepancy bankOnly = Findings.BankOnly(input.Account, bank.BankLine!, bank.FirstSeen, []);
        var pairing = new Pairing(bankOnly.Id, accountNo, [bank with { FindingId = bankOnly.Id }, .. items], findings.Count == 1 ? findings[0] : null)
        {
            Rule = match.Rule,
            PairedOn = input.BusinessDate,
        };
        return new AutomaticPairPlan(new AutomaticPair(match, pairing, bankOnly), null);
    }

    /// <summary>"paired by BANK_SERIAL on 2024-11-06: B:… ↔ L:…" (the first event of the case's history).</summary>
    public static string Describe(Pairing pairing)
    {
        ArgumentNullException.ThrowIfNull(pairing);
        string day = pairing.PairedOn is { } d ? LocalDatePattern.Iso.Format(d) : "?";
        return $"paired by {pairing.Rule} on {day}: {pairing.Describe()}";
    }

    private static OpenItem? Carried(AccountDayInput input, string itemId) => input.Previous.OpenItems.FirstOrDefault(i => i.ItemId == itemId);

    private static AutomaticPairPlan Refuse(string why) => new(null, why);
}
