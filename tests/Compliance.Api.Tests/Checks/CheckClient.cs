using System.Net.Http.Json;
using System.Text.Json;
using Compliance.Api.Tests.Infrastructure;
using Dapper;
using Npgsql;

namespace Compliance.Api.Tests.Checks;

/// <summary>Customers and checks for tests: a client holding checks:write and helpers to shape the data.</summary>
internal sealed class CheckClient(ApiFactory factory, HttpClient client) : IDisposable
{
    public HttpClient Http => client;

    public static async Task<CheckClient> CreateAsync(ApiFactory factory) =>
        new(factory, await factory.CreateClientWithRolesAsync("checks:write"));

    /// <summary>A known customer with approved KYC, as most payers are.</summary>
    public async Task<string> CustomerAsync(string? id = null, string kycStatus = "approved", string segment = "retail", int ageDays = 400)
    {
        id ??= "c-" + Guid.NewGuid().ToString("N")[..12];
        (await client.PostAsJsonAsync("/v1/customers", new { id, fullName = "Test Payer", country = "DE", riskRating = "low", segment })).EnsureSuccessStatusCode();
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.ExecuteAsync(
            "UPDATE customers SET kyc_status = @Kyc, kyc_verified_at = now() - interval '30 days', created_at = now() - make_interval(days => @Age) WHERE id = @Id",
            new { Id = id, Kyc = kycStatus, Age = ageDays });
        return id;
    }

    public static object Body(string transactionId, string customerId, decimal amount, string currency = "EUR", string type = "transfer",
        string channel = "online", string counterpartyCountry = "DE", string account = "DE44500105175407324931") => new
        {
            transactionId,
            customerId,
            type,
            direction = "outbound",
            amount,
            currency,
            channel,
            counterparty = new { name = "Payee GmbH", country = counterpartyCountry, account },
            occurredAt = TimeProvider.System.GetUtcNow().AddMinutes(-1),
        };

    public Task<HttpResponseMessage> PostAsync(object body) => client.PostAsJsonAsync("/v1/checks", body);

    public async Task<JsonElement> DecideAsync(object body)
    {
        var response = await PostAsync(body);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<long> DecisionCountAsync(string? transactionId = null)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        return await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM decisions WHERE @Id::text IS NULL OR transaction_id = @Id", new { Id = transactionId });
    }

    public static IEnumerable<string> ReasonCodes(JsonElement decision) =>
        decision.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("reasonCode").GetString()!);

    public void Dispose() => client.Dispose();
}
