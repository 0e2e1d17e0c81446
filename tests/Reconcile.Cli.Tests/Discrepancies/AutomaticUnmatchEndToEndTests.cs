using Reconcile.Cli.Commands;
using Reconcile.Cli.Tests.Run;

namespace Reconcile.Cli.Tests.Discrepancies;

/// <summary>
/// `matches unmatch` on a real store: the ladder pairs the CEB deposit C241106000112 with L000001 (BANK_SERIAL,
/// 300,000.00) on 2024-11-06; after 11-07 ran, zhang says the pair is wrong and li approves (above the threshold); the
/// run of 11-08 lists both again with their first-seen day, the day folders already written stay as they were, and the
/// bank line's case keeps the ladder's pair and who undid it and why.
/// </summary>
public sealed class AutomaticUnmatchEndToEndTests : IDisposable
{
    private const string Deposit = "C241106000112";

    private readonly StoreCli _cli = new();

    public void Dispose() => _cli.Dispose();

    private string[] Unmatch(string serial, string? date = null, string note = "L000001 is another buyer's deposit") =>
    [
        "--account", ExampleInbox.Ceb, "--serial", serial, "--inbox", _cli.Ws.Inbox, .. date is null ? Array.Empty<string>() : ["--date", date], "--note", note,
    ];

    private void TwoDays()
    {
        ExampleInbox.Write(_cli.Ws.Inbox);
        _cli.Ws.Run("2024-11-06").Should().Be(0);
        QuietDay("2024-11-07");
        _cli.Ws.Run("2024-11-07").Should().Be(0);
        _cli.Team();
    }

    private void QuietDay(string day) => _cli.QuietDay(day, ledgerRows: "", cebSubAccount: "12300000.00");

    private Dictionary<string, byte[]> Folder(string day) => Directory.EnumerateFiles(_cli.Ws.OutDay(day))
        .ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes, StringComparer.Ordinal);

    [Fact]
    public void An_automatic_pair_undone_with_approval_is_listed_again_by_the_next_run_with_its_first_seen_day()
    {
        TwoDays();
        Dictionary<string, byte[]> day6 = Folder("2024-11-06");
        Dictionary<string, byte[]> day7 = Folder("2024-11-07");
        _cli.OutputLines("2024-11-06", "matches.csv").Should().Contain($"{ExampleInbox.Ceb},{Deposit},L000001,BANK_SERIAL,300000.00");

        _cli.As("zhang", (c, a) => c.MatchesUnmatchAsync(a), Unmatch(Deposit)).Should().Be(0);
        _cli.Out.ToString().Should().Contain("PENDING_APPROVAL: undoing the BANK_SERIAL pair of 2024-11-06 B:C241106000112 ↔ L:L000001");
        string deposit = StoreCli.Find(_cli.List(), "CEB", "BANK_ONLY", "300000.00");
        _cli.List()[deposit][13].Should().Be("PENDING_APPROVAL");
        _cli.As("zhang", (c, a) => c.ApproveAsync(a), deposit).Should().Be(2, "the maker does not approve");
        _cli.As("li", (c, a) => c.ApproveAsync(a), deposit).Should().Be(0);
        _cli.List()[deposit][13].Should().Be("REOPENED");

        QuietDay("2024-11-08");
        _cli.Ws.Run("2024-11-08").Should().Be(0);
        string[] listed = _cli.OutputLines("2024-11-08", "discrepancies.csv");
        listed.Should().Contain(l => l.StartsWith(deposit, StringComparison.Ordinal) && l.Contains($",BANK_ONLY,IN,300000.00,,{Deposit},", StringComparison.Ordinal) && l.Contains(",2024-11-06,2,", StringComparison.Ordinal));
        listed.Should().Contain(l => l.Contains(",LEDGER_ONLY,IN,,300000.00,,L000001,", StringComparison.Ordinal) && l.Contains(",2024-11-06,2,", StringComparison.Ordinal));
        _cli.OutputLines("2024-11-08", "matches.csv").Should().NotContain(l => l.Contains(Deposit, StringComparison.Ordinal), "the ladder does not pair them again");
        _cli.OutputLines("2024-11-08", "inventory.csv").Single(l => l.Contains(ExampleInbox.Ceb, StringComparison.Ordinal)).Should().EndWith(",0.00,BALANCED");
        Folder("2024-11-06").Should().BeEquivalentTo(day6, "past days are history");
        Folder("2024-11-07").Should().BeEquivalentTo(day7);
        _cli.List()[deposit][13].Should().Be("REOPENED");

        _cli.Command(c => c.ShowAsync(StoreCli.Args(deposit))).Should().Be(0);
        string shown = _cli.Out.ToString();
        shown.Should().Contain("paired by BANK_SERIAL on 2024-11-06").And.Contain("UNMATCH_REQUESTED").And.Contain("L000001 is another buyer's deposit").And.Contain("APPROVED");

        _cli.As("zhang", (c, a) => c.MatchesUnmatchAsync(a), Unmatch(Deposit, "2024-11-06")).Should().Be(2, "undone already");
        _cli.Err.ToString().Should().Contain("is REOPENED: the line is not in the ladder's pair any more");
    }

    [Fact]
    public async Task A_pair_below_the_threshold_is_undone_at_once()
    {
        TwoDays();
        (await new PolicyCommand(_cli.Context("root-correct-horse"))
            .SetAsync(StoreCli.Args("approval-threshold", "400000.00", "--by", "root", "--password-stdin"))).Should().Be(0);

        _cli.As("zhang", (c, a) => c.MatchesUnmatchAsync(a), Unmatch(Deposit, "2024-11-06")).Should().Be(0);
        _cli.Out.ToString().Should().Contain("REOPENED: the BANK_SERIAL pair of 2024-11-06");
        string deposit = StoreCli.Find(_cli.List(), "CEB", "BANK_ONLY", "300000.00");
        _cli.List()[deposit][13].Should().Be("REOPENED");
        QuietDay("2024-11-08");
        _cli.Ws.Run("2024-11-08").Should().Be(0);
        _cli.OutputLines("2024-11-08", "discrepancies.csv").Should().Contain(l => l.StartsWith(deposit, StringComparison.Ordinal));
    }

    [Fact]
    public void A_rejected_undo_leaves_the_pair_and_can_be_asked_again()
    {
        TwoDays();
        _cli.As("zhang", (c, a) => c.MatchesUnmatchAsync(a), Unmatch(Deposit)).Should().Be(0);
        string deposit = StoreCli.Find(_cli.List(), "CEB", "BANK_ONLY", "300000.00");
        _cli.As("li", (c, a) => c.RejectAsync(a), deposit, "--note", "the pair is right").Should().Be(0, _cli.Err.ToString());
        _cli.List("--status", "all")[deposit][13].Should().Be("RESOLVED");

        QuietDay("2024-11-08");
        _cli.Ws.Run("2024-11-08").Should().Be(0);
        _cli.OutputLines("2024-11-08", "discrepancies.csv").Should().NotContain(l => l.Contains(Deposit, StringComparison.Ordinal));

        _cli.As("zhang", (c, a) => c.MatchesUnmatchAsync(a), Unmatch(Deposit, note: "asked again")).Should().Be(0, "the case holds the pair: a plain unmatch of it");
        _cli.List()[deposit][13].Should().Be("PENDING_APPROVAL");
    }

    [Fact]
    public void A_carried_line_the_ladder_cleared_on_a_later_day_goes_back_to_its_own_BANK_ONLY_case_with_its_first_seen_day()
    {
        TwoDays();
        string payout = StoreCli.Find(_cli.List(), "CEB", "BANK_ONLY", "250000.00");
        _cli.QuietDay("2024-11-08",
            "L000005,ORD24110800005,JG2024110600031,CEB-JG2024110600031,CEB,38450188000123456,SECOND_HAND,WITHDRAWAL,250000.00,SUCCESS,2024-11-08T09:00:00+08:00,2024-11-08T09:00:00+08:00,2024-11-08,,C241106000577,李四,,,放款\n",
            cebSubAccount: "12050000.00");
        _cli.Ws.Run("2024-11-08").Should().Be(0);
        _cli.OutputLines("2024-11-08", "matches.csv").Should().Contain($"{ExampleInbox.Ceb},C241106000577,L000005,CARRIED,250000.00");
        _cli.List("--status", "all")[payout][13].Should().Be("AUTO_CLEARED");

        _cli.As("zhang", (c, a) => c.MatchesUnmatchAsync(a), Unmatch("C241106000577", note: "L000005 pays another contract")).Should().Be(0);
        _cli.Out.ToString().Should().Contain($"{payout} PENDING_APPROVAL: undoing the CARRIED pair of 2024-11-08");
        _cli.As("li", (c, a) => c.ApproveAsync(a), payout).Should().Be(0);

        _cli.QuietDay("2024-11-09", ledgerRows: "", cebSubAccount: "12050000.00");
        _cli.Ws.Run("2024-11-09").Should().Be(0);
        string[] listed = _cli.OutputLines("2024-11-09", "discrepancies.csv");
        listed.Should().Contain(l => l.StartsWith(payout, StringComparison.Ordinal) && l.Contains(",2024-11-06,3,", StringComparison.Ordinal));
        listed.Should().Contain(l => l.Contains(",LEDGER_ONLY,OUT,,250000.00,,L000005,", StringComparison.Ordinal) && l.Contains(",2024-11-08,1,", StringComparison.Ordinal));
        _cli.OutputLines("2024-11-09", "inventory.csv").Single(l => l.Contains(ExampleInbox.Ceb, StringComparison.Ordinal)).Should().EndWith(",0.00,BALANCED");
        _cli.List()[payout][13].Should().Be("REOPENED");
        _cli.Command(c => c.ShowAsync(StoreCli.Args(payout))).Should().Be(0);
        _cli.Out.ToString().Should().Contain("AUTO_CLEARED").And.Contain("paired by CARRIED on 2024-11-08");
    }

    [Fact]
    public void Unknown_serials_and_changed_inputs_are_refused_and_nothing_is_stored()
    {
        TwoDays();
        Dictionary<string, string[]> before = _cli.List("--status", "all");

        _cli.As("zhang", (c, a) => c.MatchesUnmatchAsync(a), Unmatch("C241106999999")).Should().Be(2);
        _cli.Err.ToString().Should().Contain("the ladder paired no bank line with serial C241106999999 of account 38450188000123456");
        _cli.As("zhang", (c, a) => c.MatchesUnmatchAsync(a), Unmatch(Deposit, "2024-11-07")).Should().Be(2);
        _cli.Err.ToString().Should().Contain("paired no bank line with serial C241106000112");
        _cli.As("zhang", (c, a) => c.MatchesUnmatchAsync(a), Unmatch("C241106000577")).Should().Be(2, "the payout is BANK_ONLY: no pair");

        File.AppendAllText(_cli.Ws.InboxFile("2024-11-06/ledger.csv"), "\n");
        _cli.As("zhang", (c, a) => c.MatchesUnmatchAsync(a), Unmatch(Deposit)).Should().Be(2);
        _cli.Err.ToString().Should().Contain("the inputs of the run of 2024-11-06 are needed to undo an automatic pair: 2024-11-06/ledger.csv changed since run");

        _cli.List("--status", "all").Keys.Should().BeEquivalentTo(before.Keys, "nothing was stored");
    }
}
