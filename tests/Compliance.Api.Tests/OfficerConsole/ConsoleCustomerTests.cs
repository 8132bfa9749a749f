using System.Net.Http.Json;
using Compliance.Api.OfficerConsole;
using Compliance.Api.Tests.Checks;
using Compliance.Api.Tests.Infrastructure;
using Dapper;
using Microsoft.Playwright;
using Npgsql;

namespace Compliance.Api.Tests.OfficerConsole;

/// <summary>The customer page: PII masked until one field is revealed for a purpose, every read audited, markup inert.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsoleCustomerTests(ConsoleBrowser browser, ConsoleFactory factory) : IClassFixture<ConsoleFactory>
{
    private const string Payload = "Eve <script>document.title='pwned'</script><img src=x onerror=\"document.title='pwned'\">";

    [Fact]
    public async Task SeniorOfficer_SeesPiiMasked_RevealsOneFieldForAPurpose_TheReadIsAudited_AndMarkupStaysText()
    {
        var password = await factory.OfficerAsync("sofia", OfficerRoles.SeniorOfficer);
        using var checks = await CheckClient.CreateAsync(factory);
        var customer = "c-" + Guid.NewGuid().ToString("N")[..10];
        (await checks.Http.PostAsJsonAsync("/v1/customers", new
        {
            id = customer, fullName = Payload, email = "eve@example.com", nationalId = "DE-123456789", country = "DE", riskRating = "high", segment = "retail",
        })).EnsureSuccessStatusCode();
        await checks.DecideAsync(CheckClient.Body("console-customer-1", customer, 75m));

        var page = await browser.PageAsync(factory.BaseUrl);
        await ConsoleCaseTests.SignInAsync(page, "sofia", password);
        await page.GetByRole(AriaRole.Link, new() { Name = "Customers" }).ClickAsync();
        await page.GetByLabel("Customer id").FillAsync(customer);
        await page.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = customer }).ClickAsync();

        var email = await page.Locator("tr[data-field=email] td").InnerTextAsync();
        email.Should().NotContain("eve@example.com").And.Contain("@example.com");
        (await page.Locator("main").InnerTextAsync()).Should().NotContain("DE-123456789").And.NotContain("<script>");
        (await page.Locator("tr[data-transaction=console-customer-1]").InnerTextAsync()).Should().Contain("review", "the new customer has no KYC yet");

        await page.GetByLabel("Reveal", new() { Exact = true }).SelectOptionAsync("fullName");
        await page.GetByLabel("for", new() { Exact = true }).SelectOptionAsync("aml_investigation");
        await page.Locator("#reveal").ClickAsync();
        (await page.Locator("tr[data-field=fullName] .revealed").InnerTextAsync()).Should().Be(Payload, "the name is shown as text");
        (await page.Locator("tr[data-field=email] td").InnerTextAsync()).Should().NotContain("eve@", "only the field asked for is revealed");
        (await page.Locator("main img").CountAsync()).Should().Be(0);
        (await page.TitleAsync()).Should().NotBe("pwned");
        await ConsoleBrowser.ScreenshotAsync(page, "customer");

        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        var read = await connection.QuerySingleAsync<(string Purpose, string[] Fields)>(
            "SELECT purpose, fields FROM audit_log WHERE action = 'customer.pii.read' AND outcome = 'success' AND subject = @customer AND principal = 'officer:sofia'", new { customer });
        read.Purpose.Should().Be("aml_investigation");
        read.Fields.Should().Equal("fullName");
    }

    [Fact]
    public async Task CustomerList_PagesNewestFirst_WithoutGapsOrRepeats()
    {
        var password = await factory.OfficerAsync("paula", OfficerRoles.Officer);
        await using (var connection = new NpgsqlConnection(factory.ConnectionString))
        {
            // Sixty customers, two to a second so that pages split ties on the creation time.
            await connection.ExecuteAsync("""
                INSERT INTO customers (id, country, risk_rating, pep, kyc_status, created_at)
                SELECT 'page-' || lpad(n::text, 3, '0'), 'DE', 'low', false, 'approved', timestamptz '2026-12-01 00:00:00+00' + (n / 2) * interval '1 second'
                FROM generate_series(1, 60) AS n
                """);
        }

        var page = await browser.PageAsync(factory.BaseUrl);
        await ConsoleCaseTests.SignInAsync(page, "paula", password);
        var seen = new List<string>();
        await page.GotoAsync("/console/customers");
        while (true)
        {
            var ids = await page.Locator("tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.getAttribute('data-customer'))");
            ids.Length.Should().BeLessThanOrEqualTo(50);
            seen.AddRange(ids);
            if (await page.Locator("#next").CountAsync() == 0)
            {
                break;
            }

            await page.Locator("#next").ClickAsync();
        }

        seen.Should().OnlyHaveUniqueItems();
        var paged = seen.Where(id => id.StartsWith("page-", StringComparison.Ordinal)).ToList();
        paged.Should().HaveCount(60);
        var expected = Enumerable.Range(1, 60).OrderByDescending(n => n / 2).ThenBy(n => n).Select(n => $"page-{n:D3}");
        paged.Should().Equal(expected, "newest first, ties by id");
    }

    [Fact]
    public async Task Officer_WithoutPiiRead_CannotReveal_EvenWithAForgedForm_AndTheRefusalIsAudited()
    {
        var password = await factory.OfficerAsync("otto", OfficerRoles.Officer);
        using var checks = await CheckClient.CreateAsync(factory);
        var customer = await checks.CustomerAsync();
        var page = await browser.PageAsync(factory.BaseUrl);
        await ConsoleCaseTests.SignInAsync(page, "otto", password);

        await page.GotoAsync($"/console/customers/{customer}");
        (await page.Locator("#reveal").CountAsync()).Should().Be(0);
        (await page.Locator("main").InnerTextAsync()).Should().Contain("Your role does not read personal data");

        var token = await page.Locator("input[name=__RequestVerificationToken]").First.GetAttributeAsync("value");
        var form = page.Context.APIRequest.CreateFormData();
        form.Set("__RequestVerificationToken", token!);
        form.Set("field", "fullName");
        form.Set("purpose", "kyc_review");
        var forged = await page.Context.APIRequest.PostAsync($"/console/customers/{customer}?handler=Reveal", new() { Form = form, MaxRedirects = 0 });
        forged.Status.Should().Be(403);
        (await forged.TextAsync()).Should().NotContain("Test Payer");

        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        (await connection.QuerySingleAsync<string>(
            "SELECT outcome FROM audit_log WHERE action = 'customer.pii.read' AND subject = @customer AND principal = 'officer:otto'", new { customer })).Should().Be("denied");
    }
}
