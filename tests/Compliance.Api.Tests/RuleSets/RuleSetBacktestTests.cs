using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Compliance.Api.RuleSets;
using Compliance.Api.Tests.Checks;
using Compliance.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Compliance.Api.Tests.RuleSets;

/// <summary>Backtests as jobs (202, progress, result), their bounds, and exporting the published versions.</summary>
[Collection(RuleSetCollection.Name)]
public sealed class RuleSetBacktestTests : IAsyncLifetime
{
    private readonly ApiFactory _factory = new();

    public Task InitializeAsync()
    {
        // Never wait for the result: every backtest answers 202 and is polled, as a long one would be.
        _factory.Set("RuleSets:BacktestWaitMilliseconds", "0");
        return ((IAsyncLifetime)_factory).InitializeAsync();
    }

    public Task DisposeAsync() => ((IAsyncLifetime)_factory).DisposeAsync();

    [Fact]
    public async Task Backtest_LongRun_Answers202ThenShowsProgressAndTheBoundedResult()
    {
        using var checks = await CheckClient.CreateAsync(_factory);
        using var officers = await RuleSetClient.CreateAsync(_factory);
        var from = TimeProvider.System.GetUtcNow().AddMinutes(-1);
        for (var i = 0; i < 4; i++)
        {
            await checks.DecideAsync(CheckClient.Body($"bt-{i}", await checks.CustomerAsync(), 500m, counterpartyCountry: "NG", account: $"NG-bt-{i}"));
        }

        var (workflow, settings, tests, _, _) = await officers.PublishedAsync();
        var stricter = settings.DeepClone().AsObject();
        stricter["scoreThreshold"] = 40;
        var version = await officers.CreateDraftVersionAsync(workflow, stricter, tests);

        var started = await officers.Author.PostAsJsonAsync($"{RuleSetClient.Base}/versions/{version}/backtest",
            new { from, to = TimeProvider.System.GetUtcNow().AddMinutes(1), maxRows = 3 });

        started.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var location = started.Headers.Location!.ToString();
        location.Should().StartWith($"{RuleSetClient.Base}/backtests/");
        var status = await PollAsync(officers.Author, location);
        status.GetProperty("status").GetString().Should().Be("completed");
        status.GetProperty("scanned").GetInt32().Should().Be(3);
        status.GetProperty("total").GetInt32().Should().Be(3);
        var result = status.GetProperty("result");
        result.GetProperty("replayed").GetInt32().Should().Be(3);
        result.GetProperty("truncated").GetBoolean().Should().BeTrue();
        result.GetProperty("truncatedReason").GetString().Should().Contain("row limit");
        result.GetProperty("flips").GetProperty("allow->review").GetInt32().Should().Be(3);
    }

    [Theory]
    [InlineData("""{"to":"2026-11-21T10:00:00Z"}""", "from")]
    [InlineData("""{"from":"2026-11-21T10:00:00Z","to":"2026-11-21T09:00:00Z"}""", "to")]
    [InlineData("""{"from":"2026-11-21T09:00:00Z","to":"2026-11-21T10:00:00Z","maxRows":0}""", "maxRows")]
    public async Task Backtest_BadRange_Is400NamingTheField(string body, string field)
    {
        using var officers = await RuleSetClient.CreateAsync(_factory);

        var response = await officers.Author.PostAsync($"{RuleSetClient.Base}/versions/1/backtest", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue();
    }

    [Fact]
    public async Task Export_PublishedVersions_WritesTheStoredFilesExactly()
    {
        using var officers = await RuleSetClient.CreateAsync(_factory);
        var published = await officers.Author.GetFromJsonAsync<JsonElement>(RuleSetClient.Base);
        var directory = Path.Combine(Path.GetTempPath(), "rules-export-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var output = new StringWriter();
            var store = _factory.Services.GetRequiredService<RuleSetStore>();

            var exitCode = await RuleExport.RunAsync(store, directory, output, CancellationToken.None);

            exitCode.Should().Be(0);
            var version = published.GetProperty("published");
            var folder = Path.Combine(directory, "pre-transaction");
            (await File.ReadAllTextAsync(Path.Combine(folder, "pre-transaction.json"))).Should().Be(version.GetProperty("workflow").GetString());
            (await File.ReadAllTextAsync(Path.Combine(folder, "settings.json"))).Should().Be(version.GetProperty("settings").GetString());
            (await File.ReadAllTextAsync(Path.Combine(folder, "pre-transaction.tests.json"))).Should().Be(version.GetProperty("tests").GetString());
            output.ToString().Should().Contain("OK: 2 published rule set(s) exported");
            File.Exists(Path.Combine(directory, "disputes", "disputes.json")).Should().BeTrue();

            // The exported directory is a valid rule directory again.
            using var validation = new StringWriter();
            RuleValidation.Run(directory, validation).Should().Be(0, validation.ToString());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<JsonElement> PollAsync(HttpClient client, string location)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(30);
        while (true)
        {
            var status = await client.GetFromJsonAsync<JsonElement>(location);
            if (status.GetProperty("status").GetString() != "running" || TimeProvider.System.GetUtcNow() > deadline)
            {
                return status;
            }

            await Task.Delay(50);
        }
    }
}
