using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Compliance.Api.Storage;
using Compliance.Api.Tests.Infrastructure;
using Dapper;
using Npgsql;

namespace Compliance.Api.Tests.Checks;

/// <summary>
/// The database goes away in the middle of traffic and comes back: checks fail closed with 503 in
/// bounded time, recover by themselves, and no decision answered 200 is lost or stored twice.
/// Uses a PostgreSQL cluster of its own, since it stops it.
/// </summary>
public sealed class DatabaseOutageTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "compliance-outage-pg-" + Guid.NewGuid().ToString("N"));
    private readonly ApiFactory _factory = new();
    private LocalPostgres _server = null!;

    public async Task InitializeAsync()
    {
        _server = await LocalPostgres.StartAsync(_directory, CancellationToken.None);
        _factory.Set("ConnectionStrings:Postgres", _server.ConnectionString + ";Timeout=2");
        _factory.Set("Checks:TimeoutMilliseconds", "2000");
        _factory.Set("Auth:DefaultRateLimitPerSecond", "100000");
        await ((IAsyncLifetime)_factory).InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)_factory).DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await LocalPostgres.StopIfRunningAsync(_directory);
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Check_DatabaseStoppedMidRun_FailsClosedInBoundedTimeThenRecoversWithNothingLostOrDuplicated()
    {
        using var checks = await CheckClient.CreateAsync(_factory);
        var customer = await checks.CustomerAsync();
        var answers = new ConcurrentDictionary<string, (HttpStatusCode Status, Guid? CheckId, TimeSpan Took)>();
        var phase = 0; // 0 before the outage, 1 during, 2 after restart
        var afterRestartOk = 0;
        using var stop = new CancellationTokenSource();

        async Task WorkerAsync(int worker)
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var id = $"outage-{worker}-{i}";
                var started = Stopwatch.StartNew();
                var response = await checks.PostAsync(CheckClient.Body(id, customer, 10m + i));
                Guid? checkId = response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checkId").GetGuid() : null;
                answers[id] = (response.StatusCode, checkId, started.Elapsed);
                if (Volatile.Read(ref phase) == 2 && response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref afterRestartOk);
                }
            }
        }

        var workers = Enumerable.Range(0, 3).Select(w => Task.Run(() => WorkerAsync(w))).ToArray();
        await Task.Delay(1000);
        Volatile.Write(ref phase, 1);
        await _server.StopAsync();
        await Task.Delay(5000);
        _server = await LocalPostgres.StartAsync(_directory, CancellationToken.None, _server.Port);
        Volatile.Write(ref phase, 2);
        var waited = Stopwatch.StartNew();
        while (Volatile.Read(ref afterRestartOk) < 10 && waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(200);
        }

        await stop.CancelAsync();
        await Task.WhenAll(workers);

        answers.Values.Select(a => a.Status).Distinct().Should().BeSubsetOf([HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable]);
        answers.Values.Should().Contain(a => a.Status == HttpStatusCode.ServiceUnavailable, "the outage was noticed");
        answers.Values.Where(a => a.Status == HttpStatusCode.ServiceUnavailable)
            .Should().AllSatisfy(a => a.Took.Should().BeLessThan(TimeSpan.FromSeconds(4)), "a check fails closed within its 2 s budget");
        afterRestartOk.Should().BeGreaterThanOrEqualTo(10, "checks recover by themselves once the database is back");

        // The test's own pooled connections died with the server (the service's recovered on their own).
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_factory.ConnectionString);
        var stored = (await connection.QueryAsync<(string TransactionId, Guid CheckId)>(
            "SELECT transaction_id, check_id FROM decisions WHERE transaction_id LIKE 'outage-%'")).ToDictionary(r => r.TransactionId, r => r.CheckId);
        foreach (var (id, answer) in answers.Where(a => a.Value.Status == HttpStatusCode.OK))
        {
            stored.Should().ContainKey(id, "a decision answered 200 was committed first");
            stored[id].Should().Be(answer.CheckId!.Value);
        }

        // A 503 may hide a commit whose answer was lost; retrying with the same id settles it, once.
        foreach (var id in answers.Where(a => a.Value.Status == HttpStatusCode.ServiceUnavailable).Select(a => a.Key).Take(5))
        {
            var retry = await checks.DecideAsync(CheckClient.Body(id, customer, 10m + int.Parse(id.Split('-')[2], System.Globalization.CultureInfo.InvariantCulture)));
            retry.GetProperty("transactionId").GetString().Should().Be(id);
            (await checks.DecisionCountAsync(id)).Should().Be(1);
        }
    }
}
