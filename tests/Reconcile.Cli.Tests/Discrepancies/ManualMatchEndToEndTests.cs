using Reconcile.Cli.Tests.Run;

namespace Reconcile.Cli.Tests.Discrepancies;

/// <summary>
/// A person finishes what the ladder could not, on a real store: on 2024-11-07 the ledger books the CEB payout of
/// 11-06 (C241106000577, 250,000.00) as L000005 without its payment reference, so nothing links them. zhang pairs
/// them, li approves (250,000.00 is above the threshold); the next run writes the pair with rule MANUAL; undone
/// (again with approval), the items are open again from the run after, and the day folders already written stay as
/// they were.
/// </summary>
public sealed class ManualMatchEndToEndTests : IDisposable
{
    private const string Unlinked =
        "L000005,ORD24110700005,JG2024110600031,CEB-JG2024110600031,CEB,38450188000123456,SECOND_HAND,WITHDRAWAL,{0},SUCCESS,2024-11-07T09:00:00+08:00,2024-11-07T09:00:00+08:00,2024-11-07,,,李四,,,放款\n";

    private readonly StoreCli _cli = new();

    public void Dispose() => _cli.Dispose();

    /// <summary>The two days, the team, and the payout's BANK_ONLY case; the sub-account holds what the ledger booked.</summary>
    private string PayoutCase(string ledgerAmount = "250000.00")
    {
        string booked = (12_300_000m - decimal.Parse(ledgerAmount, System.Globalization.CultureInfo.InvariantCulture)).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
        ExampleInbox.Write(_cli.Ws.Inbox);
        _cli.Ws.Run("2024-11-06").Should().Be(0);
        _cli.QuietDay("2024-11-07", string.Format(System.Globalization.CultureInfo.InvariantCulture, Unlinked, ledgerAmount), cebSubAccount: booked);
        _cli.Ws.Run("2024-11-07").Should().Be(0);
        _cli.Team();
        return StoreCli.Find(_cli.List(), "CEB", "BANK_ONLY", "250000.00");
    }

    [Fact]
    public void A_pair_made_by_hand_and_approved_is_written_as_MANUAL_and_undoing_it_opens_both_items_again()
    {
        string payout = PayoutCase();

        _cli.As("zhang", (c, a) => c.MatchAsync(a), payout, "--with", "L000005", "--note", "李四 放款 补录").Should().Be(0);
        _cli.Out.ToString().Should().Contain($"{payout} PENDING_APPROVAL: the pairing B:C241106000577 ↔ L:L000005");
        _cli.As("zhang", (c, a) => c.ApproveAsync(a), payout).Should().Be(2, "the maker does not approve");
        _cli.As("li", (c, a) => c.ApproveAsync(a), payout).Should().Be(0);
        _cli.List("--status", "resolved")[payout][13].Should().Be("RESOLVED");

        QuietDayAfter("2024-11-08");
        _cli.Ws.Run("2024-11-08").Should().Be(0);
        _cli.OutputLines("2024-11-08", "matches.csv").Should().Contain("38450188000123456,C241106000577,L000005,MANUAL,250000.00");
        string day8 = File.ReadAllText(Path.Combine(_cli.Ws.OutDay("2024-11-08"), "discrepancies.csv"));
        day8.Should().NotContain("C241106000577").And.NotContain("L000005");
        _cli.OutputLines("2024-11-08", "inventory.csv").Single(l => l.Contains(ExampleInbox.Ceb, StringComparison.Ordinal)).Should().EndWith(",0.00,BALANCED");
        byte[] day8Matches = File.ReadAllBytes(Path.Combine(_cli.Ws.OutDay("2024-11-08"), "matches.csv"));

        _cli.As("zhang", (c, a) => c.UnmatchAsync(a), payout, "--note", "L000005 pays another contract").Should().Be(0);
        _cli.List()[payout][13].Should().Be("PENDING_APPROVAL");
        _cli.As("li", (c, a) => c.ApproveAsync(a), payout).Should().Be(0);
        _cli.List()[payout][13].Should().Be("REOPENED");

        QuietDayAfter("2024-11-09");
        _cli.Ws.Run("2024-11-09").Should().Be(0);
        _cli.OutputLines("2024-11-09", "matches.csv").Should().NotContain(l => l.Contains("MANUAL", StringComparison.Ordinal));
        Dictionary<string, string[]> open = _cli.List();
        open[payout][13].Should().Be("REOPENED");
        StoreCli.Find(open, "CEB", "LEDGER_ONLY", "250000.00", column: 7).Should().NotBeNullOrEmpty();
        _cli.OutputLines("2024-11-09", "inventory.csv").Single(l => l.Contains(ExampleInbox.Ceb, StringComparison.Ordinal)).Should().EndWith(",0.00,BALANCED");
        File.ReadAllBytes(Path.Combine(_cli.Ws.OutDay("2024-11-08"), "matches.csv")).Should().Equal(day8Matches, "past days are history");

        _cli.Command(c => c.ShowAsync(StoreCli.Args(payout))).Should().Be(0);
        _cli.Out.ToString().Should().Contain("UNMATCH_REQUESTED").And.Contain("L000005 pays another contract");
    }

    [Fact]
    public void A_difference_must_be_named_and_then_stays_open_as_an_AMOUNT_MISMATCH()
    {
        string payout = PayoutCase(ledgerAmount: "249990.00");

        _cli.As("zhang", (c, a) => c.MatchAsync(a), payout, "--with", "L000005").Should().Be(2);
        _cli.Err.ToString().Should().Contain("bank 250000.00 ≠ ledger 249990.00").And.Contain("--difference 10.00");
        _cli.List()[payout][13].Should().Be("OPEN", "nothing was stored");

        _cli.As("zhang", (c, a) => c.MatchAsync(a), payout, "--with", "L000005", "--difference", "10.00").Should().Be(0);
        _cli.As("li", (c, a) => c.ApproveAsync(a), payout).Should().Be(0);
        _cli.QuietDay("2024-11-08", ledgerRows: "", cebSubAccount: "12050010.00");
        _cli.Ws.Run("2024-11-08").Should().Be(0);

        string difference = StoreCli.Find(_cli.List(), "CEB", "AMOUNT_MISMATCH", "250000.00");
        _cli.OutputLines("2024-11-08", "discrepancies.csv").Should().Contain(l => l.Contains(difference, StringComparison.Ordinal) && l.Contains("bank larger by 10.00", StringComparison.Ordinal));
        _cli.OutputLines("2024-11-08", "inventory.csv").Single(l => l.Contains(ExampleInbox.Ceb, StringComparison.Ordinal)).Should().EndWith(",0.00,BALANCED");

        // Undone, the difference is withdrawn with the pairing it stood for.
        _cli.As("zhang", (c, a) => c.UnmatchAsync(a), payout, "--note", "wrong entry").Should().Be(0);
        _cli.As("li", (c, a) => c.ApproveAsync(a), payout).Should().Be(0);
        _cli.List("--status", "all")[difference][13].Should().Be("SUPERSEDED");
    }

    [Fact]
    public void Items_of_another_account_and_cases_that_stand_for_no_open_item_are_refused()
    {
        string payout = PayoutCase();
        string citicDeposit = StoreCli.Find(_cli.List(), "CITIC", "BANK_ONLY", "58000.00");

        _cli.As("zhang", (c, a) => c.MatchAsync(a), payout, "--with", "S241106000921").Should().Be(2);
        _cli.Err.ToString().Should().Contain("'S241106000921' is not an open item of account 38450188000123456");
        _cli.As("zhang", (c, a) => c.MatchAsync(a), citicDeposit, "--with", "L000005").Should().Be(2);
        _cli.Err.ToString().Should().Contain("'L000005' is not an open item of account 8110701234500000");
        _cli.As("zhang", (c, a) => c.MatchAsync(a), "D-0000000000000000", "--with", "L000005").Should().Be(2);
        _cli.Err.ToString().Should().Contain("unknown case id 'D-0000000000000000'");
        _cli.As("zhang", (c, a) => c.UnmatchAsync(a), payout, "--note", "n").Should().Be(2);
        _cli.Err.ToString().Should().Contain("was not paired by hand");
        _cli.List().Values.Should().OnlyContain(f => f[13] == "OPEN");
    }

    [Fact]
    public void An_approver_reopens_a_resolved_case_and_the_next_run_lists_it_again_with_the_proof_unchanged()
    {
        string payout = PayoutCase();
        string fee = StoreCli.Find(_cli.List(), "CEB", "BANK_ONLY", "20.00");
        _cli.As("zhang", (c, a) => c.ResolveAsync(a), fee, "--reason", "BANK_ERROR", "--note", "银行多扣").Should().Be(0);

        _cli.As("zhang", (c, a) => c.ReopenAsync(a), fee, "--note", "the bank says the fee is right").Should().Be(2);
        _cli.Err.ToString().Should().Contain("needs the role approver");
        _cli.As("li", (c, a) => c.ReopenAsync(a), fee, "--note", "the bank says the fee is right").Should().Be(0);
        _cli.List()[fee][13].Should().Be("REOPENED");

        QuietDayAfter("2024-11-08");
        _cli.Ws.Run("2024-11-08").Should().Be(0);
        _cli.OutputLines("2024-11-08", "discrepancies.csv").Should().Contain(l => l.Contains(fee, StringComparison.Ordinal));
        _cli.OutputLines("2024-11-08", "inventory.csv").Single(l => l.Contains(ExampleInbox.Ceb, StringComparison.Ordinal)).Should().EndWith(",0.00,BALANCED");
        _cli.List()[fee][13].Should().Be("REOPENED");
        _cli.List().Should().ContainKey(payout);
    }

    private void QuietDayAfter(string day) => _cli.QuietDay(day, ledgerRows: "", cebSubAccount: "12050000.00");
}
