using Compliance.Api.OfficerConsole;
using Compliance.Api.Tests.Infrastructure;
using Dapper;
using Microsoft.Playwright;
using Npgsql;

namespace Compliance.Api.Tests.OfficerConsole;

/// <summary>The audit log viewer: filters on the server, and the chain verification an auditor runs from the page.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsoleAuditTests(ConsoleBrowser browser, ConsoleFactory factory) : IClassFixture<ConsoleFactory>
{
    [Fact]
    public async Task Auditor_FiltersTheLog_VerifiesTheChains_AndSeesATamperedRowNamed()
    {
        var password = await factory.OfficerAsync("ariane", OfficerRoles.Auditor);
        var officer = await factory.OfficerAsync("bruno", OfficerRoles.Officer);
        var page = await browser.PageAsync(factory.BaseUrl);
        var other = await browser.PageAsync(factory.BaseUrl);
        await ConsoleCaseTests.SignInAsync(other, "bruno", officer);
        await ConsoleCaseTests.SignInAsync(page, "ariane", password);

        await page.GetByRole(AriaRole.Link, new() { Name = "Audit log" }).ClickAsync();
        await page.GetByLabel("Who").FillAsync("officer:bruno");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        var rows = page.Locator("tbody tr");
        (await rows.CountAsync()).Should().Be(1);
        (await rows.First.InnerTextAsync()).Should().Contain("console.login").And.Contain("success");

        await page.GotoAsync("/console/audit");
        await page.Locator("#verify").ClickAsync();
        var verification = await page.Locator("#verification").InnerTextAsync();
        verification.Should().Contain("OK:").And.NotContain("FAILED");
        await ConsoleBrowser.ScreenshotAsync(page, "audit");

        await using (var connection = new NpgsqlConnection(factory.ConnectionString))
        {
            await connection.ExecuteAsync(
                "SET session_replication_role = replica; UPDATE audit_log SET detail = 'forged' WHERE principal = 'officer:bruno' AND action = 'console.login'");
        }

        await page.Locator("#verify").ClickAsync();
        (await page.Locator("#verification").InnerTextAsync()).Should().Contain("FAILED: audit row").And.Contain("content was changed");
    }
}
