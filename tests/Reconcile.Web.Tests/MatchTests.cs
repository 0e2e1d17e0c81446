using Microsoft.Playwright;
using Reconcile.Application;
using Reconcile.Core.Cases;
using Reconcile.Core.Model;
using Reconcile.Engine.Store;
using static Reconcile.Web.Tests.Browse;

namespace Reconcile.Web.Tests;

/// <summary>Match and Unmatch on the case page, in headless chromium against the real server.</summary>
public sealed class MatchTests(PairingFixture web) : IClassFixture<PairingFixture>
{
    private async Task<string> CaseOf(Category category, string amount)
    {
        List<CaseSummary> all = await CaseQueries.ListAsync(web.Store, new CaseFilter(new CaseQuery(CaseStatusFilter.All)));
        return all.Single(c => c.Category == category && CaseQueries.MaxAmount(c).ToString() == amount).CaseId;
    }

    private static ILocator Button(IPage page, string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    [Fact]
    public async Task A_preparer_pairs_with_a_running_sum_the_approver_approves_and_an_unmatch_opens_both_items_again()
    {
        string line = await CaseOf(Category.BANK_ONLY, "30000.00");
        string entry = await CaseOf(Category.LEDGER_ONLY, "30000.00");
        IPage maker = await web.SignedInAsync("zhang");
        await maker.GotoAsync($"/discrepancies/{line}");

        (await maker.Locator("table.pairable").InnerTextAsync()).Should().Contain("B:PA1").And.Contain("L:L1").And.Contain("L:L2");
        await maker.GetByLabel("L:L1", new() { Exact = true }).CheckAsync();
        await Expect(maker.Locator("#match-sum"), "ready to pair 2 item(s)");
        (await maker.GetByTestId("bank-sum").InnerTextAsync()).Should().Be("30000.00");
        (await maker.GetByTestId("ledger-sum").InnerTextAsync()).Should().Be("30000.00");
        (await maker.GetByTestId("difference").InnerTextAsync()).Should().Be("0.00");
        await maker.GetByLabel("Match remark").FillAsync("周八 首付款");
        await Button(maker, "Match 配对").ClickAsync();

        await Expect(maker.Locator("#status"), "PENDING_APPROVAL");
        (await Button(maker, "Approve 批准").CountAsync()).Should().Be(0, "the maker does not approve their own pairing");
        IPage checker = await web.SignedInAsync("li");
        await checker.GotoAsync($"/discrepancies/{line}");
        await Button(checker, "Approve 批准").ClickAsync();
        await Expect(checker.Locator("#status"), "RESOLVED — MATCHED (人工配对) by zhang, approved by li: B:PA1 ↔ L:L1");
        (await web.Store.GetCaseAsync(entry))!.Summary.Status.Should().Be(CaseStatus.RESOLVED, "the entry's case closes with the pairing");
        (await web.Store.LatestStateAsync(PairingFixture.Account))!.State.Pairings.Should().ContainSingle(p => p.CaseId == line);

        await maker.GotoAsync($"/discrepancies/{line}");
        await maker.GetByLabel("Why undo").FillAsync("L1 is the deposit of another contract");
        await Button(maker, "Unmatch 取消配对").ClickAsync();
        await Expect(maker.Locator("#status"), "undoing the pairing (取消配对) requested by zhang");
        await checker.GotoAsync($"/discrepancies/{line}");
        await Button(checker, "Approve 批准").ClickAsync();
        await Expect(checker.Locator("#status"), "REOPENED");

        (await web.Store.GetCaseAsync(entry))!.Summary.Status.Should().Be(CaseStatus.REOPENED);
        AccountDayState carried = (await web.Store.LatestStateAsync(PairingFixture.Account))!;
        carried.State.Pairings.Should().BeEmpty();
        carried.State.OpenItems.Select(i => i.ItemId).Should().Contain(["B:PA1", "L:L1"]);
        string timeline = await checker.Locator("table.timeline").InnerTextAsync();
        timeline.Should().Contain("RESOLUTION_REQUESTED MATCHED").And.Contain("UNMATCH_REQUESTED").And.Contain("L1 is the deposit of another contract");
    }

    [Fact]
    public async Task The_running_sum_names_the_difference_and_sums_that_disagree_are_refused_unless_it_is_named()
    {
        string line = await CaseOf(Category.BANK_ONLY, "1000.00");
        IPage maker = await web.SignedInAsync("zhang");
        await maker.GotoAsync($"/discrepancies/{line}");

        await maker.GetByLabel("L:L2", new() { Exact = true }).CheckAsync();
        await Expect(maker.Locator("#match-sum"), "the sums disagree");
        (await maker.GetByTestId("difference").InnerTextAsync()).Should().Be("10.00");
        await Button(maker, "Match 配对").ClickAsync();
        await Expect(maker.GetByRole(AriaRole.Alert), "Pass --difference 10.00");
        (await web.Store.GetCaseAsync(line))!.Summary.Status.Should().Be(CaseStatus.OPEN, "nothing was stored");

        await maker.GetByLabel("L:L2", new() { Exact = true }).CheckAsync();
        await maker.GetByLabel("Difference kept open").FillAsync("10.00");
        await maker.GetByLabel("Difference kept open").DispatchEventAsync("change");
        await Expect(maker.Locator("#match-sum"), "ready to pair 2 item(s)");
        await Button(maker, "Match 配对").ClickAsync();
        await Expect(maker.Locator("#status"), "PENDING_APPROVAL");
    }

    [Fact]
    public async Task An_auditor_is_offered_no_Match_and_a_forged_one_is_refused()
    {
        string line = await CaseOf(Category.BANK_ONLY, "30000.00");
        IPage auditor = await web.SignedInAsync("sun");
        await auditor.GotoAsync($"/discrepancies/{line}");

        (await auditor.Locator("#match-form").CountAsync()).Should().Be(0);
        IAPIResponse forged = await ForgedPostAsync(auditor, line, "Match", ("items", "L:L1"));

        forged.Status.Should().Be(403);
        (await forged.TextAsync()).Should().Contain("sun is an auditor and may not match items");
    }
}
