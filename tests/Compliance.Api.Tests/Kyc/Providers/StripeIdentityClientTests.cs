using Compliance.Api.Kyc.Providers;
using Compliance.Api.Tests.Kyc.Simulators;

namespace Compliance.Api.Tests.Kyc.Providers;

public sealed class StripeIdentityClientTests : IAsyncLifetime
{
    private StripeSimulator _simulator = null!;

    public async Task InitializeAsync() => _simulator = await StripeSimulator.StartAsync();

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    [Theory]
    [InlineData(SimulatedOutcome.Approved, "approved")]
    [InlineData(SimulatedOutcome.RejectedRetry, "rejected_retry")]
    [InlineData(SimulatedOutcome.Rejected, "rejected")]
    [InlineData(SimulatedOutcome.Expired, "expired")]
    [InlineData(SimulatedOutcome.Pending, "pending")]
    public async Task StartThenFetch_AfterDecision_ReturnsNormalizedStatus(SimulatedOutcome outcome, string expected)
    {
        using var harness = new ClientHarness(_simulator);
        var session = await harness.Client.StartAsync(ClientHarness.NewVerification("document"), default);

        session.ProviderRef.Should().StartWith("vs_");
        session.Token.Should().StartWith(session.ProviderRef + "_secret_");
        session.Url.Should().NotBeNullOrEmpty();
        session.RawStatus.Should().Be("requires_input");
        ClientHarness.Code(await harness.Client.FetchAsync(session.ProviderRef, default)).Should().Be("none");

        using var callback = _simulator.Decide(session.ProviderRef, outcome, TimeProvider.System.GetUtcNow());

        ClientHarness.Code(await harness.Client.FetchAsync(session.ProviderRef, default)).Should().Be(expected);
    }

    [Fact]
    public async Task Start_SendsFormWithReferencesAndType()
    {
        using var harness = new ClientHarness(_simulator);
        var verification = ClientHarness.NewVerification("id_number");

        await harness.Client.StartAsync(verification, default);

        var body = System.Text.Encoding.ASCII.GetString(_simulator.Requests.Single().Body);
        body.Should().Contain("type=id_number")
            .And.Contain($"client_reference_id={verification.CustomerId}")
            .And.Contain($"metadata%5Bverification_id%5D={verification.VerificationId}");
    }

    [Fact]
    public async Task Start_500sThenSuccess_RetriesWithOneIdempotencyKeyAndCreatesOneSession()
    {
        using var harness = new ClientHarness(_simulator);
        _simulator.FailNext(2, 500);

        var session = await harness.Client.StartAsync(ClientHarness.NewVerification(), default);

        session.ProviderRef.Should().StartWith("vs_");
        var keys = _simulator.Requests.Select(r => r.Header("Idempotency-Key")).ToList();
        keys.Should().HaveCount(3).And.OnlyContain(k => k == keys[0]).And.NotContainNulls();
        _simulator.SessionsCreated.Should().Be(1);
    }

    [Fact]
    public async Task Start_RepeatedForSameVerification_ReplaysTheSameSession()
    {
        using var harness = new ClientHarness(_simulator);
        var verification = ClientHarness.NewVerification();
        var first = await harness.Client.StartAsync(verification, default);

        var again = await harness.Client.StartAsync(verification, default);

        again.ProviderRef.Should().Be(first.ProviderRef);
        _simulator.SessionsCreated.Should().Be(1);
    }

    [Fact]
    public async Task Start_SuccessWithoutSessionId_BadResponse()
    {
        using var harness = new ClientHarness(_simulator);

        // The injected "failure" is a 200 whose body is JSON without the session's fields.
        _simulator.FailNext(1, 200);
        var act = () => harness.Client.StartAsync(ClientHarness.NewVerification(), default);

        (await act.Should().ThrowAsync<KycProviderException>()).Which.Failure.Should().Be(KycProviderFailure.BadResponse);
    }
}
