using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Compliance.Api.Tests.Infrastructure;
using Dapper;
using Npgsql;

namespace Compliance.Api.Tests.Auth;

public sealed class ApiKeyTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Create_ByAdmin_ReturnsSecretOnceAndTheKeyWorks()
    {
        using var admin = factory.CreateAdminClient();

        var response = await admin.PostAsJsonAsync("/v1/admin/api-keys", new { name = "ops", roles = new[] { "admin", "audit:read" } });

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var secret = created.GetProperty("key").GetString()!;
        secret.Should().StartWith("cmp_");
        created.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).Should().Equal("admin", "audit:read");
        using var client = factory.CreateClient(secret);
        var list = await client.GetFromJsonAsync<JsonElement>("/v1/admin/api-keys");
        list.EnumerateArray().Should().Contain(k => k.GetProperty("id").GetString() == created.GetProperty("id").GetString());
        list.GetRawText().Should().NotContain(secret, "the secret is shown only once, at creation");
    }

    [Fact]
    public async Task Revoke_Key_ThenItGets401()
    {
        var (id, secret) = await CreateKeyAsync("to-revoke", ["admin"]);
        using var client = factory.CreateClient(secret);
        (await client.GetAsync("/v1/admin/api-keys")).StatusCode.Should().Be(HttpStatusCode.OK);
        using var admin = factory.CreateAdminClient();

        var revoke = await admin.DeleteAsync($"/v1/admin/api-keys/{id}");

        revoke.StatusCode.Should().Be(HttpStatusCode.NoContent);
        var after = await client.GetAsync("/v1/admin/api-keys");
        after.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        after.Headers.WwwAuthenticate.ToString().Should().Be("Bearer");
        after.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task Revoke_UnknownKey_Is404()
    {
        using var admin = factory.CreateAdminClient();

        (await admin.DeleteAsync($"/v1/admin/api-keys/{Guid.NewGuid()}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Request_KeyWithoutTheRole_Gets403ProblemDetails()
    {
        var (_, secret) = await CreateKeyAsync("payments", ["checks:write"]);
        using var client = factory.CreateClient(secret);

        var response = await client.PostAsJsonAsync("/v1/admin/api-keys", new { name = "escalate", roles = new[] { "admin" } });

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("status").GetInt32().Should().Be(403);
        problem.GetProperty("requestId").GetString().Should().NotBeNullOrEmpty();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer cmp_not_a_real_key")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer ")]
    public async Task Request_MissingOrInvalidKey_Gets401(string? authorization)
    {
        using var client = factory.CreateClient();
        if (authorization is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        }

        var response = await client.GetAsync("/v1/admin/api-keys");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Request_OverTheKeysRateLimit_Gets429WithRetryAfter()
    {
        var (_, secret) = await CreateKeyAsync("slow", ["admin"], rateLimitPerSecond: 2);
        using var client = factory.CreateClient(secret);

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 6; i++)
        {
            responses.Add(await client.GetAsync("/v1/admin/api-keys"));
        }

        responses.Take(2).Should().AllSatisfy(r => r.StatusCode.Should().Be(HttpStatusCode.OK));
        var limited = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        limited.Should().NotBeEmpty();
        limited.Should().AllSatisfy(r => r.Headers.RetryAfter!.Delta.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1)));
        using var admin = factory.CreateAdminClient();
        (await admin.GetAsync("/v1/admin/api-keys")).StatusCode.Should().Be(HttpStatusCode.OK, "limits are per key");
    }

    [Fact]
    public async Task BootstrapKey_FromEnvironment_IsAnAdminAndItsRegistrationIsRecorded()
    {
        using var admin = factory.CreateAdminClient();

        (await admin.GetAsync("/v1/admin/api-keys")).StatusCode.Should().Be(HttpStatusCode.OK);

        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        var events = await connection.QueryAsync<string>("SELECT action FROM audit_log WHERE action = 'api_key.bootstrapped'");
        events.Should().ContainSingle();
    }

    [Fact]
    public async Task CreateAndRevoke_AreRecordedWithWhoDidIt()
    {
        var (id, _) = await CreateKeyAsync("recorded", ["pii:read"]);
        using var admin = factory.CreateAdminClient();
        await admin.DeleteAsync($"/v1/admin/api-keys/{id}");

        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        var rows = (await connection.QueryAsync<(string Action, string Principal, string RequestId)>(
            "SELECT action, principal, request_id FROM audit_log WHERE subject = @Subject ORDER BY id", new { Subject = id.ToString() })).ToList();
        rows.Select(r => r.Action).Should().Equal("api_key.created", "api_key.revoked");
        var adminId = await connection.QuerySingleAsync<Guid>("SELECT id FROM api_keys WHERE name = 'bootstrap-admin'");
        rows.Should().AllSatisfy(r =>
        {
            r.Principal.Should().Be($"key:{adminId}");
            r.RequestId.Should().NotBeNullOrEmpty();
        });
    }

    [Theory]
    [InlineData("""{"roles":["admin"]}""", "name")]
    [InlineData("""{"name":"x"}""", "roles")]
    [InlineData("""{"name":"x","roles":[]}""", "roles")]
    [InlineData("""{"name":"x","roles":["superuser"]}""", "roles")]
    [InlineData("""{"name":"x","roles":["admin"],"rateLimitPerSecond":0}""", "rateLimitPerSecond")]
    public async Task Create_InvalidBody_Is400NamingTheField(string body, string field)
    {
        using var admin = factory.CreateAdminClient();

        var response = await admin.PostAsync("/v1/admin/api-keys", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue();
    }

    [Theory]
    [InlineData("""{"name":"x","roles":["admin"]""")]
    [InlineData("""{"name":5,"roles":["admin"]}""")]
    [InlineData("not json")]
    public async Task Create_MalformedJson_Is400ProblemDetailsAndNothingIsStored(string body)
    {
        using var admin = factory.CreateAdminClient();
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        var before = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM api_keys");

        var response = await admin.PostAsync("/v1/admin/api-keys", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM api_keys")).Should().Be(before);
    }

    private async Task<(Guid Id, string Secret)> CreateKeyAsync(string name, string[] roles, int? rateLimitPerSecond = null)
    {
        using var admin = factory.CreateAdminClient();
        var response = await admin.PostAsJsonAsync("/v1/admin/api-keys", new { name, roles, rateLimitPerSecond });
        response.EnsureSuccessStatusCode();
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (created.GetProperty("id").GetGuid(), created.GetProperty("key").GetString()!);
    }
}
