using Compliance.Api.OfficerConsole;
using Compliance.Api.Tests.Checks;
using Compliance.Api.Tests.Infrastructure;
using Dapper;
using Microsoft.Playwright;
using Npgsql;

namespace Compliance.Api.Tests.OfficerConsole;

/// <summary>
/// Basic accessibility checks that need no network (the axe-core rules we can state in a few lines):
/// a language, a title, one h1 and no skipped heading levels, a label for every control, text contrast
/// of at least 4.5:1 (3:1 for large text) in the default theme; and the queue works from the keyboard.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsoleAccessibilityTests(ConsoleBrowser browser, ConsoleFactory factory) : IClassFixture<ConsoleFactory>
{
    // Returns one line per problem on the page.
    private const string Audit = """
        () => {
          const problems = [];
          if (!document.documentElement.lang) problems.push('html has no lang');
          if (!document.title.trim()) problems.push('no title');
          const headings = [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => +h.tagName[1]);
          if (headings.filter(l => l === 1).length !== 1) problems.push('h1 count ' + headings.filter(l => l === 1).length);
          headings.forEach((l, i) => { if (i > 0 && l > headings[i - 1] + 1) problems.push('heading skips from h' + headings[i - 1] + ' to h' + l); });
          for (const c of document.querySelectorAll('input:not([type=hidden]),select,textarea')) {
            const labelled = (c.id && document.querySelector('label[for="' + c.id + '"]')) || c.closest('label') || c.getAttribute('aria-label');
            if (!labelled) problems.push('unlabelled ' + c.tagName.toLowerCase() + ' ' + (c.name || c.id));
          }
          const rgb = s => (s.match(/[\d.]+/g) || []).map(Number);
          const lum = ([r, g, b]) => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }; return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
          const background = el => { for (; el; el = el.parentElement) { const c = rgb(getComputedStyle(el).backgroundColor); if (c.length === 3 || (c.length === 4 && c[3] > 0)) return c.slice(0, 3); } return [255, 255, 255]; };
          for (const el of document.querySelectorAll('body *')) {
            const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
            if (!own || el.offsetParent === null) continue;
            const style = getComputedStyle(el);
            const a = lum(rgb(style.color).slice(0, 3)), b = lum(background(el));
            const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
            const size = parseFloat(style.fontSize), bold = +style.fontWeight >= 700;
            const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
            if (ratio < needed) problems.push('contrast ' + ratio.toFixed(2) + ' on ' + el.tagName.toLowerCase() + ' "' + el.textContent.trim().slice(0, 30) + '"');
          }
          return problems;
        }
        """;

    [Fact]
    public async Task EveryPage_PassesTheBasicChecks_AndTheQueueWorksFromTheKeyboard()
    {
        var senior = await factory.OfficerAsync("alex", OfficerRoles.SeniorOfficer);
        var auditor = await factory.OfficerAsync("audrey", OfficerRoles.Auditor);
        var admin = await factory.OfficerAsync("adam", OfficerRoles.Admin);
        using var checks = await CheckClient.CreateAsync(factory);
        var customer = await checks.CustomerAsync(kycStatus: "pending");
        await checks.DecideAsync(CheckClient.Body("console-a11y-1", customer, 90m));
        Guid caseId;
        await using (var connection = new NpgsqlConnection(factory.ConnectionString))
        {
            caseId = await connection.QuerySingleAsync<Guid>("SELECT id FROM cases WHERE customer_id = @customer", new { customer });
        }

        var problems = new List<string>();
        var anonymous = await browser.PageAsync(factory.BaseUrl);
        await CheckAsync(anonymous, "/console/login", problems);

        var page = await browser.PageAsync(factory.BaseUrl);
        await ConsoleCaseTests.SignInAsync(page, "alex", senior);
        foreach (var path in new[]
        {
            "/console", "/console/cases", $"/console/cases/{caseId}", "/console/customers", $"/console/customers/{customer}", "/console/rulesets",
            "/console/rulesets/pre-transaction", "/console/rulesets/pre-transaction/diff?from=1&to=1", "/console/account",
        })
        {
            await CheckAsync(page, path, problems);
        }

        var reader = await browser.PageAsync(factory.BaseUrl);
        await ConsoleCaseTests.SignInAsync(reader, "audrey", auditor);
        await CheckAsync(reader, "/console/audit", problems);
        await CheckAsync(reader, "/console/kyc", problems);
        await CheckAsync(reader, "/console/officers", problems);

        var administrator = await browser.PageAsync(factory.BaseUrl);
        await ConsoleCaseTests.SignInAsync(administrator, "adam", admin);
        await CheckAsync(administrator, "/console/officers", problems);

        problems.Should().BeEmpty();

        // The queue from the keyboard: j focuses the first case, Enter opens it. The other officers'
        // pages are closed and this one brought to the front: keys go to a background page's renderer,
        // which a loaded machine may throttle for longer than the wait.
        foreach (var other in new[] { anonymous, reader, administrator })
        {
            await other.Context.CloseAsync();
        }

        await page.BringToFrontAsync();
        await page.GotoAsync($"/console/cases?reason=KYC_NOT_VERIFIED&inbox=kyc");
        await page.Keyboard.PressAsync("j");
        (await page.EvaluateAsync<string>("() => document.activeElement.closest('tr')?.getAttribute('data-case') ?? ''")).Should().NotBeEmpty();
        await page.Keyboard.PressAsync("Enter");
        // The navigation starting is what the keyboard does; the case page's own load is checked above.
        // The URL is polled, not awaited as a navigation event: WaitForURLAsync reads the URL and then
        // subscribes to the event, and a commit that lands between the two is never seen (CI, 12-07).
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/console/cases/[0-9a-f-]{36}$"),
            new() { Timeout = 60_000 });
    }

    private static async Task CheckAsync(IPage page, string path, List<string> problems)
    {
        await page.GotoAsync(path);
        problems.AddRange((await page.EvaluateAsync<string[]>(Audit)).Select(p => $"{path}: {p}"));
    }
}
