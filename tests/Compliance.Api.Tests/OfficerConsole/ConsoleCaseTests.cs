using System.Net.Http.Json;
using System.Text.Json;
using Compliance.Api.OfficerConsole;
using Compliance.Api.Tests.Checks;
using Compliance.Api.Tests.Infrastructure;
using Dapper;
using Microsoft.Playwright;
using Npgsql;

namespace Compliance.Api.Tests.OfficerConsole;

/// <summary>An officer signs in and works a review to its final answer, in Chromium; the payment system sees the answer.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsoleCaseTests(ConsoleBrowser browser, ConsoleFactory factory) : IClassFixture<ConsoleFactory>
{

    [Fact]
    public async Task Officer_SignsIn_SeesTheDashboard_WorksACaseToClosure_AndTheCheckBecomesFinal()
    {
        var password = await factory.OfficerAsync("olivia", OfficerRoles.Officer, "Olivia Officer", "Europe/Berlin");
        using var checks = await CheckClient.CreateAsync(factory);
        var customer = await checks.CustomerAsync(kycStatus: "pending");
        (await checks.DecideAsync(CheckClient.Body("console-case-1", customer, 120m))).GetProperty("decision").GetString().Should().Be("review");

        var page = await browser.PageAsync(factory.BaseUrl, "Europe/Berlin");
        await page.GotoAsync("/console/cases");
        page.Url.Should().Contain("/console/login", "the queue needs a signed-in officer");
        await ConsoleBrowser.ScreenshotAsync(page, "login");
        await SignInAsync(page, "olivia", password);

        // Home: the open case counts in its inbox; one click to the queue.
        await page.GotoAsync("/console");
        (await page.Locator("tr[data-inbox=kyc] td").Nth(1).InnerTextAsync()).Should().NotBe("0");
        (await page.Locator(".card[data-decision=review] .n").InnerTextAsync()).Should().NotBe("0");
        await ConsoleBrowser.ScreenshotAsync(page, "home");
        await page.GetByRole(AriaRole.Link, new() { Name = "kyc", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/console/cases?inbox=kyc");

        // The queue, keyboard first: j focuses the first row, Enter opens it.
        var caseId = await CaseIdAsync(customer);
        await page.GotoAsync($"/console/cases?inbox=kyc&reason=KYC_NOT_VERIFIED");
        await ConsoleBrowser.ScreenshotAsync(page, "queue");
        await page.Locator($"tr[data-case='{caseId}'] a").ClickAsync();
        await page.WaitForURLAsync($"**/console/cases/{caseId}");

        // The explanation: the rule that fired, with the fact it read.
        var fired = page.Locator("li.fired[data-rule=KycNotVerified]");
        (await fired.InnerTextAsync()).Should().Contain("KYC_NOT_VERIFIED").And.Contain("customer.KycStatus = pending");
        (await page.Locator("li[data-rule=VeryLargeAmount]").InnerTextAsync()).Should().Contain("did not fire");

        await page.Locator("#claim").ClickAsync();
        (await page.Locator("#state").InnerTextAsync()).Should().Be("in_review");
        (await page.Locator("#assignee").InnerTextAsync()).Should().Be(OfficerPrincipal.For("olivia"));
        await page.Locator("#text").FillAsync("Called the customer; ID document checked in branch.");
        await page.Locator("#comment").ClickAsync();
        (await page.Locator("main").InnerTextAsync()).Should().Contain("ID document checked in branch");
        await page.Locator("#resolution").SelectOptionAsync("approved");
        await page.Locator("#reason").FillAsync("Identity confirmed in branch");
        await ConsoleBrowser.ScreenshotAsync(page, "case");
        await page.Locator("#close").ClickAsync();
        (await page.Locator("#state").InnerTextAsync()).Should().Be("closed (approved)");

        var check = await checks.Http.GetFromJsonAsync<JsonElement>("/v1/checks/console-case-1");
        check.GetProperty("finalDecision").GetString().Should().Be("allow");
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        var actions = (await connection.QueryAsync<string>("SELECT action FROM audit_log WHERE principal = 'officer:olivia' ORDER BY id")).ToList();
        actions.Should().ContainInOrder("console.login", "case.claim", "case.comment", "case.close");
    }

    internal static async Task SignInAsync(IPage page, string username, string password)
    {
        await page.GotoAsync("/console/login");
        await page.GetByLabel("Username").FillAsync(username);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/console");
    }

    private async Task<Guid> CaseIdAsync(string customer)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        return await connection.QuerySingleAsync<Guid>("SELECT id FROM cases WHERE customer_id = @customer", new { customer });
    }
}
