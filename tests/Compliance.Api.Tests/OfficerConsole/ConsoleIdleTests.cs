using Compliance.Api.OfficerConsole;
using Compliance.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Compliance.Api.Tests.OfficerConsole;

/// <summary>The idle timeout, on a host whose clock the test moves forward: activity keeps the session alive, 20 quiet minutes end it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsoleIdleTests(ConsoleBrowser browser) : IAsyncLifetime
{
    private readonly ShiftedTime _time = new();
    private readonly ConsoleFactory _factory = new();

    public Task InitializeAsync()
    {
        _factory.ReplaceServices(services => services.AddSingleton<TimeProvider>(_time));
        return _factory.InitializeAsync();
    }

    public Task DisposeAsync() => ((IAsyncLifetime)_factory).DisposeAsync();

    [Fact]
    public async Task ASessionSlidesWithActivity_AndEndsAfterTheIdleTimeout()
    {
        var password = await _factory.OfficerAsync("ida", OfficerRoles.Officer);
        var page = await browser.PageAsync(_factory.BaseUrl);
        await ConsoleCaseTests.SignInAsync(page, "ida", password);

        // Active every 15 minutes for an hour: still signed in.
        for (var i = 0; i < 4; i++)
        {
            _time.Offset += TimeSpan.FromMinutes(15);
            await page.GotoAsync("/console");
            page.Url.Should().EndWith("/console", $"after {15 * (i + 1)} active minutes");
        }

        // Then 21 quiet minutes.
        _time.Offset += TimeSpan.FromMinutes(21);
        await page.GotoAsync("/console");
        page.Url.Should().Contain("/console/login");
    }

    /// <summary>The real clock plus an offset the test moves.</summary>
    private sealed class ShiftedTime : TimeProvider
    {
        public TimeSpan Offset { get; set; }

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
    }
}
