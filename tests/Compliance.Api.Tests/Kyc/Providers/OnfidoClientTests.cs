using Compliance.Api.Kyc.Providers;
using Compliance.Api.Tests.Kyc.Simulators;

namespace Compliance.Api.Tests.Kyc.Providers;

public sealed class OnfidoClientTests : IAsyncLifetime
{
    private OnfidoSimulator _simulator = null!;

    public async Task InitializeAsync() => _simulator = await OnfidoSimulator.StartAsync();

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    [Theory]
    [InlineData(SimulatedOutcome.Approved, "approved")]
    [InlineData(SimulatedOutcome.Rejected, "rejected")]
    [InlineData(SimulatedOutcome.NeedsReview, "needs_review")]
    [InlineData(SimulatedOutcome.Expired, "expired")]
    [InlineData(SimulatedOutcome.Pending, "pending")]
    public async Task StartThenFetch_AfterDecision_ReturnsNormalizedStatus(SimulatedOutcome outcome, string expected)
    {
        using var harness = new ClientHarness(_simulator);
        var session = await harness.Client.StartAsync(ClientHarness.NewVerification(), default);

        session.ApplicantRef.Should().NotBeNullOrEmpty();
        session.Url.Should().Contain(session.ProviderRef);
        ClientHarness.Code(await harness.Client.FetchAsync(session.ProviderRef, default)).Should().Be("none");

        using var callback = _simulator.Decide(session.ProviderRef, outcome, TimeProvider.System.GetUtcNow());

        ClientHarness.Code(await harness.Client.FetchAsync(session.ProviderRef, default)).Should().Be(expected);
        _simulator.Requests.Should().OnlyContain(r => r.PathAndQuery.StartsWith("/v3.6/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_RepeatedWithApplicantRef_FindsRunInsteadOfCreating()
    {
        using var harness = new ClientHarness(_simulator);
        var verification = ClientHarness.NewVerification();
        var first = await harness.Client.StartAsync(verification, default);

        var again = await harness.Client.StartAsync(verification with { ExistingApplicantRef = first.ApplicantRef }, default);

        again.ProviderRef.Should().Be(first.ProviderRef);
        _simulator.ApplicantsCreated.Should().Be(1);
        _simulator.RunsCreated.Should().Be(1);
    }

    [Fact]
    public async Task Start_ApplicantCreateAnswers500_SentExactlyOnce()
    {
        using var harness = new ClientHarness(_simulator);
        _simulator.FailNext(1, 500);

        var act = () => harness.Client.StartAsync(ClientHarness.NewVerification(), default);

        (await act.Should().ThrowAsync<KycProviderException>()).Which.Failure.Should().Be(KycProviderFailure.Unavailable);
        _simulator.Requests.Should().ContainSingle().Which.PathAndQuery.Should().Be("/v3.6/applicants");
    }

    [Fact]
    public async Task Start_ApplicantCreateTimesOut_SentExactlyOnce()
    {
        using var harness = new ClientHarness(_simulator, new Dictionary<string, string> { ["AttemptTimeoutSeconds"] = "0.5" });
        _simulator.DelayNext(1, TimeSpan.FromSeconds(3));

        var act = () => harness.Client.StartAsync(ClientHarness.NewVerification(), default);

        (await act.Should().ThrowAsync<KycProviderException>()).Which.Failure.Should().Be(KycProviderFailure.Unavailable);
        _simulator.Requests.Should().ContainSingle().Which.Method.Should().Be("POST");
    }

    [Fact]
    public async Task Start_RunCreateFails_LooksUpOnceThenGivesUp()
    {
        using var harness = new ClientHarness(_simulator);
        var verification = ClientHarness.NewVerification();
        var applicantRef = (await harness.Client.StartAsync(verification, default)).ApplicantRef;
        _simulator.FaultFilter = r => r.Method == "POST" && r.PathAndQuery == "/v3.6/workflow_runs";
        _simulator.FailNext(1, 500);
        var sent = _simulator.Requests.Count;

        var act = () => harness.Client.StartAsync(ClientHarness.NewVerification(existingApplicantRef: applicantRef), default);

        (await act.Should().ThrowAsync<KycProviderException>()).Which.Failure.Should().Be(KycProviderFailure.Unavailable);
        _simulator.Requests.Skip(sent).Select(r => $"{r.Method} {r.PathAndQuery.Split('?')[0]}").Should().Equal(
            "GET /v3.6/workflow_runs", "POST /v3.6/workflow_runs", "GET /v3.6/workflow_runs");
    }

    [Fact]
    public async Task Fetch_WrongToken_RefusedAndNotRetried()
    {
        using var harness = new ClientHarness(_simulator, overrides: new Dictionary<string, string?> { ["ApiToken"] = "wrong" });

        var act = () => harness.Client.FetchAsync(Guid.NewGuid().ToString(), default);

        (await act.Should().ThrowAsync<KycProviderException>()).Which.Failure.Should().Be(KycProviderFailure.Refused);
        _simulator.Requests.Should().ContainSingle();
    }
}
