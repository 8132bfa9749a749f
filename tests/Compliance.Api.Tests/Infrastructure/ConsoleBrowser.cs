using System.Diagnostics;
using Microsoft.Playwright;

namespace Compliance.Api.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium driven by Playwright for .NET, one per test collection. No browser is
/// downloaded: the test setup (scripts/ensure-chromium.sh, run by test.sh) installs the chromium
/// package, and a missing browser fails the tests with the command to run.
/// </summary>
public sealed class ConsoleBrowser : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Chromium { get; private set; } = null!;

    /// <summary>Where screenshots go: <c>COMPLIANCE_SCREENSHOTS</c> (docs/console when refreshing the docs), else a temp folder.</summary>
    public static string ScreenshotDirectory { get; } = Environment.GetEnvironmentVariable("COMPLIANCE_SCREENSHOTS") is { Length: > 0 } dir
        ? dir
        : Path.Combine(Path.GetTempPath(), "compliance-console-screenshots");

    public async Task InitializeAsync()
    {
        File.Exists(ChromiumPath).Should().BeTrue($"the browser tests drive Debian's Chromium at {ChromiumPath}; install it with: apt-get install -y chromium");
        _playwright = await Playwright.CreateAsync();
        Chromium = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,

            // Root in a container has no user namespace for Chromium's sandbox.
            Args = Environment.UserName == "root" ? ["--no-sandbox"] : [],
        });
    }

    public async Task DisposeAsync()
    {
        if (Chromium is not null)
        {
            await Chromium.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    /// <summary>A fresh browser context (own cookies) with a page; timeouts generous enough for a loaded 2-core machine.</summary>
    public async Task<IPage> PageAsync(string baseUrl, string timeZone = "UTC")
    {
        var context = await Chromium.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl, TimezoneId = timeZone, ViewportSize = new() { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });
        Debug.WriteLine($"screenshot {name}");
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<ConsoleBrowser>
{
    public const string Name = "browser";
}
