using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Compliance.Api.Tests.Checks;
using Compliance.Api.Tests.Infrastructure;
using Compliance.Api.Tests.Kyc.Simulators;

namespace Compliance.Api.Tests.Kyc;

/// <summary>NameScan through the API: a scan's result is applied as it starts, a match opens a case and the checks review.</summary>
public sealed class NameScanFlowTests : IAsyncLifetime
{
    private readonly ApiFactory _factory = new();
    private NameScanSimulator _simulator = null!;

    public async Task InitializeAsync()
    {
        _simulator = await NameScanSimulator.StartAsync();
        _simulator.Listed["Viktor Sanctioned"] = "SIP";
        foreach (var (key, value) in _simulator.Settings())
        {
            _factory.Set(key, value);
        }

        await _factory.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)_factory).DisposeAsync();
        await _simulator.DisposeAsync();
    }

    [Fact]
    public async Task AMatch_IsAPossibleMatchAtOnce_WithACase_AndTheChecksReview()
    {
        using var kyc = await KycClient.CreateAsync(_factory);
        var id = await CustomerAsync(kyc, "Viktor Sanctioned");

        var started = await kyc.StartAsync(id, "namescan", "person");
        started.GetProperty("kind").GetString().Should().Be("screening");
        started.GetProperty("status").GetString().Should().Be("potential_match", "the scan's answer is its result");
        System.Text.Encoding.UTF8.GetString(_simulator.Requests.Single().Body).Should().Contain("\"name\":\"Viktor Sanctioned\"");
        (await kyc.AuditCountAsync(id, "customer.pii.read")).Should().Be(1, "the name sent to NameScan is an audited read");

        var view = await kyc.GetAsync(id);
        view.GetProperty("screeningStatus").GetString().Should().Be("potential_match");
        var verification = view.GetProperty("verifications")[0];
        verification.GetProperty("reasonCodes").EnumerateArray().Select(r => r.GetString()).Should().Equal("NAMESCAN_SIP");
        view.GetProperty("history").EnumerateArray().Should().Contain(h => h.GetProperty("source").GetString() == "start" && h.GetProperty("to").GetString() == "potential_match");

        using var officer = await _factory.CreateClientWithRolesAsync("cases:read");
        var cases = await officer.GetFromJsonAsync<JsonElement>("/v1/cases?reason=SCREENING_POTENTIAL_MATCH");
        cases.GetProperty("items").EnumerateArray().Should().ContainSingle(c => c.GetProperty("customerId").GetString() == id);
        var check = await kyc.CheckAsync(id);
        CheckClient.ReasonCodes(check).Should().Contain("CUSTOMER_SANCTIONS_POSSIBLE_MATCH");
    }

    [Fact]
    public async Task NoMatch_IsClear_AndAnUnknownLevelIs400_WithNothingSent()
    {
        using var kyc = await KycClient.CreateAsync(_factory);
        var id = await CustomerAsync(kyc, "Emma Johnson");
        (await kyc.StartAsync(id, "namescan", "organisation")).GetProperty("status").GetString().Should().Be("clear");
        (await kyc.GetAsync(id)).GetProperty("screeningStatus").GetString().Should().Be("clear");

        var before = _simulator.Requests.Count;
        var bad = await kyc.Http.PostAsJsonAsync($"/v1/customers/{id}/kyc/verifications", new { provider = "namescan", level = "basic-kyc" });
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("level")[0].GetString().Should().Contain("person, organisation");
        _simulator.Requests.Count.Should().Be(before);
        (await kyc.Http.PostAsync("/v1/kyc/callbacks/namescan", new StringContent("{}"))).StatusCode.Should().Be(HttpStatusCode.NotFound, "NameScan sends no callbacks");
    }

    private static async Task<string> CustomerAsync(KycClient kyc, string name)
    {
        var id = "ns-" + Guid.NewGuid().ToString("N")[..12];
        (await kyc.Http.PostAsJsonAsync("/v1/customers", new { id, fullName = name, country = "DE", riskRating = "low", segment = "retail" })).EnsureSuccessStatusCode();
        return id;
    }
}
