using Reconcile.Samples;

namespace Reconcile.Cli.Tests.Run;

/// <summary>Compares a day's outputs with the sample's ground truth (expected.json), column by column.</summary>
internal static class ExpectedComparison
{
    public static void DayMatches(RunWorkspace ws, ExpectedDay expected, Func<string, bool>? accountFilter = null)
    {
        string day = expected.BusinessDate;
        Func<string, bool> keep = accountFilter ?? (_ => true);

        ws.Rows(day, "discrepancies.csv")
            .Select(r => string.Join('|', r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[13], r[14]))
            .Should().Equal(
                expected.Discrepancies.Where(d => keep(d.EscrowAccountNo)).Select(d => string.Join('|',
                    d.DiscrepancyId, day, d.Bank, d.EscrowType, d.EscrowAccountNo, d.Category, d.Direction ?? "",
                    d.BankAmount ?? "", d.LedgerAmount ?? "", d.BankSerial ?? "", string.Join(';', d.LedgerEntryIds),
                    d.FirstSeen, d.AgeDays)),
                $"discrepancies.csv of {day}");

        ws.Rows(day, "in_transit.csv")
            .Select(r => string.Join('|', r[2], r[3], r[4], r[5], r[6], r[7] + r[8], r[9], r[10], r[13], r[14]))
            .Should().Equal(
                expected.InTransit.Where(t => keep(t.EscrowAccountNo)).Select(t => string.Join('|',
                    t.Bank, t.EscrowType, t.EscrowAccountNo, "", t.Direction, t.Amount, t.BankSerial ?? "",
                    t.LedgerEntryId ?? "", t.FirstSeen, t.AgeDays)),
                $"in_transit.csv of {day}");

        ws.Rows(day, "inventory.csv")
            .Select(r => string.Join('|', r[1..]))
            .Should().Equal(
                expected.Inventory.Where(i => keep(i.EscrowAccountNo)).Select(i => string.Join('|',
                    i.Bank, i.EscrowType, i.EscrowAccountNo, i.BankOpeningBalance ?? "", i.BankCredits ?? "",
                    i.BankDebits ?? "", i.BankClosingBalance ?? "", i.LedgerBalance, i.LedgerInNotBank,
                    i.LedgerOutNotBank, i.BankInNotLedger, i.BankOutNotLedger, i.AdjustedBankBalance ?? "",
                    i.AdjustedLedgerBalance ?? "", i.UnexplainedDifference ?? "", i.Status)),
                $"inventory.csv of {day}");

        string[][] matches = ws.Rows(day, "matches.csv").Where(r => keep(r[0])).ToArray();
        var planted = expected.PlantedMatches.Where(m => keep(m.EscrowAccountNo))
            .Select(m => string.Join('|', m.EscrowAccountNo, m.BankSerial, string.Join(';', m.LedgerEntryIds), m.Rule, m.Amount));
        planted.Should().BeSubsetOf(matches.Select(r => string.Join('|', r)), $"the planted pairs of {day} are made");
        if (accountFilter is null)
        {
            matches.GroupBy(r => r[3]).ToDictionary(g => g.Key, g => (long)g.Count())
                .Should().BeEquivalentTo(expected.MatchCounts.ToDictionary(c => c.Rule, c => c.Count), $"matches per rule of {day}");
        }
    }
}
