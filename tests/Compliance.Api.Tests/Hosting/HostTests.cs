using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Compliance.Api.Tests.Infrastructure;

namespace Compliance.Api.Tests.Hosting;

public sealed class HostTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Live_Anonymous_Is200()
    {
        using var client = factory.CreateClient();

        (await client.GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Ready_DatabaseUp_Is200()
    {
        using var client = factory.CreateClient();

        var ready = await client.GetFromJsonAsync<JsonElement>("/health/ready");

        ready.GetProperty("status").GetString().Should().Be("ready");
        ready.GetProperty("database").GetProperty("durable").GetBoolean().Should().BeTrue("the test cluster runs with PostgreSQL's durable settings");
        ready.GetProperty("database").GetProperty("problems").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task OpenApi_DocumentIsServedAndListsTheEndpoints()
    {
        using var client = factory.CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        document.GetProperty("paths").TryGetProperty("/v1/admin/api-keys", out _).Should().BeTrue();
    }

    [Fact]
    public async Task Response_CarriesTheCallersRequestId()
    {
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Request-Id", "pay-123.abc");

        var response = await client.GetAsync("/v1/admin/api-keys");

        response.Headers.GetValues("X-Request-Id").Should().Equal("pay-123.abc");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("requestId").GetString().Should().Be("pay-123.abc");
    }

    [Theory]
    [InlineData("has spaces")]
    [InlineData("<script>")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123456789")]
    public async Task Response_UnsafeIncomingRequestId_IsReplaced(string incoming)
    {
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("X-Request-Id", incoming);

        var response = await client.GetAsync("/health/live");

        var id = response.Headers.GetValues("X-Request-Id").Single();
        id.Should().NotBe(incoming).And.MatchRegex("^[0-9a-f]{32}$");
    }

    [Fact]
    public async Task UnknownRoute_Is404ProblemDetailsForAuthenticatedCaller()
    {
        using var client = factory.CreateAdminClient();

        var response = await client.GetAsync("/v1/nothing-here");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }
}
