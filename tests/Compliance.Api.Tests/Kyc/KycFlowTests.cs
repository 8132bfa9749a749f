using System.Net;
using System.Text.Json;
using Compliance.Api.Tests.Checks;
using Compliance.Api.Tests.Kyc.Simulators;
using FluentAssertions;

namespace Compliance.Api.Tests.Kyc;

/// <summary>
/// For every provider, end to end against its simulator: start a verification, the provider's signed
/// callback approves or rejects it, and the next <c>POST /v1/checks</c> decides differently.
/// </summary>
public sealed class KycFlowTests(KycFixture fixture) : IClassFixture<KycFixture>
{
    public static TheoryData<string> IdentityProviders => ["sumsub", "onfido", "stripe", "veriff", "persona"];

    [Theory]
    [MemberData(nameof(IdentityProviders))]
    public async Task Verification_ApprovedByCallback_ChecksAllow(string provider)
    {
        using var kyc = await KycClient.CreateAsync(fixture.Factory);
        var customer = await kyc.CustomerAsync();
        var before = await kyc.CheckAsync(customer);
        before.GetProperty("decision").GetString().Should().Be("review");
        CheckClient.ReasonCodes(before).Should().Contain("KYC_NOT_VERIFIED");

        var started = await kyc.StartAsync(customer, provider);
        started.GetProperty("status").GetString().Should().Be("pending");
        started.GetProperty("providerRef").GetString().Should().NotBeNullOrEmpty();
        if (provider != "persona")
        {
            // Persona's embedded flow is opened with the inquiry id itself.
            (started.GetProperty("url").GetString() ?? started.GetProperty("token").GetString()).Should().NotBeNullOrEmpty();
        }

        (await kyc.StatusAsync(customer)).Should().Be("pending");

        var simulator = fixture.Simulators[provider];
        var providerRef = started.GetProperty("providerRef").GetString()!;
        var response = await kyc.SendAsync(simulator.Decide(providerRef, SimulatedOutcome.Approved, TimeProvider.System.GetUtcNow()));
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        await kyc.DrainAsync();

        var status = await kyc.GetAsync(customer);
        status.GetProperty("status").GetString().Should().Be("approved");
        status.GetProperty("level").GetString().Should().Be("basic-kyc");
        status.GetProperty("verifiedAt").ValueKind.Should().Be(JsonValueKind.String);
        var after = await kyc.CheckAsync(customer);
        after.GetProperty("decision").GetString().Should().Be("allow");
        (await kyc.AuditCountAsync(customer, "customer.kyc.status_changed")).Should().Be(1);
    }

    [Theory]
    [MemberData(nameof(IdentityProviders))]
    public async Task Verification_RejectedByCallback_ChecksBlock(string provider)
    {
        using var kyc = await KycClient.CreateAsync(fixture.Factory);
        var customer = await kyc.CustomerAsync();
        var started = await kyc.StartAsync(customer, provider);
        var simulator = fixture.Simulators[provider];

        var response = await kyc.SendAsync(simulator.Decide(
            started.GetProperty("providerRef").GetString()!, SimulatedOutcome.Rejected, TimeProvider.System.GetUtcNow()));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        await kyc.DrainAsync();

        (await kyc.StatusAsync(customer)).Should().Be("rejected");
        var decision = await kyc.CheckAsync(customer);
        decision.GetProperty("decision").GetString().Should().Be("block");
        CheckClient.ReasonCodes(decision).Should().Contain("KYC_REJECTED");
    }

    [Fact]
    public async Task Screening_ConfirmedMatchByCallback_ChecksBlock()
    {
        using var kyc = await KycClient.CreateAsync(fixture.Factory);
        var customer = await kyc.CustomerAsync();
        var started = await kyc.StartAsync(customer, "complyadvantage", "sanctions-pep");
        started.GetProperty("kind").GetString().Should().Be("screening");
        var simulator = fixture.Simulators["complyadvantage"];
        var search = simulator.Requests.Last(r => r.Method == "POST");
        System.Text.Encoding.UTF8.GetString(search.Body).Should().Contain("\"search_term\":\"Kyc Subject\"", "the name is decrypted from the vault for the search");
        (await kyc.AuditCountAsync(customer, "customer.pii.read")).Should().Be(1, "sending the name to the screening provider is an audited PII read");

        var response = await kyc.SendAsync(simulator.Decide(
            started.GetProperty("providerRef").GetString()!, SimulatedOutcome.Rejected, TimeProvider.System.GetUtcNow()));
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        await kyc.DrainAsync();

        (await kyc.GetAsync(customer)).GetProperty("screeningStatus").GetString().Should().Be("confirmed_match");
        var decision = await kyc.CheckAsync(customer);
        decision.GetProperty("decision").GetString().Should().Be("block");
        CheckClient.ReasonCodes(decision).Should().Contain("CUSTOMER_SANCTIONS_MATCH");
    }

    [Fact]
    public async Task Flow_Logs_HoldNoSecretsOrTokens()
    {
        using var kyc = await KycClient.CreateAsync(fixture.Factory);
        var tokens = new List<string>();
        foreach (var provider in IdentityProviders)
        {
            var customer = await kyc.CustomerAsync();
            var started = await kyc.StartAsync(customer, provider);
            tokens.Add(started.GetProperty("token").GetString() ?? "");
            (await kyc.SendAsync(fixture.Simulators[provider].Decide(
                started.GetProperty("providerRef").GetString()!, SimulatedOutcome.Approved, TimeProvider.System.GetUtcNow()))).EnsureSuccessStatusCode();
        }

        await kyc.DrainAsync();

        var logs = fixture.Factory.Logs.All;
        logs.Should().Contain("applied", "the flow ran and logged");
        var secrets = fixture.Simulators.Values
            .SelectMany(s => s.Settings().Where(kv => !kv.Key.EndsWith("BaseUrl", StringComparison.Ordinal)).Select(kv => kv.Value))
            .Concat(fixture.PreviousSecrets.Values)
            .Concat(tokens)
            .Where(v => !string.IsNullOrEmpty(v) && v.Length >= 12);
        foreach (var secret in secrets)
        {
            logs.Should().NotContain(secret!);
        }
    }
}
