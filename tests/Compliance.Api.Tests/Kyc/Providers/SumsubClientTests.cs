using System.Net.Http;
using Compliance.Api.Kyc;
using Compliance.Api.Kyc.Providers;
using Compliance.Api.Tests.Kyc.Simulators;
using Microsoft.Extensions.DependencyInjection;

namespace Compliance.Api.Tests.Kyc.Providers;

public sealed class SumsubClientTests : IAsyncLifetime
{
    private SumsubSimulator _simulator = null!;

    public async Task InitializeAsync() => _simulator = await SumsubSimulator.StartAsync();

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    [Theory]
    [InlineData(SimulatedOutcome.Approved, "approved")]
    [InlineData(SimulatedOutcome.RejectedRetry, "rejected_retry")]
    [InlineData(SimulatedOutcome.Rejected, "rejected")]
    [InlineData(SimulatedOutcome.NeedsReview, "needs_review")]
    [InlineData(SimulatedOutcome.Pending, "pending")]
    public async Task StartThenFetch_AfterDecision_ReturnsNormalizedStatus(SimulatedOutcome outcome, string expected)
    {
        using var harness = new ClientHarness(_simulator);
        var session = await harness.Client.StartAsync(ClientHarness.NewVerification(), default);

        session.Token.Should().StartWith("_act-sbx-jwt-");
        session.RawStatus.Should().Be("init");
        (await harness.Client.FetchAsync(session.ProviderRef, default)).Status.Should().Be(KycStatus.None);

        using var callback = _simulator.Decide(session.ProviderRef, outcome, TimeProvider.System.GetUtcNow());
        var state = await harness.Client.FetchAsync(session.ProviderRef, default);

        ClientHarness.Code(state).Should().Be(expected);
        state.Screening.Should().BeNull();
    }

    [Fact]
    public async Task Start_RepeatedForSameCustomer_ReusesApplicantFoundByExternalUserId()
    {
        using var harness = new ClientHarness(_simulator);
        var first = ClientHarness.NewVerification();
        var a = await harness.Client.StartAsync(first, default);
        var b = await harness.Client.StartAsync(first with { VerificationId = Guid.NewGuid() }, default);

        b.ProviderRef.Should().Be(a.ProviderRef);
        _simulator.ApplicantsCreated.Should().Be(1);
        _simulator.Requests.Should().Contain(r => r.PathAndQuery.Contains("-;externalUserId=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_ExistingApplicantRef_LooksUpInsteadOfCreating()
    {
        using var harness = new ClientHarness(_simulator);
        var verification = ClientHarness.NewVerification();
        var created = await harness.Client.StartAsync(verification, default);

        var again = await harness.Client.StartAsync(verification with { ExistingApplicantRef = created.ProviderRef }, default);

        again.ProviderRef.Should().Be(created.ProviderRef);
        _simulator.Requests.Count(r => r.Method == "POST" && r.PathAndQuery.StartsWith("/resources/applicants", StringComparison.Ordinal)).Should().Be(1);
    }

    /// <summary>
    /// The 429 asks for a 2 s wait and the simulator refuses signatures older than 1 s: the retry only
    /// passes if it carries a new ts and signature. Signing once, outside the retry loop, would resend
    /// the first attempt's ts 2 s later and get 401 (Refused), failing this test.
    /// </summary>
    [Fact]
    public async Task Start_RetryAfterLongerThanSignatureAge_RetrySignedAfresh()
    {
        _simulator.SignatureMaxAgeSeconds = 1;
        using var harness = new ClientHarness(_simulator);
        _simulator.FailNext(1, 429, TimeSpan.FromSeconds(2));

        var session = await harness.Client.StartAsync(ClientHarness.NewVerification(), default);

        session.ProviderRef.Should().NotBeNullOrEmpty();
        var creates = _simulator.Requests.Where(r => r.Method == "POST" && r.PathAndQuery.StartsWith("/resources/applicants", StringComparison.Ordinal)).ToList();
        creates.Should().HaveCount(2);
        creates[1].Header("X-App-Access-Ts").Should().NotBe(creates[0].Header("X-App-Access-Ts"));
        creates[1].Header("X-App-Access-Sig").Should().NotBe(creates[0].Header("X-App-Access-Sig"));
    }

    [Fact]
    public void Handlers_SigningSitsInsideResilience()
    {
        using var harness = new ClientHarness(_simulator);
        var factory = harness.Services.GetRequiredService<IHttpMessageHandlerFactory>();

        var chain = new List<Type>();
        for (var handler = factory.CreateHandler(nameof(SumsubClient)); handler is DelegatingHandler delegating; handler = delegating.InnerHandler)
        {
            chain.Add(delegating.GetType());
        }

        chain.IndexOf(typeof(Microsoft.Extensions.Http.Resilience.ResilienceHandler)).Should().BeGreaterThanOrEqualTo(0)
            .And.BeLessThan(chain.IndexOf(typeof(SumsubSigningHandler)), "each retry must pass through the signer again");
    }

    [Fact]
    public async Task Start_WrongSecretKey_RefusedAndNotRetried()
    {
        using var wrong = new ClientHarness(_simulator, overrides: new Dictionary<string, string?> { ["SecretKey"] = "wrong" });

        var act = () => wrong.Client.StartAsync(ClientHarness.NewVerification(), default);

        (await act.Should().ThrowAsync<KycProviderException>()).Which.Failure.Should().Be(KycProviderFailure.Refused);
        _simulator.Requests.Should().ContainSingle();
    }
}
