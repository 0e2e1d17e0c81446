using Reconcile.Core.Model;
using Reconcile.Core.Reconciliation;
using Reconcile.Samples.Output;

namespace Reconcile.Samples.Planting;

/// <summary>
/// Turns what was planted (<see cref="AccountTruth"/>) into expected.json, day by day, as docs/RULES.md says the
/// engine must see it when the days are run in order from the first: standing findings listed every day from
/// their first_seen with their proof effect; open items in transit while younger than the window, then
/// BANK_ONLY / LEDGER_ONLY (unless part of an AMBIGUOUS finding), counted in the proof until they clear; the
/// proof from the statement's closing and the sub-account balances.
/// </summary>
internal static class ExpectedBuilder
{
    public const int TimingWindowDays = 1;

    public static ExpectedInbox Build(SampleOptions options, DayTexts days, IReadOnlyList<AccountSimulator> accounts)
    {
        var businessDays = new List<ExpectedDay>();
        for (int d = 0; d < options.Days; d++)
        {
            businessDays.Add(Day(d, days, accounts));
        }
        var scenarios = accounts
            .SelectMany(a => a.Truth.Scenarios.Select(s => (Account: a, Scenario: s)))
            .OrderBy(x => x.Scenario.FirstDay)
            .ThenBy(x => x.Account.Account.Index)
            .ThenBy(x => x.Scenario.Name, StringComparer.Ordinal)
            .Select(x => new ExpectedScenario(x.Scenario.Name, x.Account.Account.Bank.ToString(), x.Account.Account.Type.ToString(),
                x.Account.Account.AccountNo, days.IsoString(x.Scenario.FirstDay), x.Scenario.Description))
            .ToList();
        return new ExpectedInbox("reconcile samples generate", options.Seed, days.IsoString(0), options.Days, options.Lines,
            TimingWindowDays, scenarios, businessDays);
    }

    private static ExpectedDay Day(int d, DayTexts days, IReadOnlyList<AccountSimulator> accounts)
    {
        var discrepancies = new List<ExpectedDiscrepancy>();
        var inTransit = new List<ExpectedInTransit>();
        var cleared = new List<string>();
        var inventory = new List<ExpectedInventory>();
        var matches = new List<ExpectedMatch>();
        var counts = new long[Enum.GetValues<MatchRule>().Length];
        foreach (AccountSimulator a in accounts)
        {
            Account(d, days, a, discrepancies, inTransit, cleared, inventory, matches, counts);
        }
        bool breaks = discrepancies.Any(x => x.Category == nameof(Category.BALANCE_BREAK));
        bool unbalanced = inventory.Any(x => x.Status != nameof(InventoryStatus.BALANCED));
        return new ExpectedDay(
            days.IsoString(d),
            breaks || unbalanced ? 1 : 0,
            discrepancies
                .OrderBy(x => x.Bank, StringComparer.Ordinal)
                .ThenBy(x => x.EscrowType, StringComparer.Ordinal)
                .ThenBy(x => x.EscrowAccountNo, StringComparer.Ordinal)
                .ThenBy(x => x.Category, StringComparer.Ordinal)
                .ThenBy(x => x.BankSerial ?? "", StringComparer.Ordinal)
                .ThenBy(x => string.Join(';', x.LedgerEntryIds), StringComparer.Ordinal)
                .ThenBy(x => x.DiscrepancyId, StringComparer.Ordinal)
                .ToList(),
            inTransit
                .OrderBy(x => x.Bank, StringComparer.Ordinal)
                .ThenBy(x => x.EscrowType, StringComparer.Ordinal)
                .ThenBy(x => x.EscrowAccountNo, StringComparer.Ordinal)
                .ThenBy(x => x.BankSerial ?? "", StringComparer.Ordinal)
                .ThenBy(x => x.LedgerEntryId ?? "", StringComparer.Ordinal)
                .ToList(),
            cleared.OrderBy(x => x, StringComparer.Ordinal).ToList(),
            inventory
                .OrderBy(x => x.Bank, StringComparer.Ordinal)
                .ThenBy(x => x.EscrowType, StringComparer.Ordinal)
                .ThenBy(x => x.EscrowAccountNo, StringComparer.Ordinal)
                .ToList(),
            matches
                .OrderBy(x => x.EscrowAccountNo, StringComparer.Ordinal)
                .ThenBy(x => x.BankSerial, StringComparer.Ordinal)
                .ThenBy(x => string.Join(';', x.LedgerEntryIds), StringComparer.Ordinal)
                .ThenBy(x => x.Rule, StringComparer.Ordinal)
                .ToList(),
            Enum.GetValues<MatchRule>()
                .Where(r => counts[(int)r] > 0)
                .Select(r => new ExpectedRuleCount(r.ToString(), counts[(int)r]))
                .ToList());
    }

    private static void Account(int d, DayTexts days, AccountSimulator a, List<ExpectedDiscrepancy> discrepancies,
        List<ExpectedInTransit> inTransit, List<string> cleared, List<ExpectedInventory> inventory, List<ExpectedMatch> matches, long[] counts)
    {
        string accountNo = a.Account.AccountNo;
        string bank = a.Account.Bank.ToString();
        string type = a.Account.Type.ToString();
        ProofEffect effect = ProofEffect.None;

        ExpectedDiscrepancy Finding(Category category, string? serial, IReadOnlyList<string> ids, Direction? direction, long? bankFen,
            long? ledgerFen, int firstSeen, string extra) => new(
                DiscrepancyId.For(category, accountNo, serial, ids, extra),
                category.ToString(),
                bank,
                type,
                accountNo,
                direction?.ToString(),
                bankFen is { } b ? Money.FromFen(b).ToString() : null,
                ledgerFen is { } l ? Money.FromFen(l).ToString() : null,
                serial,
                ids,
                days.IsoString(firstSeen),
                d - firstSeen);

        foreach (StandingFact f in a.Truth.Standing.Where(f => f.FirstSeen <= d))
        {
            discrepancies.Add(Finding(f.Category, f.Serial, f.EntryIds, f.Direction, f.BankFen, f.LedgerFen, f.FirstSeen, f.Extra));
            effect += f.Effect;
        }
        foreach (AmbiguousFact f in a.Truth.Ambiguous.Where(f => f.FirstSeen <= d))
        {
            discrepancies.Add(Finding(Category.AMBIGUOUS, f.Serial, f.EntryIds, f.Direction, f.BankFen, f.LedgerFen, f.FirstSeen, ""));
        }
        foreach (OpenItemFact item in a.Truth.OpenItems)
        {
            bool bankSide = item.Side == OpenSide.Bank;
            string? serial = bankSide ? item.Key : null;
            IReadOnlyList<string> ids = bankSide ? [] : [item.Key];
            Category overdue = bankSide ? Category.BANK_ONLY : Category.LEDGER_ONLY;
            if (item.FirstSeen <= d && (item.ClearedOn is not { } c || d < c))
            {
                Money amount = Money.FromFen(item.AmountFen);
                effect += bankSide ? ProofEffect.BankSide(item.Direction, amount) : ProofEffect.LedgerSide(item.Direction, amount);
                if (item.Ambiguous)
                {
                    continue;
                }
                if (d - item.FirstSeen < TimingWindowDays)
                {
                    inTransit.Add(new ExpectedInTransit(bank, type, accountNo, serial, bankSide ? null : item.Key,
                        item.Direction.ToString(), amount.ToString(), days.IsoString(item.FirstSeen), d - item.FirstSeen));
                }
                else
                {
                    discrepancies.Add(Finding(overdue, serial, ids, item.Direction, bankSide ? item.AmountFen : null,
                        bankSide ? null : item.AmountFen, item.FirstSeen, ""));
                }
            }
            else if (!item.Ambiguous && item.ClearedOn == d && d - 1 - item.FirstSeen >= TimingWindowDays)
            {
                cleared.Add(DiscrepancyId.For(overdue, accountNo, serial, ids, ""));
            }
        }
        foreach (MatchFact m in a.Truth.Matches.Where(m => m.Day == d))
        {
            matches.Add(new ExpectedMatch(accountNo, m.Serial, m.EntryIds, m.Rule.ToString(), Money.FromFen(m.AmountFen).ToString()));
            counts[(int)m.Rule]++;
        }

        DayFigures f0 = a.Truth.Days[d];
        counts[(int)MatchRule.BANK_SERIAL] += f0.BankSerialPairs;
        counts[(int)MatchRule.PAYMENT_REF] += f0.PaymentRefPairs;
        Money ledgerBalance = Money.FromFen(f0.LedgerBalanceFen);
        string? Yuan(long? fen) => fen is { } x ? Money.FromFen(x).ToString() : null;
        if (!f0.HasStatement)
        {
            inventory.Add(new ExpectedInventory(bank, type, accountNo, nameof(InventoryStatus.MISSING_STATEMENT), null, null, null, null,
                ledgerBalance.ToString(), effect.LedgerInNotBank.ToString(), effect.LedgerOutNotBank.ToString(),
                effect.BankInNotLedger.ToString(), effect.BankOutNotLedger.ToString(), null, null, null, null, f0.LedgerEntries));
            return;
        }
        Money closing = Money.FromFen(f0.ClosingFen);
        Money adjustedBank = closing + effect.LedgerInNotBank - effect.LedgerOutNotBank;
        Money adjustedLedger = ledgerBalance + effect.BankInNotLedger - effect.BankOutNotLedger;
        Money unexplained = adjustedBank - adjustedLedger;
        inventory.Add(new ExpectedInventory(bank, type, accountNo,
            unexplained.IsZero ? nameof(InventoryStatus.BALANCED) : nameof(InventoryStatus.UNBALANCED),
            Yuan(f0.OpeningFen), Yuan(f0.CreditsFen), Yuan(f0.DebitsFen), closing.ToString(),
            ledgerBalance.ToString(), effect.LedgerInNotBank.ToString(), effect.LedgerOutNotBank.ToString(),
            effect.BankInNotLedger.ToString(), effect.BankOutNotLedger.ToString(),
            adjustedBank.ToString(), adjustedLedger.ToString(), unexplained.ToString(), f0.BankLines, f0.LedgerEntries));
    }
}
