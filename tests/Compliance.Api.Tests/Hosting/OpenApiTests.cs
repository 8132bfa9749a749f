using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Compliance.Api.Tests.Infrastructure;

namespace Compliance.Api.Tests.Hosting;

/// <summary>
/// The OpenAPI document describes every endpoint: what it does, how it authenticates, and the problem
/// details it answers with; an endpoint added without its description fails here.
/// </summary>
public sealed class OpenApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly string[] Methods = ["get", "put", "post", "patch", "delete"];

    // Reached without an API key: probes, the providers' signed callbacks (the signature authenticates).
    private static readonly string[] Anonymous = ["/health/live", "/health/ready", "/v1/kyc/callbacks/{provider}"];

    [Fact]
    public async Task EveryOperation_HasADescription_AuthAndProblemResponses()
    {
        using var client = factory.CreateClient();
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey").GetProperty("scheme").GetString().Should().Be("bearer");
        var problems = new List<string>();
        var operations = 0;
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => Methods.Contains(o.Name)))
            {
                operations++;
                var name = $"{operation.Name.ToUpperInvariant()} {path.Name}";
                var op = operation.Value;
                if (!op.TryGetProperty("summary", out var summary) || string.IsNullOrWhiteSpace(summary.GetString()))
                {
                    problems.Add($"{name}: no summary");
                }

                var responses = op.GetProperty("responses");
                var success = responses.EnumerateObject().Where(r => r.Name.StartsWith('2')).ToList();
                if (success.Count == 0)
                {
                    problems.Add($"{name}: no success response");
                }
                else if (!success.Any(r => r.Name == "204" || (r.Value.TryGetProperty("content", out var content) && content.EnumerateObject().Any())))
                {
                    problems.Add($"{name}: no success schema");
                }

                if (!responses.TryGetProperty("500", out var error) || !error.GetProperty("content").TryGetProperty("application/problem+json", out _))
                {
                    problems.Add($"{name}: no 500 problem details");
                }

                var secured = op.TryGetProperty("security", out var security) && security.GetArrayLength() > 0;
                if (Anonymous.Contains(path.Name))
                {
                    if (secured)
                    {
                        problems.Add($"{name}: anonymous, but documented as needing a key");
                    }
                }
                else if (!secured || !responses.TryGetProperty("401", out _) || !responses.TryGetProperty("403", out _))
                {
                    problems.Add($"{name}: needs an API key, but its security or 401/403 is not documented");
                }
            }
        }

        operations.Should().BeGreaterThan(60);
        problems.Should().BeEmpty(string.Join("; ", problems));
    }

    [Fact]
    public async Task TheCheck_DocumentsItsRequestAndResponseSchemas()
    {
        using var client = factory.CreateClient();
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var check = document.GetProperty("paths").GetProperty("/v1/checks").GetProperty("post");
        check.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetRawText().Should().Contain("CheckRequest");
        check.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetRawText()
            .Should().Contain("CheckResponse");
        check.GetProperty("responses").GetProperty("400").GetProperty("content").TryGetProperty("application/problem+json", out _).Should().BeTrue();
    }

    [Fact]
    public async Task TheInteractiveReference_IsServedWhenAskedFor()
    {
        // Its own host, configured as production would be to serve it (test hosts run as Development, which serves it too).
        var own = new ApiFactory();
        own.Set("OpenApi:Reference", "true");
        await own.InitializeAsync();
        try
        {
            using var client = own.CreateClient();

            var page = await client.GetAsync("/scalar/v1");

            page.StatusCode.Should().Be(HttpStatusCode.OK);
            (await page.Content.ReadAsStringAsync()).Should().Contain("Scalar API Reference");
            (await client.GetAsync("/scalar/scalar.js")).StatusCode.Should().Be(HttpStatusCode.OK, "the script is served from here, not a CDN");
        }
        finally
        {
            await ((IAsyncLifetime)own).DisposeAsync();
        }
    }
}
