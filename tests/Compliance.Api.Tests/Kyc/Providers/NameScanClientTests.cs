using System.Text;
using Compliance.Api.Kyc;
using Compliance.Api.Kyc.Providers;
using Compliance.Api.Tests.Kyc.Simulators;

namespace Compliance.Api.Tests.Kyc.Providers;

public sealed class NameScanClientTests : IAsyncLifetime
{
    private NameScanSimulator _simulator = null!;

    public async Task InitializeAsync()
    {
        _simulator = await NameScanSimulator.StartAsync();
        _simulator.Listed["Ayman al-Zawahiri"] = "SIP";
        _simulator.Listed["Minister Example"] = "PEP";
        _simulator.Listed["Shipping Sanctioned"] = "SIP";
    }

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    [Fact]
    public async Task PersonScan_WithoutMatches_IsClear_AndSendsWhatTheScanNeeds()
    {
        using var harness = new ClientHarness(_simulator);
        var verification = ClientHarness.NewVerification(level: "person");

        var session = await harness.Client.StartAsync(verification, default);

        session.Result.Should().NotBeNull("a NameScan scan answers at once");
        session.Result!.Screening!.Value.ToCode().Should().Be("clear");
        session.RawStatus.Should().Be("no_match");
        session.ProviderRef.Should().StartWith("person:");
        var request = _simulator.Requests.Single();
        request.PathAndQuery.Should().Be("/person-scans/emerald");
        request.Headers["api-key"].Should().Be(_simulator.ApiKey);
        Encoding.UTF8.GetString(request.Body).Should().Contain("\"name\":\"Ada Lovelace\"").And.Contain("\"dob\":\"1815\"")
            .And.Contain("\"country\":\"GB\"").And.Contain($"\"client_id\":\"{verification.CustomerId}\"").And.Contain("\"match_rate\":75");
    }

    [Fact]
    public async Task PersonScan_WithSanctionsAndPepMatches_IsAPossibleMatch_WithTheCategoriesAsReasons()
    {
        using var harness = new ClientHarness(_simulator);
        var verification = ClientHarness.NewVerification(level: "person") with
        {
            Subject = new ScreeningSubject("Ayman al-Zawahiri, Minister Example", null, null),
        };

        var session = await harness.Client.StartAsync(verification, default);

        session.Result!.Screening!.Value.ToCode().Should().Be("potential_match");
        session.Result.ReasonCodes.Should().Equal("NAMESCAN_PEP", "NAMESCAN_SIP");
        session.RawStatus.Should().Be("matches:2 pep:1 sip:1");
        Encoding.UTF8.GetString(_simulator.Requests.Single().Body).Should().NotContain("\"dob\"", "an unknown birth year is left out, not sent as null");

        var fetched = await harness.Client.FetchAsync(session.ProviderRef, default);
        fetched.Screening!.Value.ToCode().Should().Be("potential_match");
        _simulator.Requests.Last().PathAndQuery.Should().Be($"/person-scans/emerald/{session.ProviderRef["person:".Length..]}");
    }

    [Fact]
    public async Task OrganisationScan_GoesToTheOrganisationEndpoint()
    {
        using var harness = new ClientHarness(_simulator);
        var verification = ClientHarness.NewVerification(level: "organisation") with { Subject = new ScreeningSubject("Shipping Sanctioned Ltd", null, "GB") };

        var session = await harness.Client.StartAsync(verification, default);

        session.ProviderRef.Should().StartWith("organisation:");
        session.Result!.Screening!.Value.ToCode().Should().Be("potential_match");
        session.Result.ReasonCodes.Should().Equal("NAMESCAN_SIP");
        var request = _simulator.Requests.Single();
        request.PathAndQuery.Should().Be("/organisation-scans/emerald");
        Encoding.UTF8.GetString(request.Body).Should().NotContain("dob");
        (await harness.Client.FetchAsync(session.ProviderRef, default)).Screening!.Value.ToCode().Should().Be("potential_match");
    }

    [Fact]
    public async Task AScan_ThatFails_IsSentOnce_BecauseEachScanIsBilled()
    {
        using var harness = new ClientHarness(_simulator);
        _simulator.FailNext(1, 503);

        var act = () => harness.Client.StartAsync(ClientHarness.NewVerification(level: "person"), default);

        (await act.Should().ThrowAsync<KycProviderException>()).Which.Failure.Should().Be(KycProviderFailure.Unavailable);
        _simulator.Requests.Should().ContainSingle();
    }

    [Theory]
    [InlineData("basic-kyc-level")]
    [InlineData("Person")]
    public async Task AnUnknownLevel_IsRefusedBeforeSending(string level)
    {
        using var harness = new ClientHarness(_simulator);

        var act = () => harness.Client.StartAsync(ClientHarness.NewVerification(level: level), default);

        (await act.Should().ThrowAsync<KycProviderException>()).Which.Failure.Should().Be(KycProviderFailure.Refused);
        _simulator.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task AWrongKey_AnUnknownScan_AndAForeignReference_AreRefused()
    {
        using var wrongKey = new ClientHarness(_simulator, overrides: new Dictionary<string, string?> { ["ApiKey"] = "not-the-key" });
        var refused = () => wrongKey.Client.StartAsync(ClientHarness.NewVerification(level: "person"), default);
        (await refused.Should().ThrowAsync<KycProviderException>()).Which.Failure.Should().Be(KycProviderFailure.Refused);

        using var harness = new ClientHarness(_simulator);
        var fetch = () => harness.Client.FetchAsync("person:no-such-scan", default);
        (await fetch.Should().ThrowAsync<KycProviderException>()).Which.Failure.Should().Be(KycProviderFailure.Refused);
        var notOurs = () => harness.Client.FetchAsync("12345", default);
        (await notOurs.Should().ThrowAsync<KycProviderException>()).Which.Failure.Should().Be(KycProviderFailure.Refused);
    }

    [Fact]
    public void AnAnswerWithoutItsMatchCount_IsABadResponse_NotAClearScreening()
    {
        using var answer = System.Text.Json.JsonDocument.Parse("""{"scan_id": "77", "persons": []}""");

        var act = () => NameScanStatus.ToState(answer.RootElement, "namescan");

        act.Should().Throw<KycProviderException>().Which.Failure.Should().Be(KycProviderFailure.BadResponse);
    }
}
