using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Reconcile.Core.Cases;
using Reconcile.Engine.Store;
using static Reconcile.Web.Tests.Browse;

namespace Reconcile.Web.Tests;

/// <summary>The workbench as the finance team uses it: real Kestrel on loopback, headless chromium.</summary>
public sealed class WorkbenchTests(WorkbenchFixture web) : IClassFixture<WorkbenchFixture>
{
    [Fact]
    public async Task Every_page_asks_a_visitor_to_sign_in_first()
    {
        IPage page = await web.AnonymousAsync();

        foreach (string path in new[] { "/discrepancies", "/runs", "/inventory", "/" })
        {
            await page.GotoAsync(path);
            page.Url.Should().Contain("/login", $"{path} needs a signed-in user");
        }
        (await page.GetByLabel("User name").CountAsync()).Should().Be(1);
        (await page.GetByLabel("Password").CountAsync()).Should().Be(1);
        (await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).CountAsync()).Should().Be(1);
        IAPIResponse csv = await page.APIRequest.GetAsync("/discrepancies?handler=Csv", new() { MaxRedirects = 0 });
        csv.Status.Should().Be(302, "no download without signing in");
    }

    [Fact]
    public async Task A_wrong_password_is_refused()
    {
        IPage page = await web.AnonymousAsync();
        await page.GotoAsync("/login");

        await page.GetByLabel("User name").FillAsync("zhang");
        await page.GetByLabel("Password").FillAsync("not-zhangs-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        (await page.GetByRole(AriaRole.Alert).InnerTextAsync()).Should().Contain("Wrong user name or password");
        page.Url.Should().Contain("/login");
        await page.GotoAsync("/discrepancies");
        page.Url.Should().Contain("/login");
    }

    [Fact]
    public async Task Five_failed_sign_ins_lock_the_user_out_even_with_the_right_password()
    {
        IPage page = await web.AnonymousAsync();
        await page.GotoAsync("/login");
        for (int i = 0; i < 5; i++)
        {
            await page.GetByLabel("User name").FillAsync("wu");
            await page.GetByLabel("Password").FillAsync($"guess-number-{i}");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        }

        await page.GetByLabel("User name").FillAsync("wu");
        await page.GetByLabel("Password").FillAsync(WorkbenchFixture.Team["wu"].Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        (await page.GetByRole(AriaRole.Alert).InnerTextAsync()).Should().Contain("locked");
        page.Url.Should().Contain("/login");
    }

    [Fact]
    public async Task The_preparer_resolves_above_the_threshold_cannot_approve_it_and_the_approver_does()
    {
        CaseSummary big = (await web.OpenCasesAsync()).First(c => c.Status == CaseStatus.OPEN && Amount(c) >= 100m && c.Assignee is null);
        IPage maker = await web.SignedInAsync("zhang");
        await maker.GotoAsync($"/discrepancies/{big.CaseId}");

        await maker.GetByLabel("Reason").SelectOptionAsync("ADJUSTED");
        await maker.GetByLabel("Note").FillAsync("调账 voucher 2024-11-09/17");
        await maker.GetByRole(AriaRole.Button, new() { Name = "Resolve" }).ClickAsync();

        await Expect(maker.Locator("#status"), "PENDING_APPROVAL");
        (await maker.GetByRole(AriaRole.Button, new() { Name = "Approve" }).CountAsync()).Should().Be(0, "the maker never sees Approve on their own resolution");
        IAPIResponse forged = await ForgedPostAsync(maker, big.CaseId, "Approve");
        forged.Status.Should().Be(403);
        (await forged.TextAsync()).Should().Contain("zhang is a preparer and may not approve");

        IPage checker = await web.SignedInAsync("li");
        await checker.GotoAsync($"/discrepancies/{big.CaseId}");
        await checker.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();

        await Expect(checker.Locator("#status"), "RESOLVED");
        (await checker.Locator("#status").InnerTextAsync()).Should().Contain("approved by li");
        string timeline = await checker.Locator("table.timeline").InnerTextAsync();
        timeline.Should().Contain("zhang").And.Contain("RESOLUTION_REQUESTED").And.Contain("APPROVED");
        CaseDetail stored = (await web.Store.GetCaseAsync(big.CaseId))!;
        stored.Timeline.Select(e => (e.Kind, e.By, e.Identity)).TakeLast(2).Should().Equal(
            (CaseEventKind.RESOLUTION_REQUESTED, "zhang", Core.Access.Identity.PASSWORD),
            (CaseEventKind.APPROVED, "li", Core.Access.Identity.PASSWORD));
        await checker.SetViewportSizeAsync(1280, 1400);
        await checker.ScreenshotAsync(new() { Path = ScreenshotPath(), FullPage = true });
    }

    [Fact]
    public async Task An_approver_cannot_approve_their_own_resolution_even_by_a_forged_post()
    {
        CaseSummary big = (await web.OpenCasesAsync()).Where(c => c.Status == CaseStatus.OPEN && Amount(c) >= 100m).Skip(3).First();
        IPage approver = await web.SignedInAsync("li");
        await approver.GotoAsync($"/discrepancies/{big.CaseId}");
        await approver.GetByLabel("Reason").SelectOptionAsync("REFUNDED");
        await approver.GetByLabel("Note").FillAsync("refund slip 88");
        await approver.GetByRole(AriaRole.Button, new() { Name = "Resolve" }).ClickAsync();
        await Expect(approver.Locator("#status"), "PENDING_APPROVAL");

        (await approver.GetByRole(AriaRole.Button, new() { Name = "Approve" }).CountAsync()).Should().Be(0);
        IAPIResponse forged = await ForgedPostAsync(approver, big.CaseId, "Approve");

        forged.Status.Should().Be(403);
        (await forged.TextAsync()).Should().Contain("li requested this resolution and cannot approve it");
        (await web.Store.GetCaseAsync(big.CaseId))!.Summary.Status.Should().Be(CaseStatus.PENDING_APPROVAL);
    }

    [Fact]
    public async Task A_form_without_its_antiforgery_token_is_a_bad_request()
    {
        CaseSummary any = (await web.OpenCasesAsync()).Last();
        IPage page = await web.SignedInAsync("zhang");
        int before = (await web.Store.GetCaseAsync(any.CaseId))!.Timeline.Count;

        IAPIResponse response = await page.APIRequest.PostAsync($"/discrepancies/{any.CaseId}?handler=Comment", new()
        {
            Form = Form(page, ("text", "no token")),
            MaxRedirects = 0,
        });

        response.Status.Should().Be(400);
        (await web.Store.GetCaseAsync(any.CaseId))!.Timeline.Should().HaveCount(before);
    }

    [Fact]
    public async Task An_auditor_reads_and_downloads_but_cannot_resolve()
    {
        CaseSummary any = (await web.OpenCasesAsync()).First(c => c.Status == CaseStatus.OPEN);
        IPage auditor = await web.SignedInAsync("sun");
        await auditor.GotoAsync($"/discrepancies/{any.CaseId}");

        (await auditor.GetByRole(AriaRole.Button, new() { Name = "Resolve" }).CountAsync()).Should().Be(0);
        IAPIResponse forged = await ForgedPostAsync(auditor, any.CaseId, "Resolve", ("reason", "FALSE_ALARM"), ("note", "fine"));
        forged.Status.Should().Be(403);
        (await forged.TextAsync()).Should().Contain("sun is an auditor and may not resolve cases");
        (await web.Store.GetCaseAsync(any.CaseId))!.Summary.Status.Should().Be(CaseStatus.OPEN);

        await auditor.GotoAsync("/discrepancies");
        IDownload csv = await auditor.RunAndWaitForDownloadAsync(() => auditor.GetByRole(AriaRole.Link, new() { Name = "Download CSV" }).ClickAsync());
        string csvText = await File.ReadAllTextAsync(await csv.PathAsync());
        csvText.Should().StartWith("discrepancy_id,bank,escrow_type");
        csvText.Should().Contain(any.CaseId);

        await auditor.GotoAsync("/inventory?from=2024-11-06&to=2024-11-08");
        (await auditor.Locator("table.inventory").InnerTextAsync()).Should().Contain("2024-11-08");
        IDownload export = await auditor.RunAndWaitForDownloadAsync(() => auditor.GetByRole(AriaRole.Button, new() { Name = "Download export" }).ClickAsync());
        export.SuggestedFilename.Should().Be("inventory_2024-11-06_2024-11-08_xlsx.zip");
        using var zip = System.IO.Compression.ZipFile.OpenRead(await export.PathAsync());
        zip.Entries.Select(e => e.Name).Should().BeEquivalentTo("inventory_2024-11-06_2024-11-08.xlsx", "manifest.json");
    }

    [Fact]
    public async Task The_list_filters_pages_and_assigns_in_bulk()
    {
        IPage page = await web.SignedInAsync("zhang");
        await page.GotoAsync("/discrepancies?bank=CEB&status=all");
        List<CaseSummary> ceb = (await CaseQueriesAll()).Where(c => c.Bank == Core.Model.Bank.CEB).ToList();
        int rows = await page.Locator("table.cases tbody tr").CountAsync();
        rows.Should().Be(Math.Min(50, ceb.Count));
        (await page.Locator("table.cases tbody").InnerTextAsync()).Should().NotContain("CITIC").And.NotContain("PAB");

        await page.GotoAsync("/discrepancies?bank=PAB");
        List<CaseSummary> pab = (await web.OpenCasesAsync()).Where(c => c.Bank == Core.Model.Bank.PAB).Take(2).ToList();
        foreach (CaseSummary c in pab)
        {
            await page.GetByLabel($"Select {c.CaseId}").CheckAsync();
        }
        await page.GetByLabel("Assign selected to").FillAsync("wu");
        await page.GetByRole(AriaRole.Button, new() { Name = "Assign selected" }).ClickAsync();

        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).Should().Contain($"{pab.Count} case(s) assigned to wu");
        foreach (CaseSummary c in pab)
        {
            (await web.Store.GetCaseAsync(c.CaseId))!.Summary.Assignee.Should().Be("wu");
        }
        await page.GotoAsync("/discrepancies?assignee=wu");
        (await page.Locator("table.cases tbody tr").CountAsync()).Should().Be(pab.Count);
    }

    [Fact]
    public async Task Several_people_comment_on_one_case_at_once()
    {
        CaseSummary any = (await web.OpenCasesAsync())[1];
        IPage[] people = await Task.WhenAll(new[] { "zhang", "li" }.Select(web.SignedInAsync));
        foreach (IPage p in people)
        {
            await p.GotoAsync($"/discrepancies/{any.CaseId}");
        }
        int before = (await web.Store.GetCaseAsync(any.CaseId))!.Timeline.Count;

        IAPIResponse[] responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(async i =>
        {
            IPage p = people[i % 2];
            return await p.APIRequest.PostAsync($"/discrepancies/{any.CaseId}?handler=Comment", new()
            {
                Form = Form(p, ("text", $"note {i}"), ("__RequestVerificationToken", await Token(p))),
                MaxRedirects = 0,
            });
        }));

        responses.Select(r => r.Status).Should().OnlyContain(s => s == 302);
        (await web.Store.GetCaseAsync(any.CaseId))!.Timeline.Should().HaveCount(before + 6);
    }

    [Fact]
    public async Task The_list_shows_superseded_cases_on_their_own_filter()
    {
        IPage page = await web.SignedInAsync("sun");
        await page.GotoAsync("/discrepancies?status=superseded");

        (await page.Locator("select[name=status]").InputValueAsync()).Should().Be("superseded");
        List<CaseSummary> superseded = await Application.CaseQueries.ListAsync(web.Store, new Application.CaseFilter(new CaseQuery(CaseStatusFilter.Superseded)));
        superseded.Should().Contain(c => c.Category == Core.Model.Category.MISSING_STATEMENT && c.AccountNo == "38456975009499912")
            .And.OnlyContain(c => c.Status == CaseStatus.SUPERSEDED);
        (await page.Locator("table.cases tbody tr").CountAsync()).Should().Be(Math.Min(50, superseded.Count));
        (await web.OpenCasesAsync()).Should().NotContain(c => c.Status == CaseStatus.SUPERSEDED);
    }

    [Fact]
    public async Task Runs_show_per_bank_and_type_counts_and_signing_out_ends_the_session()
    {
        IPage page = await web.SignedInAsync("sun");
        await page.GotoAsync("/runs?from=2024-11-06&to=2024-11-08");
        string runs = await page.Locator("main").InnerTextAsync();
        runs.Should().Contain("2024-11-08").And.Contain("CEB").And.Contain("RENOVATION").And.Contain("Auto-match rate");
        runs.Should().MatchRegex(@"\d+\.\d %");
        (await page.Locator(".run-warning").AllInnerTextsAsync()).Should().ContainSingle()
            .Which.Should().StartWith("Warning 警告: 2024-11-07 is run again after later days were run (").And.Contain("up to 2024-11-08)");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync("**/login");
        await page.GotoAsync("/runs");
        page.Url.Should().Contain("/login");
    }

    private async Task<List<CaseSummary>> CaseQueriesAll() =>
        await Application.CaseQueries.ListAsync(web.Store, new Application.CaseFilter(new CaseQuery(CaseStatusFilter.All)));

    private static decimal Amount(CaseSummary c) => Application.CaseQueries.MaxAmount(c).Fen / 100m;

    /// <summary>Where the case page's screenshot goes: docs/ when RECONCILE_SCREENSHOT names a path, else the temp folder.</summary>
    private static string ScreenshotPath() =>
        Environment.GetEnvironmentVariable("RECONCILE_SCREENSHOT") is { Length: > 0 } p ? p : Path.Combine(Path.GetTempPath(), "reconcile-workbench-case.png");
}
