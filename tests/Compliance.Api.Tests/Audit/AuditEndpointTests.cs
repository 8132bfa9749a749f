using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Compliance.Api.Tests.Infrastructure;

namespace Compliance.Api.Tests.Audit;

public sealed class AuditEndpointTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task List_WithoutAuditRead_Is403()
    {
        using var admin = factory.CreateAdminClient();

        (await admin.GetAsync("/v1/audit")).StatusCode.Should().Be(HttpStatusCode.Forbidden, "admin does not imply audit:read");
    }

    [Fact]
    public async Task List_PagesOldestFirstAndFiltersByAction()
    {
        using var auditor = await AuditorAsync();
        using var admin = factory.CreateAdminClient();
        for (var i = 0; i < 3; i++)
        {
            (await admin.PostAsJsonAsync("/v1/admin/api-keys", new { name = $"paged-{i}", roles = new[] { "pii:read" } })).EnsureSuccessStatusCode();
        }

        var first = await auditor.GetFromJsonAsync<JsonElement>("/v1/audit?action=api_key.created&limit=2");
        var items = first.GetProperty("items").EnumerateArray().ToList();
        items.Should().HaveCount(2);
        items.Should().AllSatisfy(i => i.GetProperty("action").GetString().Should().Be("api_key.created"));
        var next = first.GetProperty("next").GetInt64();
        var second = await auditor.GetFromJsonAsync<JsonElement>($"/v1/audit?action=api_key.created&limit=2&after={next}");

        var ids = items.Concat(second.GetProperty("items").EnumerateArray()).Select(i => i.GetProperty("id").GetInt64()).ToList();
        ids.Should().BeInAscendingOrder().And.OnlyHaveUniqueItems().And.HaveCountGreaterThanOrEqualTo(4);
        items[0].GetProperty("hash").GetString().Should().MatchRegex("^[0-9a-f]{64}$");
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=501", "limit")]
    [InlineData("after=-1", "after")]
    public async Task List_BadPaging_Is400NamingTheParameter(string query, string field)
    {
        using var auditor = await AuditorAsync();

        var response = await auditor.GetAsync($"/v1/audit?{query}");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue();
    }

    [Fact]
    public async Task List_NonNumericLimit_Is400()
    {
        using var auditor = await AuditorAsync();

        (await auditor.GetAsync("/v1/audit?limit=lots")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    private Task<HttpClient> AuditorAsync() => factory.CreateClientWithRolesAsync("audit:read");
}
