using Compliance.Api.Tests.Kyc.Simulators;

namespace Compliance.Api.Tests.Kyc.Providers;

public sealed class PersonaClientTests : IAsyncLifetime
{
    private PersonaSimulator _simulator = null!;

    public async Task InitializeAsync() => _simulator = await PersonaSimulator.StartAsync();

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    [Theory]
    [InlineData(SimulatedOutcome.Approved, "approved")]
    [InlineData(SimulatedOutcome.RejectedRetry, "rejected_retry")]
    [InlineData(SimulatedOutcome.Rejected, "rejected")]
    [InlineData(SimulatedOutcome.NeedsReview, "needs_review")]
    [InlineData(SimulatedOutcome.Expired, "expired")]
    [InlineData(SimulatedOutcome.Pending, "pending")]
    public async Task StartThenFetch_AfterDecision_ReturnsNormalizedStatus(SimulatedOutcome outcome, string expected)
    {
        using var harness = new ClientHarness(_simulator);
        var session = await harness.Client.StartAsync(ClientHarness.NewVerification(), default);

        session.ProviderRef.Should().StartWith("inq_");
        session.RawStatus.Should().Be("created");
        ClientHarness.Code(await harness.Client.FetchAsync(session.ProviderRef, default)).Should().Be("none");

        using var callback = _simulator.Decide(session.ProviderRef, outcome, TimeProvider.System.GetUtcNow());

        ClientHarness.Code(await harness.Client.FetchAsync(session.ProviderRef, default)).Should().Be(expected);
    }

    [Fact]
    public async Task Start_429ThenSuccess_RetriesWithOneIdempotencyKeyAndCreatesOneInquiry()
    {
        using var harness = new ClientHarness(_simulator);
        _simulator.FailNext(1, 429, TimeSpan.FromSeconds(1));
        var verification = ClientHarness.NewVerification();

        var first = await harness.Client.StartAsync(verification, default);
        var again = await harness.Client.StartAsync(verification, default);

        again.ProviderRef.Should().Be(first.ProviderRef);
        _simulator.Requests.Select(r => r.Header("Idempotency-Key")).Distinct().Should().ContainSingle().Which.Should().NotBeNull();
        _simulator.Requests.Should().HaveCount(3);
        _simulator.InquiriesCreated.Should().Be(1);
    }

    [Fact]
    public async Task Start_SendsTemplateAndReferenceId()
    {
        using var harness = new ClientHarness(_simulator);
        var verification = ClientHarness.NewVerification();

        await harness.Client.StartAsync(verification, default);

        var body = System.Text.Encoding.UTF8.GetString(_simulator.Requests.Single().Body);
        body.Should().Contain($"\"inquiry-template-id\":\"{_simulator.TemplateId}\"")
            .And.Contain($"\"reference-id\":\"{verification.CustomerId}\"")
            .And.Contain($"\"auto-create-account-reference-id\":\"{verification.CustomerId}\"");
    }
}
