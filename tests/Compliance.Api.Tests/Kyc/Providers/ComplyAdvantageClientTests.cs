using Compliance.Api.Kyc;
using Compliance.Api.Kyc.Providers;
using Compliance.Api.Tests.Kyc.Simulators;

namespace Compliance.Api.Tests.Kyc.Providers;

public sealed class ComplyAdvantageClientTests : IAsyncLifetime
{
    private ComplyAdvantageSimulator _simulator = null!;

    public async Task InitializeAsync() => _simulator = await ComplyAdvantageSimulator.StartAsync();

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    [Theory]
    [InlineData(SimulatedOutcome.Approved, "clear")]
    [InlineData(SimulatedOutcome.Rejected, "confirmed_match")]
    [InlineData(SimulatedOutcome.NeedsReview, "potential_match")]
    public async Task StartThenFetch_AfterDecision_ReturnsScreeningStatus(SimulatedOutcome outcome, string expected)
    {
        using var harness = new ClientHarness(_simulator);
        var verification = ClientHarness.NewVerification();
        var session = await harness.Client.StartAsync(verification, default);

        session.RawStatus.Should().Be("no_match");
        var request = _simulator.Requests.Single();
        var sent = System.Text.Encoding.UTF8.GetString(request.Body);
        sent.Should().Contain($"\"client_ref\":\"{verification.CustomerId}\"").And.Contain("\"search_term\":\"Ada Lovelace\"").And.Contain("\"birth_year\":1815");

        using var callback = _simulator.Decide(session.ProviderRef, outcome, TimeProvider.System.GetUtcNow());
        var state = await harness.Client.FetchAsync(session.ProviderRef, default);

        state.Status.Should().BeNull("screening does not touch the identity dimension");
        state.Screening.Should().NotBeNull();
        state.Screening!.Value.ToCode().Should().Be(expected);
    }

    [Fact]
    public async Task Start_WithoutSubject_RefusedBeforeSending()
    {
        using var harness = new ClientHarness(_simulator);

        var act = () => harness.Client.StartAsync(ClientHarness.NewVerification() with { Subject = null }, default);

        (await act.Should().ThrowAsync<KycProviderException>()).Which.Failure.Should().Be(KycProviderFailure.Refused);
        _simulator.Requests.Should().BeEmpty();
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
}
