using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Compliance.Api.Storage;
using Compliance.Api.Tests.Checks;
using Compliance.Api.Tests.Infrastructure;
using Dapper;
using Npgsql;

namespace Compliance.Api.Tests.Storage;

/// <summary>
/// Two service instances on one primary with a streaming replica for reads that may lag: the case
/// queue comes from the replica (a case opened while replay is paused is not listed until it resumes)
/// while a case read by id, and every write, go to the primary.
/// </summary>
public sealed class ReadReplicaTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "compliance-replica-" + Guid.NewGuid().ToString("N"));
    private LocalPostgres _primary = null!;
    private LocalPostgres _replica = null!;

    public async Task InitializeAsync()
    {
        _primary = await LocalPostgres.StartAsync(Path.Combine(_root, "primary"), CancellationToken.None);
        await using (var connection = new NpgsqlConnection(_primary.ConnectionString))
        {
            await connection.ExecuteAsync("CREATE DATABASE app");
        }

        _replica = await _primary.StartReplicaAsync(Path.Combine(_root, "replica"), CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await LocalPostgres.StopIfRunningAsync(Path.Combine(_root, "replica"));
        await LocalPostgres.StopIfRunningAsync(Path.Combine(_root, "primary"));
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task TheQueueIsReadFromTheReplica_AndEverythingElseFromThePrimary_OnTwoInstances()
    {
        var primaryApp = Database(_primary.ConnectionString);
        var replicaApp = Database(_replica.ConnectionString);
        var first = Instance(primaryApp, replicaApp, keys: null);
        var second = Instance(primaryApp, replicaApp, keys: first.KeyDirectory);
        await first.InitializeAsync();
        await second.InitializeAsync();
        try
        {
            await QueueFromReplicaAsync(first, second, primaryApp);
        }
        finally
        {
            await ((IAsyncLifetime)second).DisposeAsync();
            await ((IAsyncLifetime)first).DisposeAsync();
        }
    }

    private async Task QueueFromReplicaAsync(ApiFactory first, ApiFactory second, string primaryApp)
    {
        using var checks = await CheckClient.CreateAsync(first);
        using var officer = await second.CreateClientWithRolesAsync("cases:read");
        var before = await ReviewAsync(checks, primaryApp, "replica-1");
        await EventuallyListedAsync(officer, before);

        await using (var standby = new NpgsqlConnection(Database(_replica.ConnectionString, "postgres")))
        {
            await standby.ExecuteAsync("SELECT pg_wal_replay_pause()");

            // A pause is a request: replay stops at its next record, so wait until it says paused.
            for (var i = 0; i < 100 && await standby.ExecuteScalarAsync<string>("SELECT pg_get_wal_replay_pause_state()") != "paused"; i++)
            {
                await Task.Delay(50);
            }

            (await standby.ExecuteScalarAsync<string>("SELECT pg_get_wal_replay_pause_state()")).Should().Be("paused");
        }

        var during = await ReviewAsync(checks, primaryApp, "replica-2");
        (await officer.GetAsync($"/v1/cases/{during}")).StatusCode.Should().Be(HttpStatusCode.OK, "a case by id is read from the primary");
        (await QueueAsync(officer)).Should().Contain(before).And.NotContain(during, "the queue comes from the replica, whose replay is paused");

        await using (var standby = new NpgsqlConnection(Database(_replica.ConnectionString, "postgres")))
        {
            await standby.ExecuteAsync("SELECT pg_wal_replay_resume()");
        }

        await EventuallyListedAsync(officer, during);
    }

    private static ApiFactory Instance(string primary, string replica, string? keys)
    {
        var factory = new ApiFactory();
        factory.Set("ConnectionStrings:Postgres", primary);
        factory.Set($"ConnectionStrings:{ReadReplica.ConnectionStringName}", replica);
        if (keys is not null)
        {
            // One vault: the instances share the key ring, as instances of one deployment do.
            factory.Set("Vault:KeyDirectory", keys);
        }

        return factory;
    }

    private static string Database(string connectionString, string database = "app") =>
        new NpgsqlConnectionStringBuilder(connectionString) { Database = database }.ConnectionString;

    /// <summary>A check that goes to review (KYC never verified) and so opens a case; its id, from the primary.</summary>
    private static async Task<Guid> ReviewAsync(CheckClient checks, string primary, string transactionId)
    {
        var customer = await checks.CustomerAsync(kycStatus: "none");
        (await checks.DecideAsync(CheckClient.Body(transactionId, customer, 75m))).GetProperty("decision").GetString().Should().Be("review");
        await using var connection = new NpgsqlConnection(primary);
        return await connection.QuerySingleAsync<Guid>("SELECT id FROM cases WHERE customer_id = @customer", new { customer });
    }

    private static async Task<List<Guid>> QueueAsync(HttpClient officer)
    {
        var page = await officer.GetFromJsonAsync<JsonElement>("/v1/cases?reason=KYC_NOT_VERIFIED&limit=200");
        return [.. page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetGuid())];
    }

    private static async Task EventuallyListedAsync(HttpClient officer, Guid caseId)
    {
        for (var i = 0; i < 100; i++)
        {
            if ((await QueueAsync(officer)).Contains(caseId))
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"case {caseId} was not listed within 10 s");
    }
}
