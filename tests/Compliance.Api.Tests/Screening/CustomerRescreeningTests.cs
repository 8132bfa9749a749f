using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Compliance.Api.Tests.Infrastructure;
using Dapper;
using Npgsql;

namespace Compliance.Api.Tests.Screening;

/// <summary>A list import re-screens the customers who were there before it, on a database of its own.</summary>
public sealed class CustomerRescreeningTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task ANewListVersion_ReScreensEveryCustomer_AndAPossibleMatchOpensACase()
    {
        factory.Set("Screening:RescreenPollSeconds", "1");
        using var checks = await factory.CreateClientWithRolesAsync("checks:write");
        (await checks.PostAsJsonAsync("/v1/customers", new { id = "rs-listed", fullName = "Ayman al-Zawahiri", dateOfBirth = "1951-06-19", country = "EG" }))
            .EnsureSuccessStatusCode();
        (await checks.PostAsJsonAsync("/v1/customers", new { id = "rs-other", fullName = "Emma Johnson", country = "GB" })).EnsureSuccessStatusCode();
        (await StatusesAsync()).Should().Equal(new Dictionary<string, string> { ["rs-listed"] = "not_screened", ["rs-other"] = "not_screened" },
            "with no list imported nothing is screened");

        using var admin = factory.CreateAdminClient();
        var content = new ByteArrayContent(ListFixtures.Read("un-consolidated.xml"));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/xml");
        (await admin.PostAsync("/v1/screening/lists/un-consolidated/versions?format=un-consolidated-xml", content)).StatusCode.Should().Be(HttpStatusCode.Created);

        var job = await WaitForJobAsync(admin, "un-consolidated:1");
        job.GetProperty("screened").GetInt32().Should().Be(2);
        job.GetProperty("matches").GetInt32().Should().Be(1);
        job.GetProperty("total").GetInt32().Should().Be(2);
        job.GetProperty("listVersions").EnumerateArray().Select(v => v.GetString()).Should().Equal("un-consolidated:1");
        (await StatusesAsync()).Should().Equal(new Dictionary<string, string> { ["rs-listed"] = "potential_match", ["rs-other"] = "clear" });

        using var officer = await factory.CreateClientWithRolesAsync("cases:read", "audit:read");
        var cases = await officer.GetFromJsonAsync<JsonElement>("/v1/cases?reason=SCREENING_POTENTIAL_MATCH");
        cases.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("customerId").GetString()).Should().Equal("rs-listed");
        var reads = await officer.GetFromJsonAsync<JsonElement>("/v1/audit?subject=rs-listed&action=customer.pii.read");
        var read = reads.GetProperty("items").EnumerateArray().Should().ContainSingle().Subject;
        read.GetProperty("principal").GetString().Should().Be("system:rescreen");
        read.GetProperty("purpose").GetString().Should().Be("sanctions_screening");
    }

    private async Task<Dictionary<string, string>> StatusesAsync()
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        return (await connection.QueryAsync<(string Id, string Status)>("SELECT id, screening_status FROM customers WHERE id LIKE 'rs-%'"))
            .ToDictionary(r => r.Id, r => r.Status);
    }

    private string Logs => string.Join("\n", factory.Logs.Lines.Where(l => l.Contains("xception", StringComparison.Ordinal)).Take(3));

    private async Task<JsonElement> WaitForJobAsync(HttpClient client, string reason)
    {
        for (var i = 0; i < 300; i++)
        {
            var response = await client.GetAsync("/v1/screening/rescreens");
            response.StatusCode.Should().Be(HttpStatusCode.OK, Logs);
            var jobs = await response.Content.ReadFromJsonAsync<JsonElement>();
            var job = jobs.EnumerateArray().FirstOrDefault(j => j.GetProperty("reason").GetString() == reason);
            if (job.ValueKind == JsonValueKind.Object && job.GetProperty("state").GetString() == "done")
            {
                return job;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"the re-screening after {reason} did not finish within 30 s");
    }
}
