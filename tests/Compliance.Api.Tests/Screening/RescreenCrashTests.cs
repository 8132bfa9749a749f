using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Compliance.Api.Storage;
using Compliance.Api.Tests.Infrastructure;
using Dapper;
using Npgsql;

namespace Compliance.Api.Tests.Screening;

/// <summary>
/// kill -9 of the instance working a re-screening of all customers, in the middle of it: the next
/// instance takes the job over once its lease runs out and carries on after the last batch recorded,
/// so every customer is screened, the customers before the recorded point are not screened again,
/// the job counts each customer once, each possible match has one case, and the audit chain verifies.
/// A cluster and a service process of its own, since the service is killed.
/// </summary>
public sealed class RescreenCrashTests : IAsyncLifetime
{
    private const string AdminKey = "cmp_rescreen_crash_admin_key_00000000000000";
    private const int Customers = 1000;
    private const int Listed = 10;
    private const int BatchSize = 100;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "compliance-rescreen-pg-" + Guid.NewGuid().ToString("N"));
    private readonly string _keys = Path.Combine(Path.GetTempPath(), "compliance-rescreen-keys-" + Guid.NewGuid().ToString("N"));
    private readonly string _url = $"http://127.0.0.1:{ServiceProcess.FreePort()}";
    private LocalPostgres _server = null!;
    private ServiceProcess? _service;

    public async Task InitializeAsync()
    {
        _server = await LocalPostgres.StartAsync(_directory, CancellationToken.None);
        await StartServiceAsync();
    }

    public async Task DisposeAsync()
    {
        _service?.Dispose();
        NpgsqlConnection.ClearAllPools();
        await LocalPostgres.StopIfRunningAsync(_directory);
        Directory.Delete(_directory, recursive: true);
        if (Directory.Exists(_keys))
        {
            Directory.Delete(_keys, recursive: true);
        }
    }

    [Fact]
    public async Task Rescreen_InstanceKilledMidway_TheNextOneResumesAfterTheLastBatchRecorded()
    {
        using var admin = Client(AdminKey);
        var created = await admin.PostAsJsonAsync("/v1/admin/api-keys", new { name = "rescreen", roles = new[] { "checks:write" } });
        created.EnsureSuccessStatusCode();
        using var writer = Client((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!);
        // Every hundredth customer has the name of a listed person; the rest do not.
        await Parallel.ForEachAsync(Enumerable.Range(0, Customers), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, ct) =>
        {
            var listed = i % (Customers / Listed) == 7;
            var response = await writer.PostAsJsonAsync("/v1/customers", new
            {
                id = Id(i),
                fullName = listed ? "Ayman al-Zawahiri" : $"Payer Number {i.ToString(CultureInfo.InvariantCulture)} Smithfield",
                dateOfBirth = listed ? "1951-06-19" : "1980-02-03",
                country = listed ? "EG" : "DE",
            }, ct);
            response.EnsureSuccessStatusCode();
        });

        var content = new ByteArrayContent(ListFixtures.Read("un-consolidated.xml"));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/xml");
        (await admin.PostAsync("/v1/screening/lists/un-consolidated/versions?format=un-consolidated-xml", content)).StatusCode.Should().Be(HttpStatusCode.Created);

        // Kill once at least one batch is recorded and well before the end.
        var atKill = await WaitForJobAsync(j => j.State == "running" && j.Screened >= BatchSize && j.Screened <= Customers - 3 * BatchSize, TimeSpan.FromSeconds(120));
        _service!.Kill();
        var killedAt = TimeProvider.System.GetUtcNow();
        var recorded = await JobAsync();
        recorded.State.Should().Be("running");
        recorded.Screened.Should().BeGreaterThanOrEqualTo(atKill.Screened);

        await StartServiceAsync();
        var done = await WaitForJobAsync(j => j.State == "done", TimeSpan.FromSeconds(120));
        done.Screened.Should().Be(Customers, "the job counts every customer once, however many instances worked it");
        done.Matches.Should().Be(Listed);
        done.Total.Should().Be(Customers);

        await using var connection = new NpgsqlConnection(_server.ConnectionString);
        var screenings = (await connection.QueryAsync<(string Id, int Count, DateTime Last)>("""
            SELECT customer_id, count(*)::int, max(screened_at) FROM customer_screenings WHERE trigger = 'list_update' GROUP BY customer_id
            """)).ToDictionary(r => r.Id);
        screenings.Keys.Should().BeEquivalentTo(Enumerable.Range(0, Customers).Select(Id), "every customer was screened against the new list");
        screenings.Values.Count(s => s.Count > 1).Should().BeLessThanOrEqualTo(BatchSize, "only the batch in flight at the kill is screened again");
        screenings.Where(s => string.CompareOrdinal(s.Key, recorded.AfterCustomer) <= 0 && DbTime.Utc(s.Value.Last) > killedAt)
            .Should().BeEmpty("the job resumes after the last customer recorded, not from the start");

        (await connection.QueryAsync<string>("SELECT id FROM customers WHERE screening_status = 'potential_match' ORDER BY id"))
            .Should().Equal(Enumerable.Range(0, Customers).Where(i => i % (Customers / Listed) == 7).Select(Id));
        var cases = (await connection.QueryAsync<(string CustomerId, int Count)>("""
            SELECT customer_id, count(*)::int FROM cases WHERE 'SCREENING_POTENTIAL_MATCH' = ANY(reason_codes) GROUP BY customer_id
            """)).ToList();
        cases.Should().HaveCount(Listed).And.OnlyContain(c => c.Count == 1, "a customer screened twice has one case");

        _service!.Dispose();
        _service = null;
        using var verify = ServiceProcess.Start(["audit", "verify"], Environment());
        (await verify.WaitForExitAsync(TimeSpan.FromSeconds(60))).Should().Be(0, verify.StandardOutput + verify.StandardError);
        verify.StandardOutput.Should().StartWith("OK:");
    }

    private static string Id(int i) => $"rc-{i.ToString("D4", CultureInfo.InvariantCulture)}";

    private sealed record Job(string State, int Screened, int Matches, int Total, string AfterCustomer);

    private async Task<Job> JobAsync()
    {
        await using var connection = new NpgsqlConnection(_server.ConnectionString);
        return await connection.QuerySingleOrDefaultAsync<Job>(
            "SELECT state AS State, screened AS Screened, matches AS Matches, total AS Total, after_customer AS AfterCustomer FROM screening_rescreens ORDER BY created_at DESC LIMIT 1")
            ?? new Job("none", 0, 0, 0, "");
    }

    private async Task<Job> WaitForJobAsync(Func<Job, bool> condition, TimeSpan timeout)
    {
        var deadline = TimeProvider.System.GetUtcNow() + timeout;
        while (TimeProvider.System.GetUtcNow() < deadline)
        {
            var job = await JobAsync();
            if (condition(job))
            {
                return job;
            }

            job.State.Should().NotBe("done", "the job finished before the test could kill the instance working it");
            await Task.Delay(20);
        }

        throw new TimeoutException($"the re-screening job did not reach the expected state in {timeout}; last: {await JobAsync()}; service: {_service?.StandardError}");
    }

    private async Task StartServiceAsync()
    {
        _service?.Dispose();
        _service = ServiceProcess.Start(["serve", "--urls", _url], Environment());
        await _service.WaitUntilReadyAsync(_url, TimeSpan.FromSeconds(60));
    }

    private HttpClient Client(string key)
    {
        var client = new HttpClient { BaseAddress = new Uri(_url), Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private Dictionary<string, string?> Environment() => new()
    {
        ["ConnectionStrings__Postgres"] = _server.ConnectionString,
        ["COMPLIANCE_BOOTSTRAP_ADMIN_KEY"] = AdminKey,
        ["Vault__KeyDirectory"] = _keys,
        ["Auth__DefaultRateLimitPerSecond"] = "100000",
        ["Screening__RescreenPollSeconds"] = "1",
        ["Screening__RescreenLeaseSeconds"] = "3",
    };
}
