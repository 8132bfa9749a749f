using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Compliance.Api.Tests.Infrastructure;
using Dapper;
using Npgsql;

namespace Compliance.Api.Tests.Customers;

public sealed class CustomerApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Create_ValidCustomer_Is201WithMaskedPii()
    {
        using var client = await factory.CreateClientWithRolesAsync("checks:write");

        var response = await client.PostAsJsonAsync("/v1/customers", Customer("api-create-1"));

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        response.Headers.Location!.ToString().Should().Be("/v1/customers/api-create-1");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("pii").GetProperty("fullName").GetString().Should().Be("J*** D**");
        body.GetProperty("pii").GetProperty("nationalId").GetString().Should().Be("****4321");
        body.GetProperty("riskRating").GetString().Should().Be("high");
    }

    [Fact]
    public async Task Create_WithoutId_GeneratesOne()
    {
        using var client = await factory.CreateClientWithRolesAsync("checks:write");

        var body = await (await client.PostAsJsonAsync("/v1/customers", new { fullName = "No Id", country = "FR" })).Content.ReadFromJsonAsync<JsonElement>();

        body.GetProperty("id").GetString().Should().StartWith("cus_");
    }

    [Fact]
    public async Task Create_DuplicateId_Is409AndTheFirstStaysIntact()
    {
        using var client = await factory.CreateClientWithRolesAsync("checks:write", "pii:read");
        await client.PostAsJsonAsync("/v1/customers", Customer("api-dup"));

        var second = await client.PostAsJsonAsync("/v1/customers", new { id = "api-dup", fullName = "Someone Else", country = "FR" });

        second.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var pii = await ReadPiiAsync(client, "api-dup");
        pii.GetProperty("fullName").GetString().Should().Be("John Doe");
    }

    [Fact]
    public async Task Create_InvalidFields_Is400NamingEachAndStoresNothing()
    {
        using var client = await factory.CreateClientWithRolesAsync("checks:write");

        var response = await client.PostAsJsonAsync("/v1/customers", new { id = "api-bad", dateOfBirth = "1990-13-01", email = "nope", country = "Atlantis" });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).Should().BeEquivalentTo(["fullName", "dateOfBirth", "email", "country"]);
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM customers WHERE id = 'api-bad'")).Should().Be(0);
    }

    [Fact]
    public async Task Create_MalformedJson_Is400()
    {
        using var client = await factory.CreateClientWithRolesAsync("checks:write");

        var response = await client.PostAsync("/v1/customers", new StringContent("{\"fullName\": ", System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Create_WithoutChecksWrite_Is403()
    {
        using var client = await factory.CreateClientWithRolesAsync("pii:read");

        (await client.PostAsJsonAsync("/v1/customers", Customer("api-403"))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Get_Unknown_Is404()
    {
        using var client = await factory.CreateClientWithRolesAsync("checks:write");

        (await client.GetAsync("/v1/customers/nobody")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task GetPii_WithRoleAndPurpose_ReturnsPlaintextAndAuditsTheRead()
    {
        using var writer = await factory.CreateClientWithRolesAsync("checks:write");
        await writer.PostAsJsonAsync("/v1/customers", Customer("api-pii"));
        using var reader = await factory.CreateClientWithRolesAsync("pii:read");

        var pii = await ReadPiiAsync(reader, "api-pii", "aml_investigation");

        pii.GetProperty("email").GetString().Should().Be("john.doe@example.com");
        pii.GetProperty("dateOfBirth").GetString().Should().Be("1980-05-17");
        var audit = await AuditAsync("api-pii", "customer.pii.read");
        audit.Should().ContainSingle().Which.Should().Be(("success", "aml_investigation", "fullName,dateOfBirth,nationalId,documentNumber,email,phone,address,nationality"));
    }

    [Theory]
    [InlineData(new[] { "checks:write" }, "kyc_review")]
    [InlineData(new[] { "pii:read" }, null)]
    [InlineData(new[] { "pii:read" }, "curiosity")]
    public async Task GetPii_WithoutRoleOrValidPurpose_Is403AndTheRefusalIsAudited(string[] roles, string? purpose)
    {
        var id = "api-refused-" + Guid.NewGuid().ToString("N")[..8];
        using var writer = await factory.CreateClientWithRolesAsync("checks:write");
        await writer.PostAsJsonAsync("/v1/customers", Customer(id));
        using var reader = await factory.CreateClientWithRolesAsync(roles);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/customers/{id}/pii");
        if (purpose is not null)
        {
            request.Headers.Add("X-Access-Purpose", purpose);
        }

        var response = await reader.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).Should().NotContain("John");
        (await AuditAsync(id, "customer.pii.read")).Should().ContainSingle().Which.Outcome.Should().Be("denied");
    }

    [Fact]
    public async Task Search_ByNormalizedValues_FindsWithoutDecrypting()
    {
        using var writer = await factory.CreateClientWithRolesAsync("checks:write");
        await writer.PostAsJsonAsync("/v1/customers", Customer("api-search") with { NationalId = "XY-777-123456", Email = "Search.Me@Example.com" });
        using var reader = await factory.CreateClientWithRolesAsync("pii:read");

        var byId = await SearchAsync(reader, new { nationalId = "xy 777 123456" });
        var byEmail = await SearchAsync(reader, new { email = "  search.me@EXAMPLE.com " });
        var none = await SearchAsync(reader, new { email = "someone.else@example.com" });

        byId.Should().Equal("api-search");
        byEmail.Should().Equal("api-search");
        none.Should().BeEmpty();
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"nationalId":"1","email":"a@b.c"}""")]
    public async Task Search_NotExactlyOneField_Is400(string body)
    {
        using var reader = await factory.CreateClientWithRolesAsync("pii:read");

        var response = await reader.PostAsync("/v1/customers/search", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Erase_ThenReads_Are410AndTheRecordStaysWithoutPii()
    {
        using var writer = await factory.CreateClientWithRolesAsync("checks:write", "pii:read");
        await writer.PostAsJsonAsync("/v1/customers", Customer("api-erase"));
        using var admin = factory.CreateAdminClient();

        var erase = await admin.DeleteAsync("/v1/customers/api-erase/pii?reason=data_subject_request");

        erase.StatusCode.Should().Be(HttpStatusCode.NoContent);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/customers/api-erase/pii");
        request.Headers.Add("X-Access-Purpose", "kyc_review");
        (await writer.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.Gone);
        var record = await writer.GetFromJsonAsync<JsonElement>("/v1/customers/api-erase");
        record.GetProperty("piiErased").GetBoolean().Should().BeTrue();
        record.GetProperty("pii").ValueKind.Should().Be(JsonValueKind.Null);
        record.GetProperty("riskRating").GetString().Should().Be("high", "the non-PII record stays for the compliance history");
        (await admin.DeleteAsync("/v1/customers/api-erase/pii?reason=data_subject_request")).StatusCode.Should().Be(HttpStatusCode.Gone);
        (await AuditAsync("api-erase", "customer.pii.erased")).Should().ContainSingle().Which.Purpose.Should().Be("data_subject_request");
    }

    [Theory]
    [InlineData("")]
    [InlineData("?reason=because")]
    public async Task Erase_WithoutAKnownReason_Is400(string query)
    {
        using var admin = factory.CreateAdminClient();

        (await admin.DeleteAsync($"/v1/customers/anyone/pii{query}")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    internal static CustomerBody Customer(string id) =>
        new(id, "John Doe", "1980-05-17", "DE-123-4321", "P1234567", "john.doe@example.com", "+49 151 555 0100", "1 Main Street, Berlin", "DE", "DE", "high", true, "retail");

    internal static async Task<JsonElement> ReadPiiAsync(HttpClient client, string id, string purpose = "kyc_review")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/customers/{id}/pii");
        request.Headers.Add("X-Access-Purpose", purpose);
        var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("pii");
    }

    private static async Task<List<string?>> SearchAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/v1/customers/search", body);
        response.EnsureSuccessStatusCode();
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("customerIds").EnumerateArray().Select(e => e.GetString())];
    }

    private async Task<List<(string Outcome, string? Purpose, string Fields)>> AuditAsync(string subject, string action)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        return [.. await connection.QueryAsync<(string, string?, string)>(
            "SELECT outcome, purpose, array_to_string(fields, ',') FROM audit_log WHERE subject = @Subject AND action = @Action ORDER BY id",
            new { Subject = subject, Action = action })];
    }

    internal sealed record CustomerBody(
        string Id, string FullName, string DateOfBirth, string NationalId, string DocumentNumber, string Email, string Phone, string Address,
        string Nationality, string Country, string RiskRating, bool Pep, string Segment);
}
