using Compliance.Api.OfficerConsole;
using Compliance.Api.OfficerConsole.Pages;
using Compliance.Api.Tests.Infrastructure;
using Dapper;
using Microsoft.Playwright;
using Npgsql;

namespace Compliance.Api.Tests.OfficerConsole;

/// <summary>Single sign-on through an OpenID Connect provider: only for officer accounts, bound to the provider's subject at first use.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsoleOidcTests(ConsoleBrowser browser) : IAsyncLifetime
{
    private readonly ConsoleFactory _factory = new();
    private OidcProvider _provider = null!;

    public async Task InitializeAsync()
    {
        _provider = await OidcProvider.StartAsync();
        _factory.Set("Console:Oidc:Authority", _provider.Authority);
        _factory.Set("Console:Oidc:ClientId", OidcProvider.ClientId);
        _factory.Set("Console:Oidc:DisplayName", "Bank SSO");
        _factory.Set("Console:Oidc:RequireHttpsMetadata", "false");
        await _factory.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)_factory).DisposeAsync();
        await _provider.DisposeAsync();
    }

    [Fact]
    public async Task Officer_SignsInThroughTheProvider_OthersAndAReusedUsernameAreRefused_AllAudited()
    {
        await _factory.OfficerAsync("olga", OfficerRoles.Officer, "Olga SSO");
        var page = await browser.PageAsync(_factory.BaseUrl);

        _provider.NextUser = ("idp-olga-1", "olga");
        await page.GotoAsync("/console/login");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in with Bank SSO" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        page.Url.Should().EndWith("/console", "signed in: {0} {1}", await page.Locator("body").InnerTextAsync(),
            string.Join("\n", _factory.Logs.Lines.Where(l => l.Contains("xception", StringComparison.Ordinal)).TakeLast(5)));
        (await page.Locator(".who").InnerTextAsync()).Should().Contain("Olga SSO (officer)");

        // Someone the provider knows but who has no officer account here.
        var stranger = await browser.PageAsync(_factory.BaseUrl);
        _provider.NextUser = ("idp-nobody", "nobody");
        await stranger.GotoAsync("/console/login/oidc");
        (await stranger.GetByRole(AriaRole.Alert).InnerTextAsync()).Should().Be(OidcCompleteModel.Refused);
        (await stranger.GotoAsync("/console"))!.Url.Should().Contain("/console/login");

        // The username reassigned at the provider to another person: the account stays bound to the first subject.
        var impostor = await browser.PageAsync(_factory.BaseUrl);
        _provider.NextUser = ("idp-someone-else", "olga");
        await impostor.GotoAsync("/console/login/oidc");
        (await impostor.GetByRole(AriaRole.Alert).InnerTextAsync()).Should().Be(OidcCompleteModel.Refused);

        await using var connection = new NpgsqlConnection(_factory.ConnectionString);
        var attempts = (await connection.QueryAsync<(string Subject, string Outcome, string Detail)>(
            "SELECT coalesce(subject, ''), outcome, detail FROM audit_log WHERE action = 'console.login' ORDER BY id")).ToList();
        attempts.Should().Equal(("olga", "success", "oidc; SignedIn"), ("nobody", "denied", "oidc; UnknownUser"), ("olga", "denied", "oidc; OtherSubject"));
    }
}
