using System.Net;
using System.Net.Http.Json;
using Compliance.Api.Tests.Infrastructure;
using Compliance.Crypto;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Compliance.Api.Tests.Customers;

/// <summary>
/// Two instances on one database and key ring: an erasure on one evicts the subject's data key from
/// the other's cache through LISTEN/NOTIFY, and a listener that lost its connection drops its cache.
/// </summary>
public sealed class ErasureInstanceTests : IAsyncLifetime
{
    private readonly ApiFactory _first = new();
    private readonly ApiFactory _second = new();

    public async Task InitializeAsync()
    {
        await _first.InitializeAsync();
        _second.Set("ConnectionStrings:Postgres", _first.ConnectionString);
        _second.Set("Vault:KeyDirectory", _first.KeyDirectory);
        await _second.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)_second).DisposeAsync();
        await ((IAsyncLifetime)_first).DisposeAsync();
    }

    [Fact]
    public async Task Erase_OnOneInstance_EvictsTheDataKeyFromTheOtherInstancesCache()
    {
        var id = "erase-two-" + Guid.NewGuid().ToString("N")[..8];
        using var writer = await _first.CreateClientWithRolesAsync("checks:write");
        (await writer.PostAsJsonAsync("/v1/customers", CustomerApiTests.Customer(id))).StatusCode.Should().Be(HttpStatusCode.Created);
        using var readerOnSecond = await _second.CreateClientWithRolesAsync("pii:read");
        await CustomerApiTests.ReadPiiAsync(readerOnSecond, id);
        var key = await DataKeyAsync(id);
        var secondCache = _second.Services.GetRequiredService<CryptoServices>().Cache;
        secondCache.TryGet(key, out var lease).Should().BeTrue("reading the customer on the second instance cached its data key");
        lease!.Dispose();

        using var admin = _first.CreateAdminClient();
        (await admin.DeleteAsync($"/v1/customers/{id}/pii?reason=data_subject_request")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        // The log line comes right after the eviction.
        await WaitUntilAsync(() => _second.Logs.All.Contains($"Evicted erased data key {key.Value}", StringComparison.Ordinal),
            "the erasure's notification reaches the second instance");
        secondCache.TryGet(key, out _).Should().BeFalse("the second instance evicted the key");
    }

    [Fact]
    public async Task Listener_ConnectionLost_DropsTheWholeCacheOnReconnect()
    {
        var id = "erase-lost-" + Guid.NewGuid().ToString("N")[..8];
        using var writer = await _first.CreateClientWithRolesAsync("checks:write");
        (await writer.PostAsJsonAsync("/v1/customers", CustomerApiTests.Customer(id))).StatusCode.Should().Be(HttpStatusCode.Created);
        using var readerOnSecond = await _second.CreateClientWithRolesAsync("pii:read");
        await CustomerApiTests.ReadPiiAsync(readerOnSecond, id);
        var secondCache = _second.Services.GetRequiredService<CryptoServices>().Cache;
        secondCache.Count.Should().BeGreaterThan(0);

        // An erasure made while nobody listened is never delivered: the listener cannot know what it missed.
        await using var connection = new NpgsqlConnection(_first.ConnectionString);
        await connection.ExecuteAsync(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN vault_data_keys'");

        await WaitUntilAsync(() => secondCache.Count == 0, "the reconnected listener drops the cache");
        _second.Logs.All.Should().Contain("Lost the connection listening on channel vault_data_keys");
    }

    private async Task<DataKeyId> DataKeyAsync(string customerId)
    {
        await using var connection = new NpgsqlConnection(_first.ConnectionString);
        return new DataKeyId(await connection.ExecuteScalarAsync<Guid>("SELECT data_key_id FROM customer_keys WHERE customer_id = @Id", new { Id = customerId }));
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string because)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(10);
        while (!condition())
        {
            TimeProvider.System.GetUtcNow().Should().BeBefore(deadline, because);
            await Task.Delay(20);
        }
    }
}
