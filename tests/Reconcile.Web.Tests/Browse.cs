using Microsoft.Playwright;

namespace Reconcile.Web.Tests;

/// <summary>What the browser tests do on a page: wait for text, and send a POST the page did not offer.</summary>
internal static class Browse
{
    public static async Task Expect(ILocator locator, string text)
    {
        for (int i = 0; i < 300 && !(await locator.InnerTextAsync()).Contains(text, StringComparison.Ordinal); i++)
        {
            await Task.Delay(100);
        }
        (await locator.InnerTextAsync()).Should().Contain(text);
    }

    public static async Task<string> Token(IPage page) =>
        await page.Locator("input[name=__RequestVerificationToken]").First.GetAttributeAsync("value") ?? throw new InvalidOperationException("no antiforgery token on the page");

    /// <summary>A POST the page did not offer, with a valid antiforgery token and the user's own cookie.</summary>
    public static async Task<IAPIResponse> ForgedPostAsync(IPage page, string caseId, string handler, params (string Name, string Value)[] fields)
    {
        string token = await Token(page);
        return await page.APIRequest.PostAsync($"/discrepancies/{caseId}?handler={handler}", new()
        {
            Form = Form(page, [.. fields, ("__RequestVerificationToken", token)]),
            MaxRedirects = 0,
        });
    }

    public static IFormData Form(IPage page, params (string Name, string Value)[] fields)
    {
        IFormData form = page.APIRequest.CreateFormData();
        foreach ((string name, string value) in fields)
        {
            form.Set(name, value);
        }
        return form;
    }
}
