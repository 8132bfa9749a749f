using Compliance.Api.Kyc.Providers;
using Compliance.Api.Tests.Kyc.Simulators;

namespace Compliance.Api.Tests.Kyc.Providers;

public sealed class VeriffClientTests : IAsyncLifetime
{
    private VeriffSimulator _simulator = null!;

    public async Task InitializeAsync() => _simulator = await VeriffSimulator.StartAsync();

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    [Theory]
    [InlineData(SimulatedOutcome.Approved, "approved")]
    [InlineData(SimulatedOutcome.RejectedRetry, "rejected_retry")]
    [InlineData(SimulatedOutcome.Rejected, "rejected")]
    [InlineData(SimulatedOutcome.NeedsReview, "needs_review")]
    [InlineData(SimulatedOutcome.Expired, "expired")]
    public async Task StartThenFetch_AfterDecision_ReturnsNormalizedStatus(SimulatedOutcome outcome, string expected)
    {
        using var harness = new ClientHarness(_simulator);
        var session = await harness.Client.StartAsync(ClientHarness.NewVerification(), default);

        session.Url.Should().StartWith("https://alchemy.veriff.com/v/");
        session.Token.Should().NotBeNullOrEmpty();
        ClientHarness.Code(await harness.Client.FetchAsync(session.ProviderRef, default)).Should().Be("none");

        var at = TimeProvider.System.GetUtcNow();
        using var callback = _simulator.Decide(session.ProviderRef, outcome, at);
        var state = await harness.Client.FetchAsync(session.ProviderRef, default);

        ClientHarness.Code(state).Should().Be(expected);
        state.OccurredAt.Should().BeCloseTo(at, TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task Start_SendsVendorDataAndApiKey()
    {
        using var harness = new ClientHarness(_simulator);
        var verification = ClientHarness.NewVerification();

        await harness.Client.StartAsync(verification, default);

        var request = _simulator.Requests.Single();
        request.Header("X-AUTH-CLIENT").Should().Be(_simulator.ApiKey);
        System.Text.Encoding.UTF8.GetString(request.Body).Should().Be("{\"verification\":{\"vendorData\":\"" + verification.CustomerId + "\"}}");
    }

    [Fact]
    public async Task Start_CreateAnswers500_SentExactlyOnce()
    {
        using var harness = new ClientHarness(_simulator);
        _simulator.FailNext(1, 500);

        var act = () => harness.Client.StartAsync(ClientHarness.NewVerification(), default);

        (await act.Should().ThrowAsync<KycProviderException>()).Which.Failure.Should().Be(KycProviderFailure.Unavailable);
        _simulator.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task Start_CreateTimesOut_SentExactlyOnce()
    {
        using var harness = new ClientHarness(_simulator, new Dictionary<string, string> { ["AttemptTimeoutSeconds"] = "0.5" });
        _simulator.DelayNext(1, TimeSpan.FromSeconds(3));

        var act = () => harness.Client.StartAsync(ClientHarness.NewVerification(), default);

        (await act.Should().ThrowAsync<KycProviderException>()).Which.Failure.Should().Be(KycProviderFailure.Unavailable);
        _simulator.Requests.Should().ContainSingle();
        _simulator.SessionsCreated.Should().Be(0);
    }

    [Fact]
    public async Task Fetch_WrongSharedSecret_Refused()
    {
        using var harness = new ClientHarness(_simulator, overrides: new Dictionary<string, string?> { ["SharedSecret"] = "wrong" });
        var session = await harness.Client.StartAsync(ClientHarness.NewVerification(), default);

        var act = () => harness.Client.FetchAsync(session.ProviderRef, default);

        (await act.Should().ThrowAsync<KycProviderException>()).Which.Failure.Should().Be(KycProviderFailure.Refused);
    }
}
