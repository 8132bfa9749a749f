using System.Net;
using System.Net.Http.Json;
using Dapper;
using FluentAssertions;
using Npgsql;

namespace Compliance.Api.Tests.Kyc;

/// <summary>Starting verifications: validation, access, and what happens when the provider is down.</summary>
public sealed class KycStartTests(KycFixture fixture) : IClassFixture<KycFixture>
{
    [Theory]
    [InlineData("{\"level\": \"basic\"}", "provider")]
    [InlineData("{\"provider\": \"acme\", \"level\": \"basic\"}", "provider")]
    [InlineData("{\"provider\": \"sumsub\"}", "level")]
    [InlineData("{\"provider\": \"sumsub\", \"level\": \"<script>\"}", "level")]
    public async Task Start_BadInput_BadRequestNamingTheField(string body, string field)
    {
        using var kyc = await KycClient.CreateAsync(fixture.Factory);
        var customer = await kyc.CustomerAsync();

        var response = await kyc.Http.PostAsync($"/v1/customers/{customer}/kyc/verifications",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain($"\"{field}\"");
        (await kyc.StatusAsync(customer)).Should().Be("none");
    }

    [Fact]
    public async Task Start_TheProviderCallsSpan_MasksTheCustomerReferenceInItsUrl()
    {
        using var recorder = new Infrastructure.SpanRecorder("System.Net.Http");
        using var kyc = await KycClient.CreateAsync(fixture.Factory);
        var customer = await kyc.CustomerAsync();

        await kyc.StartAsync(customer, "sumsub");
        await kyc.StartAsync(customer, "sumsub");

        var calls = recorder.Spans.Where(s => s.GetTagItem("url.full") is string url && url.Contains("/resources/applicants", StringComparison.Ordinal)).ToList();
        calls.Select(s => s.GetTagItem("url.full")).Should().Contain(url => ((string)url!).EndsWith("/resources/applicants/{id}/one", StringComparison.Ordinal),
            "the second start finds the applicant by the customer's id, which the span masks");
        calls.SelectMany(s => s.TagObjects).Select(t => t.Value?.ToString() ?? "").Should().NotContain(v => v.Contains(customer));
        calls.Select(s => s.DisplayName).Should().NotContain(v => v.Contains(customer));
    }

    [Fact]
    public async Task Start_UnknownCustomer_NotFound()
    {
        using var kyc = await KycClient.CreateAsync(fixture.Factory);

        var response = await kyc.Http.PostAsJsonAsync("/v1/customers/nobody/kyc/verifications", new { provider = "sumsub", level = "basic" });

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await kyc.Http.GetAsync("/v1/customers/nobody/kyc")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Start_WithoutKycWriteRole_Forbidden()
    {
        using var kyc = await KycClient.CreateAsync(fixture.Factory);
        var customer = await kyc.CustomerAsync();
        using var reader = await fixture.Factory.CreateClientWithRolesAsync("audit:read");
        using var anonymous = fixture.Factory.CreateClient();

        (await reader.PostAsJsonAsync($"/v1/customers/{customer}/kyc/verifications", new { provider = "sumsub", level = "basic" }))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await anonymous.PostAsJsonAsync($"/v1/customers/{customer}/kyc/verifications", new { provider = "sumsub", level = "basic" }))
            .StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await reader.GetAsync($"/v1/customers/{customer}/kyc")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Start_ProviderFailing_ServiceUnavailableNothingRecordedCreateSentOnce()
    {
        using var kyc = await KycClient.CreateAsync(fixture.Factory);
        var customer = await kyc.CustomerAsync();
        var onfido = fixture.Simulators["onfido"];
        var before = onfido.Requests.Count(r => r.Method == "POST" && r.PathAndQuery.EndsWith("/applicants", StringComparison.Ordinal));
        onfido.FailNext(5, 500);

        var response = await kyc.Http.PostAsJsonAsync($"/v1/customers/{customer}/kyc/verifications", new { provider = "onfido", level = "standard" });

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        onfido.Requests.Count(r => r.Method == "POST" && r.PathAndQuery.EndsWith("/applicants", StringComparison.Ordinal))
            .Should().Be(before + 1, "creating an Onfido applicant is not idempotent, so it is never retried");
        (await kyc.StatusAsync(customer)).Should().Be("none");
        await using var connection = new NpgsqlConnection(fixture.Factory.ConnectionString);
        (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM kyc_verifications WHERE customer_id = @Id", new { Id = customer })).Should().Be(0);
        onfido.FailNext(0, 500);
    }

    [Fact]
    public async Task Start_Again_NewVerificationPendingAndHistoryKept()
    {
        using var kyc = await KycClient.CreateAsync(fixture.Factory);
        var customer = await kyc.CustomerAsync();
        var first = await kyc.StartAsync(customer, "sumsub");
        (await kyc.SendAsync(fixture.Simulators["sumsub"].Decide(
            first.GetProperty("providerRef").GetString()!, Simulators.SimulatedOutcome.RejectedRetry, TimeProvider.System.GetUtcNow()))).EnsureSuccessStatusCode();
        await kyc.DrainAsync();
        (await kyc.StatusAsync(customer)).Should().Be("rejected_retry");

        var second = await kyc.StartAsync(customer, "sumsub");

        second.GetProperty("providerRef").GetString().Should().Be(first.GetProperty("providerRef").GetString(), "Sumsub keeps one applicant per customer");
        var view = await kyc.GetAsync(customer);
        view.GetProperty("status").GetString().Should().Be("pending");
        view.GetProperty("verifications").GetArrayLength().Should().Be(2);
        view.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("to").GetString()).Should().Equal("pending", "rejected_retry", "pending");
        (await kyc.AuditCountAsync(customer, "customer.kyc.verification_started")).Should().Be(2);
    }
}
