using System.Net.Http.Json;
using System.Text.Json;
using Compliance.Api.Tests.Kyc;
using Compliance.Api.Tests.Kyc.Simulators;

namespace Compliance.Api.Tests.Cases;

/// <summary>KYC results that need a human and possible screening matches open cases, as reviews do.</summary>
public sealed class CaseFromKycTests(KycFixture fixture) : IClassFixture<KycFixture>
{
    [Fact]
    public async Task KycNeedsReview_OpensACaseInTheKycInbox_ALaterReviewJoinsIt()
    {
        using var kyc = await KycClient.CreateAsync(fixture.Factory);
        using var officer = await fixture.Factory.CreateClientWithRolesAsync("cases:read");
        var customer = await kyc.CustomerAsync();
        var started = await kyc.StartAsync(customer, "sumsub");
        var providerRef = started.GetProperty("providerRef").GetString()!;

        (await kyc.SendAsync(fixture.Simulators["sumsub"].Decide(providerRef, SimulatedOutcome.NeedsReview, TimeProvider.System.GetUtcNow()))).EnsureSuccessStatusCode();
        await kyc.DrainAsync();
        (await kyc.StatusAsync(customer)).Should().Be("needs_review");

        var opened = await CaseOfAsync(officer, customer);
        opened.GetProperty("inbox").GetString().Should().Be("kyc");
        opened.GetProperty("reasonCodes").EnumerateArray().Select(c => c.GetString()).Should().Equal("KYC_NEEDS_REVIEW");
        var id = opened.GetProperty("id").GetGuid();
        var events = (await officer.GetFromJsonAsync<JsonElement>($"/v1/cases/{id}")).GetProperty("events").EnumerateArray().ToList();
        events.Should().ContainSingle().Which.GetProperty("kind").GetString().Should().Be("kyc_event");

        var decision = await kyc.CheckAsync(customer);
        decision.GetProperty("decision").GetString().Should().Be("review");
        var joined = await CaseOfAsync(officer, customer);
        joined.GetProperty("id").GetGuid().Should().Be(id, "the check's review joins the open case");
        var detail = await officer.GetFromJsonAsync<JsonElement>($"/v1/cases/{id}");
        detail.GetProperty("decisions").GetArrayLength().Should().Be(1);
        detail.GetProperty("events").GetArrayLength().Should().Be(1);
        var kycView = detail.GetProperty("kyc");
        kycView.GetProperty("status").GetString().Should().Be("needs_review");
        kycView.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("to").GetString()).Should().Contain("needs_review");
    }

    [Fact]
    public async Task ScreeningPossibleMatch_OpensAnUrgentCaseInTheSanctionsInbox()
    {
        using var kyc = await KycClient.CreateAsync(fixture.Factory);
        using var officer = await fixture.Factory.CreateClientWithRolesAsync("cases:read");
        var customer = await kyc.CustomerAsync();
        var started = await kyc.StartAsync(customer, "complyadvantage", "sanctions-pep");

        (await kyc.SendAsync(fixture.Simulators["complyadvantage"].Decide(
            started.GetProperty("providerRef").GetString()!, SimulatedOutcome.NeedsReview, TimeProvider.System.GetUtcNow()))).EnsureSuccessStatusCode();
        await kyc.DrainAsync();
        (await kyc.GetAsync(customer)).GetProperty("screeningStatus").GetString().Should().Be("potential_match");

        var opened = await CaseOfAsync(officer, customer);
        opened.GetProperty("inbox").GetString().Should().Be("sanctions");
        opened.GetProperty("priority").GetInt32().Should().Be(1);
        opened.GetProperty("reasonCodes").EnumerateArray().Select(c => c.GetString()).Should().Equal("SCREENING_POTENTIAL_MATCH");
        var detail = await officer.GetFromJsonAsync<JsonElement>($"/v1/cases/{opened.GetProperty("id").GetGuid()}");
        detail.GetProperty("events").EnumerateArray().Should().ContainSingle().Which.GetProperty("kind").GetString().Should().Be("screening");
    }

    [Fact]
    public async Task KycApproved_OpensNoCase()
    {
        using var kyc = await KycClient.CreateAsync(fixture.Factory);
        using var officer = await fixture.Factory.CreateClientWithRolesAsync("cases:read");
        var customer = await kyc.CustomerAsync();
        var started = await kyc.StartAsync(customer, "sumsub");

        (await kyc.SendAsync(fixture.Simulators["sumsub"].Decide(
            started.GetProperty("providerRef").GetString()!, SimulatedOutcome.Approved, TimeProvider.System.GetUtcNow()))).EnsureSuccessStatusCode();
        await kyc.DrainAsync();

        (await kyc.StatusAsync(customer)).Should().Be("approved");
        (await CasesOfAsync(officer, customer)).Should().BeEmpty();
    }

    private static async Task<JsonElement> CaseOfAsync(HttpClient officer, string customer) =>
        (await CasesOfAsync(officer, customer)).Should().ContainSingle().Subject;

    private static async Task<List<JsonElement>> CasesOfAsync(HttpClient officer, string customer) =>
        [.. (await officer.GetFromJsonAsync<JsonElement>("/v1/cases?limit=200")).GetProperty("items").EnumerateArray()
            .Where(c => c.GetProperty("customerId").GetString() == customer)];
}
