using System.Globalization;
using System.Runtime.CompilerServices;
using Reconcile.Samples;

namespace Reconcile.Cli.Tests.Run;

/// <summary>
/// The split and instalment situations of the committed sample (samples/README.md: SPLIT, AMBIGUOUS_SPLIT, PARTIAL,
/// PARTIAL_OVER_TWO_DAYS, PARTIAL_SHORT) run day by day through the program: the rows they make in matches.csv, what
/// in_transit.csv and discrepancies.csv say of a partial receipt, and their accounts' proof, explained every day.
/// </summary>
public sealed class SplitAndPartialSampleTests(CommittedSampleRun run) : IClassFixture<CommittedSampleRun>
{
    private static readonly string[] Situations = ["SPLIT", "AMBIGUOUS_SPLIT", "PARTIAL", "PARTIAL_OVER_TWO_DAYS", "PARTIAL_SHORT"];

    private readonly RunWorkspace _ws = run.Workspace;
    private readonly ExpectedInbox _expected = run.Expected;

    [Fact]
    public void The_split_payment_is_one_SPLIT_row_and_the_instalments_one_PARTIAL_row_per_bank_line()
    {
        string[][] day2 = _ws.Rows("2024-11-07", "matches.csv");
        string[][] day3 = _ws.Rows("2024-11-08", "matches.csv");

        string[] split = day2.Should().ContainSingle(r => r[0] == Account("SPLIT") && r[3] == "SPLIT").Subject;
        split[2].Split(';').Should().HaveCount(2);
        // Over two days: the two debits of day 1 and the one of day 2 pay one entry, all written PARTIAL on day 2.
        string[][] overTwoDays = day2.Where(r => r[0] == Account("PARTIAL_OVER_TWO_DAYS") && r[3] == "PARTIAL").ToArray();
        overTwoDays.Should().HaveCount(3);
        string entry = overTwoDays.Select(r => r[2]).Distinct().Should().ContainSingle().Subject;
        overTwoDays.Count(r => r[1].StartsWith("S241106", StringComparison.Ordinal)).Should().Be(2, "two debits were carried from day 1");
        // The rows' amounts are the bank lines': together, the entry's amount.
        string entryAmount = _ws.Rows("2024-11-06", "in_transit.csv").Single(r => r[10] == entry)[8];
        Sum(overTwoDays.Select(r => r[4])).Should().Be(Yuan(entryAmount));
        day3.Where(r => r[0] == Account("PARTIAL") && r[3] == "PARTIAL").Should().HaveCount(2);
    }

    [Fact]
    public void A_payout_paid_in_part_is_in_transit_saying_what_was_paid_and_what_remains()
    {
        string[][] rows = _ws.Rows("2024-11-06", "in_transit.csv").Where(r => r[4] == Account("PARTIAL_OVER_TWO_DAYS")).ToArray();

        rows.Should().HaveCount(3);
        string[] entry = rows.Single(r => r[10] != "");
        string[][] lines = rows.Where(r => r[9] != "").ToArray();
        (string got, string of, string remaining) = Figures(entry[8], lines.Select(r => r[7]));
        string serials = string.Join(", ", lines.Select(r => r[9]).Order(StringComparer.Ordinal));
        entry[15].Should().EndWith($"; partially paid {got} of {of} ({serials}); {remaining} remaining");
        lines.Should().AllSatisfy(r => r[15].Should().EndWith($"; an instalment of {entry[10]} {of}: {got} paid, {remaining} remaining"));
    }

    [Fact]
    public void Instalments_still_short_at_the_end_are_LEDGER_ONLY_and_BANK_ONLY_saying_what_remains()
    {
        string account = Account("PARTIAL_SHORT");
        string[][] transitDay2 = _ws.Rows("2024-11-07", "in_transit.csv").Where(r => r[4] == account).ToArray();
        string[][] findingsDay3 = _ws.Rows("2024-11-08", "discrepancies.csv").Where(r => r[4] == account && r[5] is "LEDGER_ONLY" or "BANK_ONLY").ToArray();
        string[][] transitDay3 = _ws.Rows("2024-11-08", "in_transit.csv").Where(r => r[4] == account).ToArray();

        // Day 2: the entry and its first instalment, in transit.
        string[] entry = transitDay2.Single(r => r[10] != "");
        string[] first = transitDay2.Single(r => r[9] != "");
        (string got, string of, string remaining) = Figures(entry[8], [first[7]]);
        entry[15].Should().EndWith($"; partially received {got} of {of} ({first[9]}); {remaining} remaining");

        // Day 3: the entry and the first instalment are overdue, the second in transit; each says what remains.
        string[] ledgerOnly = findingsDay3.Should().ContainSingle(r => r[5] == "LEDGER_ONLY").Subject;
        string[] bankOnly = findingsDay3.Should().ContainSingle(r => r[5] == "BANK_ONLY").Subject;
        string[] second = transitDay3.Should().ContainSingle().Subject;
        bankOnly[9].Should().Be(first[9]);
        (got, of, remaining) = Figures(ledgerOnly[8], [bankOnly[7], second[7]]);
        Yuan(remaining).Should().BePositive("the instalments fall short");
        ledgerOnly[15].Should().EndWith($") partially received {got} of {of} ({first[9]}, {second[9]}); {remaining} remaining");
        bankOnly[15].Should().EndWith($") is an instalment of {entry[10]} {of}: {got} received, {remaining} remaining");
        second[15].Should().EndWith($"; an instalment of {entry[10]} {of}: {got} received, {remaining} remaining");
    }

    [Fact]
    public void A_deposit_two_sets_of_entries_add_up_to_is_AMBIGUOUS_on_both_days()
    {
        foreach (string day in new[] { "2024-11-07", "2024-11-08" })
        {
            string[] finding = _ws.Rows(day, "discrepancies.csv").Should().ContainSingle(r => r[4] == Account("AMBIGUOUS_SPLIT") && r[5] == "AMBIGUOUS").Subject;
            finding[10].Split(';').Should().HaveCount(4);
            finding[15].Should().Be($"SPLIT: bank IN {finding[7]} is the sum of 2 different sets of open entries of its sub-account or contract; choose one");
        }
    }

    [Fact]
    public void The_accounts_of_every_split_and_instalment_stay_balanced_every_day()
    {
        var accounts = Situations.Select(Account).ToHashSet(StringComparer.Ordinal);
        foreach (ExpectedDay day in _expected.BusinessDays)
        {
            string[][] rows = _ws.Rows(day.BusinessDate, "inventory.csv").Where(r => accounts.Contains(r[3])).ToArray();
            rows.Should().HaveCount(accounts.Count);
            rows.Should().AllSatisfy(r =>
            {
                r[15].Should().Be("0.00", $"{r[3]} on {day.BusinessDate} is explained");
                r[16].Should().Be("BALANCED");
            });
        }
    }

    private string Account(string situation) => _expected.Scenarios.Single(s => s.Name == situation).EscrowAccountNo;

    /// <summary>What was received of <paramref name="entryAmount"/> by the instalments, and what remains, as written.</summary>
    private static (string Got, string Of, string Remaining) Figures(string entryAmount, IEnumerable<string> instalments)
    {
        decimal got = Sum(instalments);
        return (Text(got), entryAmount, Text(Yuan(entryAmount) - got));
    }

    private static decimal Sum(IEnumerable<string> amounts) => amounts.Sum(Yuan);

    private static decimal Yuan(string text) => decimal.Parse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

    private static string Text(decimal yuan) => yuan.ToString("0.00", CultureInfo.InvariantCulture);

}

/// <summary>The committed sample (samples/inbox) run once, day by day in order, against a fresh store.</summary>
public sealed class CommittedSampleRun : IDisposable
{
    public CommittedSampleRun()
    {
        string inbox = Path.Combine(RepositoryRoot(), "samples", "inbox");
        Expected = ExpectedJson.Read(Path.Combine(inbox, ExpectedJson.FileName));
        foreach (ExpectedDay day in Expected.BusinessDays)
        {
            int exit = Program.Main(["run", "--inbox", inbox, "--date", day.BusinessDate, "--out", Workspace.Out, "--store", Workspace.Store, "--plain"]);
            exit.Should().Be(day.ExitCode);
        }
    }

    public RunWorkspace Workspace { get; } = new();

    public ExpectedInbox Expected { get; }

    public void Dispose() => Workspace.Dispose();

    private static string RepositoryRoot([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", ".."));
}
