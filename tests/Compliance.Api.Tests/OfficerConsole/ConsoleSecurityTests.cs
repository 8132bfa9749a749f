using Compliance.Api.OfficerConsole;
using Compliance.Api.OfficerConsole.Pages;
using Compliance.Api.Tests.Checks;
using Compliance.Api.Tests.Infrastructure;
using Dapper;
using Microsoft.Playwright;
using Npgsql;

namespace Compliance.Api.Tests.OfficerConsole;

/// <summary>People, not keys: sign-in and lockout, roles to pages, and the browser-side defences (CSRF, XSS, headers).</summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsoleSecurityTests(ConsoleBrowser browser, ConsoleFactory factory) : IClassFixture<ConsoleFactory>
{
    [Fact]
    public async Task FiveWrongPasswords_LockTheAccount_EvenTheRightOneThen_EveryAttemptAudited()
    {
        var password = await factory.OfficerAsync("lars", OfficerRoles.Officer);
        var page = await browser.PageAsync(factory.BaseUrl);

        for (var i = 0; i < OfficerStore.MaxFailedLogins; i++)
        {
            var failed = await TrySignInAsync(page, "lars", "wrong-password-" + i);
            failed.Should().Be(401);
            (await page.GetByRole(AriaRole.Alert).InnerTextAsync()).Should().Be(LoginModel.Failed);
        }

        (await TrySignInAsync(page, "lars", password)).Should().Be(401, "the account is locked for 15 minutes");
        (await TrySignInAsync(page, "nobody-here", "whatever-password")).Should().Be(401);
        (await page.GetByRole(AriaRole.Alert).InnerTextAsync()).Should().Be(LoginModel.Failed, "an unknown user reads the same as a wrong password");

        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        var attempts = (await connection.QueryAsync<(string Outcome, string Detail)>(
            "SELECT outcome, detail FROM audit_log WHERE action = 'console.login' AND subject = 'lars' ORDER BY id")).ToList();
        attempts.Should().HaveCount(OfficerStore.MaxFailedLogins + 1);
        attempts.Should().OnlyContain(a => a.Outcome == "denied");
        attempts[OfficerStore.MaxFailedLogins - 1].Detail.Should().Contain("locked for 15 minutes");
        attempts[^1].Detail.Should().Be("LockedOut");
    }

    [Fact]
    public async Task RolesDecidePages_AnAuditorGets403_ForAdminPagesAndCaseMoves()
    {
        var password = await factory.OfficerAsync("aude", OfficerRoles.Auditor);
        var page = await browser.PageAsync(factory.BaseUrl);
        await ConsoleCaseTests.SignInAsync(page, "aude", password);

        var officers = await page.GotoAsync("/console/officers");
        officers!.Status.Should().Be(403);
        (await page.Locator("h1").InnerTextAsync()).Should().Be("Not allowed");
        (await page.Locator("nav").InnerTextAsync()).Should().Contain("Review queue").And.NotContain("Officers");

        // An auditor reads cases but cannot move them: no buttons, and a forged POST is refused.
        using var checks = await CheckClient.CreateAsync(factory);
        var customer = await checks.CustomerAsync(kycStatus: "pending");
        await checks.DecideAsync(CheckClient.Body("console-auditor-1", customer, 50m));
        var caseId = await CaseIdAsync(customer);
        (await page.GotoAsync($"/console/cases/{caseId}"))!.Status.Should().Be(200);
        (await page.Locator("#claim").CountAsync()).Should().Be(0);
        var forged = await PostFormAsync(page, $"/console/cases/{caseId}?handler=Claim", withToken: true, $"/console/cases/{caseId}");
        forged.Should().Be(403);
        await AssertStateAsync(caseId, "open");
    }

    [Fact]
    public async Task PostWithoutTheAntiforgeryToken_IsRefused_AndChangesNothing()
    {
        var password = await factory.OfficerAsync("carla", OfficerRoles.Officer);
        using var checks = await CheckClient.CreateAsync(factory);
        var customer = await checks.CustomerAsync(kycStatus: "pending");
        await checks.DecideAsync(CheckClient.Body("console-csrf-1", customer, 50m));
        var caseId = await CaseIdAsync(customer);
        var page = await browser.PageAsync(factory.BaseUrl);
        await ConsoleCaseTests.SignInAsync(page, "carla", password);

        (await PostFormAsync(page, $"/console/cases/{caseId}?handler=Claim", withToken: false, $"/console/cases/{caseId}")).Should().Be(400);
        await AssertStateAsync(caseId, "open");
        (await PostFormAsync(page, $"/console/cases/{caseId}?handler=Claim", withToken: true, $"/console/cases/{caseId}")).Should().Be(302,
            "the same request with the page's token goes through");
        await AssertStateAsync(caseId, "in_review");
    }

    [Fact]
    public async Task MarkupInNamesAndComments_RendersAsText_AndEveryPageCarriesTheSecureHeaders()
    {
        const string Payload = "<img src=x onerror=\"document.title='pwned'\"><script>document.title='pwned'</script>";
        var password = await factory.OfficerAsync("xavier", OfficerRoles.Officer, "Xavier " + Payload);
        using var checks = await CheckClient.CreateAsync(factory);
        var customer = await checks.CustomerAsync(kycStatus: "pending");
        await checks.DecideAsync(CheckClient.Body("console-xss-1", customer, 50m));
        var caseId = await CaseIdAsync(customer);
        var page = await browser.PageAsync(factory.BaseUrl);
        await ConsoleCaseTests.SignInAsync(page, "xavier", password);

        var response = await page.GotoAsync($"/console/cases/{caseId}");
        var headers = response!.Headers;
        headers["content-security-policy"].Should().Contain("frame-ancestors 'none'").And.Contain("script-src 'self'");
        headers["x-frame-options"].Should().Be("DENY");
        headers["x-content-type-options"].Should().Be("nosniff");
        await page.Locator("#text").FillAsync(Payload);
        await page.Locator("#comment").ClickAsync();

        (await page.Locator(".who").InnerTextAsync()).Should().Contain("<img src=x", "the name is shown as text");
        (await page.Locator("main").InnerTextAsync()).Should().Contain("<script>document.title='pwned'</script>");
        (await page.Locator("main img, header img").CountAsync()).Should().Be(0);
        (await page.TitleAsync()).Should().NotBe("pwned");
    }

    [Fact]
    public async Task Admin_CreatesAnOfficer_WhoSignsInWithThePasswordShownOnce()
    {
        var password = await factory.OfficerAsync("ada", OfficerRoles.Admin, "Ada Admin");
        var page = await browser.PageAsync(factory.BaseUrl);
        await ConsoleCaseTests.SignInAsync(page, "ada", password);
        await page.GetByRole(AriaRole.Link, new() { Name = "Officers" }).ClickAsync();

        // The form checks the username's shape in the browser; the server checks everything again.
        await page.GetByLabel("Username").FillAsync("ada");
        await page.GetByLabel("Display name").FillAsync("Nina Newcomer");
        await page.GetByLabel("Time zone").FillAsync("Mars/Olympus_Mons");
        await page.Locator("#create").ClickAsync();
        (await page.GetByRole(AriaRole.Alert).InnerTextAsync()).Should().Contain("Time zone:");
        await page.GetByLabel("Time zone").FillAsync("UTC");
        await page.Locator("#create").ClickAsync();
        (await page.GetByRole(AriaRole.Alert).InnerTextAsync()).Should().Contain("The username ada is taken");

        await page.GetByLabel("Username").FillAsync("nina");
        await page.GetByLabel("Display name").FillAsync("Nina Newcomer");
        await page.GetByLabel("Role").SelectOptionAsync(OfficerRoles.SeniorOfficer);
        await page.GetByLabel("Time zone").FillAsync("America/New_York");
        await page.Locator("#create").ClickAsync();
        var shown = await page.Locator("#password").InnerTextAsync();
        await ConsoleBrowser.ScreenshotAsync(page, "officers");
        (await page.Locator("tr[data-officer=nina]").InnerTextAsync()).Should().Contain(OfficerRoles.SeniorOfficer);
        await page.ReloadAsync();
        (await page.Locator("#password").CountAsync()).Should().Be(0, "the password is shown once");

        var second = await browser.PageAsync(factory.BaseUrl);
        await ConsoleCaseTests.SignInAsync(second, "nina", shown);
        (await second.Locator(".who").InnerTextAsync()).Should().Contain("Nina Newcomer (senior_officer)");
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        (await connection.QuerySingleAsync<string>("SELECT principal FROM audit_log WHERE action = 'officer.created' AND subject = 'nina'")).Should().Be("officer:ada");
    }

    private static async Task<int> TrySignInAsync(IPage page, string username, string password)
    {
        await page.GotoAsync("/console/login");
        await page.GetByLabel("Username").FillAsync(username);
        await page.GetByLabel("Password").FillAsync(password);
        var response = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync(), r => r.Url.Contains("/console/login", StringComparison.Ordinal) && r.Request.Method == "POST");
        return response.Status;
    }

    /// <summary>A form POST from inside the signed-in browser (its cookies), with or without the token the page at <paramref name="from"/> carries.</summary>
    private static async Task<int> PostFormAsync(IPage page, string url, bool withToken, string from)
    {
        await page.GotoAsync(from);
        var token = withToken ? await page.Locator("input[name=__RequestVerificationToken]").First.GetAttributeAsync("value") : null;
        var form = page.Context.APIRequest.CreateFormData();
        if (token is not null)
        {
            form.Set("__RequestVerificationToken", token);
        }

        var response = await page.Context.APIRequest.PostAsync(url, new APIRequestContextOptions { Form = form, MaxRedirects = 0 });
        return response.Status;
    }

    private async Task<Guid> CaseIdAsync(string customer)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        return await connection.QuerySingleAsync<Guid>("SELECT id FROM cases WHERE customer_id = @customer", new { customer });
    }

    private async Task AssertStateAsync(Guid caseId, string state)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        (await connection.QuerySingleAsync<string>("SELECT state FROM cases WHERE id = @caseId", new { caseId })).Should().Be(state);
    }
}
