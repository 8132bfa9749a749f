using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Compliance.Api.Tests.Checks;
using Compliance.Api.Tests.Infrastructure;
using Dapper;
using FluentAssertions;
using Npgsql;

namespace Compliance.Api.Tests.Kyc;

/// <summary>Starts verifications, sends callbacks, and waits for the inbox processor to apply them.</summary>
internal sealed class KycClient(ApiFactory factory, HttpClient client) : IDisposable
{
    public HttpClient Http => client;

    public static async Task<KycClient> CreateAsync(ApiFactory factory) =>
        new(factory, await factory.CreateClientWithRolesAsync("kyc:write", "checks:write"));

    /// <summary>A known customer whose identity has never been verified.</summary>
    public async Task<string> CustomerAsync()
    {
        var id = "k-" + Guid.NewGuid().ToString("N")[..12];
        (await client.PostAsJsonAsync("/v1/customers", new { id, fullName = "Kyc Subject", country = "DE", riskRating = "low", segment = "retail" }))
            .EnsureSuccessStatusCode();
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.ExecuteAsync("UPDATE customers SET created_at = now() - interval '400 days' WHERE id = @Id", new { Id = id });
        return id;
    }

    public async Task<JsonElement> StartAsync(string customerId, string provider, string level = "basic-kyc")
    {
        var response = await client.PostAsJsonAsync($"/v1/customers/{customerId}/kyc/verifications", new { provider, level });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<JsonElement> GetAsync(string customerId)
    {
        var response = await client.GetAsync($"/v1/customers/{customerId}/kyc");
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Sends a callback the way a provider does: no API key, just the signed request.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage callback)
    {
        using var anonymous = factory.CreateClient();
        return await anonymous.SendAsync(callback);
    }

    /// <summary>Waits until every stored callback has been processed (none left in state received).</summary>
    public async Task DrainAsync()
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(20);
        while (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM kyc_inbox WHERE state = 'received'") > 0)
        {
            TimeProvider.System.GetUtcNow().Should().BeBefore(deadline, "the inbox processor should apply callbacks within seconds");
            await Task.Delay(25);
        }
    }

    public async Task<string> StatusAsync(string customerId) => (await GetAsync(customerId)).GetProperty("status").GetString()!;

    public async Task<long> AuditCountAsync(string customerId, string action)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        return await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM audit_log WHERE subject = @Subject AND action = @Action", new { Subject = customerId, Action = action });
    }

    public async Task<string> InboxStateAsync(string provider, string eventIdLike)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        return await connection.ExecuteScalarAsync<string>(
            "SELECT state FROM kyc_inbox WHERE provider = @Provider AND provider_ref = @Ref ORDER BY id DESC LIMIT 1",
            new { Provider = provider, Ref = eventIdLike }) ?? "";
    }

    public async Task<JsonElement> CheckAsync(string customerId, decimal amount = 250m)
    {
        var response = await client.PostAsJsonAsync("/v1/checks", CheckClient.Body("t-" + Guid.NewGuid().ToString("N"), customerId, amount));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public void Dispose() => client.Dispose();
}
