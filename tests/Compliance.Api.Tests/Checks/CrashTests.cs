using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Compliance.Api.Storage;
using Compliance.Api.Tests.Infrastructure;
using Dapper;
using Npgsql;

namespace Compliance.Api.Tests.Checks;

/// <summary>
/// kill -9 in the middle of a stream of checks: of the service process, and of PostgreSQL's
/// postmaster. Afterwards every check answered 200 is stored with the decision it answered, the
/// hash chains verify, a retry with the same id and body gets the stored decision, another body
/// gets 409, and nothing is stored twice. While the database is down, checks get 503 problem
/// details within the check budget, and the service recovers by itself. A cluster and a service
/// process of its own, since both get killed.
/// </summary>
public sealed class CrashTests : IAsyncLifetime
{
    private const string AdminKey = "cmp_crash_test_admin_key_0000000000000000";
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "compliance-crash-pg-" + Guid.NewGuid().ToString("N"));
    private readonly string _keys = Path.Combine(Path.GetTempPath(), "compliance-crash-keys-" + Guid.NewGuid().ToString("N"));
    private readonly string _url = $"http://127.0.0.1:{ServiceProcess.FreePort()}";
    private readonly ConcurrentDictionary<string, Answer> _answers = new();
    private readonly ConcurrentDictionary<string, string> _bodies = new();
    private LocalPostgres _server = null!;
    private ServiceProcess? _service;
    private HttpClient _checks = null!;
    private string[] _customers = [];

    public async Task InitializeAsync()
    {
        _server = await LocalPostgres.StartAsync(_directory, CancellationToken.None);
        await StartServiceAsync();
        using var admin = Client(AdminKey);
        var created = await admin.PostAsJsonAsync("/v1/admin/api-keys", new { name = "crash", roles = new[] { "checks:write" } });
        created.EnsureSuccessStatusCode();
        _checks = Client((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!);
        _customers = [.. Enumerable.Range(0, 6).Select(i => $"crash-c{i}")];
        foreach (var customer in _customers)
        {
            (await _checks.PostAsJsonAsync("/v1/customers", new { id = customer, fullName = "Crash Payer", country = "DE", riskRating = "low", segment = "retail" }))
                .EnsureSuccessStatusCode();
        }

        await using var connection = new NpgsqlConnection(_server.ConnectionString);
        await connection.ExecuteAsync("UPDATE customers SET kyc_status = 'approved', kyc_verified_at = now() - interval '30 days', created_at = now() - interval '400 days'");
    }

    public async Task DisposeAsync()
    {
        _checks.Dispose();
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
    public async Task Check_ServiceKilledMidStream_EveryAnsweredDecisionIsStoredOnceAndReplays()
    {
        using var stop = new CancellationTokenSource();
        var workers = StartWorkers("svc", stop.Token);
        await WaitForAnswersAsync(200);

        _service!.Kill();
        await stop.CancelAsync();
        await Task.WhenAll(workers);
        await StartServiceAsync();

        await VerifyAsync();
    }

    [Fact]
    public async Task Check_PostmasterKilledMidStream_FailsClosedWith503ThenRecoversWithEveryAnsweredDecisionStoredOnce()
    {
        using var stop = new CancellationTokenSource();
        var workers = StartWorkers("pg", stop.Token);
        await WaitForAnswersAsync(200);

        var postmaster = int.Parse(File.ReadLines(Path.Combine(_directory, "postmaster.pid")).First(), CultureInfo.InvariantCulture);
        var killedAt = Stopwatch.GetTimestamp();
        Process.GetProcessById(postmaster).Kill();
        await Task.Delay(3000);
        await RestartDatabaseAsync();
        var restartedAt = Stopwatch.GetTimestamp();

        // The service reconnects by itself: no restart, no intervention.
        await WaitForAsync(() => _answers.Values.Count(a => a.Status == HttpStatusCode.OK && a.SentAt > restartedAt) >= 20,
            TimeSpan.FromSeconds(30), "checks succeed again once the database is back");
        await stop.CancelAsync();
        await Task.WhenAll(workers);

        var duringOutage = _answers.Values.Where(a => a.SentAt > killedAt && a.SentAt < restartedAt && a.Status != HttpStatusCode.OK).ToList();
        duringOutage.Should().NotBeEmpty("checks were sent while the database was down");
        duringOutage.Should().AllSatisfy(a =>
        {
            a.Status.Should().Be(HttpStatusCode.ServiceUnavailable);
            a.ContentType.Should().Be("application/problem+json");
            a.Took.Should().BeLessThan(Budget + TimeSpan.FromSeconds(1), "a check fails closed within its budget");
        });

        await VerifyAsync();
    }

    /// <summary>Four workers send checks with unique ids, spread over the customers, until stopped; every answer is kept.</summary>
    private Task[] StartWorkers(string prefix, CancellationToken stop) => [.. Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
    {
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var id = $"{prefix}-{w}-{i}";
            var body = Body(id, _customers[(w + i) % _customers.Length], 10m + (i % 40 * 25m));
            _bodies[id] = body;
            var sent = Stopwatch.GetTimestamp();
            try
            {
                using var response = await _checks.PostAsync("/v1/checks", Json(body), CancellationToken.None);
                var text = await response.Content.ReadAsStringAsync(CancellationToken.None);
                _answers[id] = new Answer(response.StatusCode, response.Content.Headers.ContentType?.MediaType, text, sent, Stopwatch.GetElapsedTime(sent));
            }
            catch (HttpRequestException)
            {
                // The service died with the request in flight: no answer. Back off until it is restarted.
                _answers[id] = new Answer(null, null, null, sent, Stopwatch.GetElapsedTime(sent));
                await Task.Delay(50, CancellationToken.None);
            }
        }
    }))];

    private async Task VerifyAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_server.ConnectionString);
        var stored = (await connection.QueryAsync<(string TransactionId, Guid CheckId, string Decision)>(
            "SELECT transaction_id, check_id, decision FROM decisions")).ToDictionary(r => r.TransactionId);
        var ok = _answers.Where(a => a.Value.Status == HttpStatusCode.OK).ToList();
        ok.Count.Should().BeGreaterThan(100);

        // Every decision answered 200 was committed before the answer, with what was answered.
        foreach (var (id, answer) in ok)
        {
            var decision = JsonDocument.Parse(answer.Body!).RootElement;
            stored.Should().ContainKey(id, "a decision answered 200 is durable");
            stored[id].CheckId.Should().Be(decision.GetProperty("checkId").GetGuid());
            stored[id].Decision.Should().Be(decision.GetProperty("decision").GetString());
        }

        // The hash chains, decisions' and the audit log's, verify end to end.
        using (var verify = ServiceProcess.Start(["audit", "verify"], Environment()))
        {
            (await verify.WaitForExitAsync(TimeSpan.FromSeconds(60))).Should().Be(0, verify.StandardOutput + verify.StandardError);
            verify.StandardOutput.Should().StartWith("OK:");
        }

        // A retry with the same id and body gets the stored decision; another body with that id, 409.
        foreach (var (id, answer) in ok.Take(40))
        {
            using var retry = await _checks.PostAsync("/v1/checks", Json(_bodies[id]));
            retry.StatusCode.Should().Be(HttpStatusCode.OK);
            (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checkId").GetGuid()
                .Should().Be(JsonDocument.Parse(answer.Body!).RootElement.GetProperty("checkId").GetGuid());
            using var conflict = await _checks.PostAsync("/v1/checks", Json(_bodies[id].Replace("\"amount\":", "\"amount\":1", StringComparison.Ordinal)));
            conflict.StatusCode.Should().Be(HttpStatusCode.Conflict);
        }

        // A check left without an answer (or with a 503) may or may not have committed; its retry settles it, once.
        foreach (var id in _answers.Where(a => a.Value.Status != HttpStatusCode.OK).Select(a => a.Key))
        {
            using var retry = await _checks.PostAsync("/v1/checks", Json(_bodies[id]));
            retry.StatusCode.Should().Be(HttpStatusCode.OK, id);
        }

        // Nothing doubled: one decision per id, one velocity entry per counted decision, none without its decision.
        var counts = await connection.QuerySingleAsync<(long Decisions, long Ids, long Counted, long Entries, long Orphans)>("""
            SELECT (SELECT count(*) FROM decisions), (SELECT count(DISTINCT transaction_id) FROM decisions),
                   (SELECT count(*) FROM decisions WHERE decision <> 'block'), (SELECT count(*) FROM velocity_entries),
                   (SELECT count(*) FROM velocity_entries v WHERE NOT EXISTS (SELECT 1 FROM decisions d WHERE d.transaction_id = v.transaction_id))
            """);
        counts.Decisions.Should().Be(_bodies.Count, "every id sent is stored exactly once after its retry");
        counts.Ids.Should().Be(counts.Decisions);
        counts.Entries.Should().Be(counts.Counted);
        counts.Orphans.Should().Be(0);
        await VelocityHoursTests.AssertHoursMatchEntriesAsync(connection, null);
    }

    private async Task StartServiceAsync()
    {
        _service?.Dispose();
        _service = ServiceProcess.Start(["serve", "--urls", _url], Environment());
        await _service.WaitUntilReadyAsync(_url, TimeSpan.FromSeconds(60));
    }

    private Dictionary<string, string?> Environment() => new()
    {
        ["ConnectionStrings__Postgres"] = _server.ConnectionString + ";Timeout=2",
        ["COMPLIANCE_BOOTSTRAP_ADMIN_KEY"] = AdminKey,
        ["Vault__KeyDirectory"] = _keys,
        ["Checks__TimeoutMilliseconds"] = ((int)Budget.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
        ["Auth__DefaultRateLimitPerSecond"] = "100000",
    };

    // Backends outlive a killed postmaster for a moment and hold its shared memory; until they are
    // gone a new postmaster refuses to start. Crash recovery replays the WAL on start.
    private async Task RestartDatabaseAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                _server = await LocalPostgres.StartAsync(_directory, CancellationToken.None, _server.Port);
                return;
            }
            catch (StartupException) when (deadline.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(500);
            }
        }
    }

    private async Task WaitForAnswersAsync(int count) =>
        await WaitForAsync(() => _answers.Values.Count(a => a.Status == HttpStatusCode.OK) >= count, TimeSpan.FromSeconds(60), "checks are being answered");

    private static async Task WaitForAsync(Func<bool> condition, TimeSpan timeout, string because)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            waited.Elapsed.Should().BeLessThan(timeout, because);
            await Task.Delay(20);
        }
    }

    private HttpClient Client(string key)
    {
        var client = new HttpClient { BaseAddress = new Uri(_url), Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private static string Body(string id, string customer, decimal amount) => JsonSerializer.Serialize(new
    {
        transactionId = id,
        customerId = customer,
        type = "transfer",
        direction = "outbound",
        amount,
        currency = "EUR",
        channel = "online",
        counterparty = new { name = "Payee GmbH", country = "DE", account = $"DE-{customer}-{amount}" },
        occurredAt = DateTimeOffset.Parse("2026-12-01T10:00:00Z", CultureInfo.InvariantCulture),
    });

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private sealed record Answer(HttpStatusCode? Status, string? ContentType, string? Body, long SentAt, TimeSpan Took);
}
