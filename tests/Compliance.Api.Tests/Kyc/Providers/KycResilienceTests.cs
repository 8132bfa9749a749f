using System.Diagnostics;
using Compliance.Api.Kyc.Providers;
using Compliance.Api.Tests.Kyc.Simulators;
using Microsoft.Extensions.DependencyInjection;
using Polly.CircuitBreaker;

namespace Compliance.Api.Tests.Kyc.Providers;

/// <summary>The pipeline's behaviour, through the Stripe client and simulator (any client would do).</summary>
public sealed class KycResilienceTests : IAsyncLifetime
{
    private StripeSimulator _simulator = null!;

    public async Task InitializeAsync() => _simulator = await StripeSimulator.StartAsync();

    public async Task DisposeAsync() => await _simulator.DisposeAsync();

    [Fact]
    public async Task Fetch_500ThenSuccess_Retried()
    {
        using var harness = new ClientHarness(_simulator);
        var session = await harness.Client.StartAsync(ClientHarness.NewVerification(), default);
        _simulator.FailNext(1, 500);

        var state = await harness.Client.FetchAsync(session.ProviderRef, default);

        ClientHarness.Code(state).Should().Be("none");
        _simulator.Requests.Count(r => r.Method == "GET").Should().Be(2);
        harness.Logs.All.Should().Contain("[8101]").And.NotContain(_simulator.SecretKey);
    }

    [Fact]
    public async Task Fetch_Always500_AttemptsAreOnePlusMaxRetries()
    {
        using var harness = new ClientHarness(_simulator, new Dictionary<string, string> { ["MaxRetries"] = "3" });
        _simulator.FailNext(100, 503);

        var act = () => harness.Client.FetchAsync("vs_missing", default);

        (await act.Should().ThrowAsync<KycProviderException>()).Which.Failure.Should().Be(KycProviderFailure.Unavailable);
        _simulator.Requests.Should().HaveCount(4);
    }

    [Fact]
    public async Task Fetch_429WithRetryAfter1_NextAttemptWaitsAtLeastOneSecond()
    {
        using var harness = new ClientHarness(_simulator);
        var session = await harness.Client.StartAsync(ClientHarness.NewVerification(), default);
        _simulator.FailNext(1, 429, TimeSpan.FromSeconds(1));
        var watch = Stopwatch.StartNew();

        await harness.Client.FetchAsync(session.ProviderRef, default);

        // The wait chosen is exactly the Retry-After; the clock check allows the timer's ~1 ms of coarseness.
        harness.Logs.All.Should().Contain("retrying in 1000 ms");
        watch.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(0.98));
        _simulator.Requests.Count(r => r.Method == "GET").Should().Be(2);
    }

    [Fact]
    public async Task Fetch_RetryAfterBeyondTotalBudget_GivesUpWithoutWaiting()
    {
        using var harness = new ClientHarness(_simulator, new Dictionary<string, string> { ["TotalTimeoutSeconds"] = "3" });
        _simulator.FailNext(1, 429, TimeSpan.FromSeconds(30));
        var watch = Stopwatch.StartNew();

        var act = () => harness.Client.FetchAsync("vs_any", default);

        (await act.Should().ThrowAsync<KycProviderException>()).Which.Failure.Should().Be(KycProviderFailure.Unavailable);
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2));
        _simulator.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task Fetch_AttemptTimesOut_Retried()
    {
        using var harness = new ClientHarness(_simulator, new Dictionary<string, string> { ["AttemptTimeoutSeconds"] = "0.5" });
        var session = await harness.Client.StartAsync(ClientHarness.NewVerification(), default);
        _simulator.DelayNext(1, TimeSpan.FromSeconds(5));

        var state = await harness.Client.FetchAsync(session.ProviderRef, default);

        ClientHarness.Code(state).Should().Be("none");
        _simulator.Requests.Count(r => r.Method == "GET").Should().Be(2);
    }

    [Fact]
    public async Task Fetch_EveryAttemptHangs_TotalTimeoutBoundsTheCall()
    {
        using var harness = new ClientHarness(_simulator, new Dictionary<string, string>
        {
            ["TotalTimeoutSeconds"] = "1.5",
            ["AttemptTimeoutSeconds"] = "1",
            ["MaxRetries"] = "5",
        });
        _simulator.DelayNext(100, TimeSpan.FromSeconds(10));
        var watch = Stopwatch.StartNew();

        var act = () => harness.Client.FetchAsync("vs_any", default);

        (await act.Should().ThrowAsync<KycProviderException>()).Which.Failure.Should().Be(KycProviderFailure.Unavailable);
        watch.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1.4)).And.BeLessThan(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task Breaker_OpensAfterFailures_FailsFastThenClosesAfterTrial()
    {
        using var harness = new ClientHarness(_simulator, new Dictionary<string, string>
        {
            ["MaxRetries"] = "0",
            ["BreakFailureRatio"] = "0.6",
            ["BreakMinimumThroughput"] = "3",
            ["BreakSamplingSeconds"] = "30",
            ["BreakDurationSeconds"] = "1",
        });
        // One success and two failures in the window: 2/3 ≥ 0.6 with the minimum of 3 calls.
        var session = await harness.Client.StartAsync(ClientHarness.NewVerification(), default);
        _simulator.FailNext(2, 500);
        for (var i = 0; i < 2; i++)
        {
            var failing = () => harness.Client.FetchAsync(session.ProviderRef, default);
            await failing.Should().ThrowAsync<KycProviderException>();
        }

        var sent = _simulator.Requests.Count;
        var whileOpen = () => harness.Client.FetchAsync(session.ProviderRef, default);

        (await whileOpen.Should().ThrowAsync<KycProviderException>()).Which.Failure.Should().Be(KycProviderFailure.Unavailable);
        _simulator.Requests.Should().HaveCount(sent, "an open circuit answers without calling the provider");
        harness.Logs.All.Should().Contain("[8102]");

        await Task.Delay(TimeSpan.FromSeconds(1.3));
        ClientHarness.Code(await harness.Client.FetchAsync(session.ProviderRef, default)).Should().Be("none");
        ClientHarness.Code(await harness.Client.FetchAsync(session.ProviderRef, default)).Should().Be("none");
        _simulator.Requests.Should().HaveCount(sent + 2);
        harness.Logs.All.Should().Contain("[8103]");
    }

    [Fact]
    public async Task Breaker_OpenCircuitOutlivesTheHandler()
    {
        // Handlers live 1 s here (the least the factory allows), so it builds a new chain (new handlers, new connection pool) as it does every few minutes.
        using var harness = new ClientHarness(_simulator, new Dictionary<string, string>
        {
            ["MaxRetries"] = "0",
            ["BreakMinimumThroughput"] = "2",
            ["BreakDurationSeconds"] = "30",
        }, configure: services => services.AddHttpClient<StripeIdentityClient>().SetHandlerLifetime(TimeSpan.FromSeconds(1)));
        var factory = harness.Services.GetRequiredService<IHttpMessageHandlerFactory>();
        var first = factory.CreateHandler(nameof(StripeIdentityClient));
        _simulator.FailNext(2, 500);
        for (var i = 0; i < 2; i++)
        {
            var failing = () => harness.Client.FetchAsync("vs_any", default);
            await failing.Should().ThrowAsync<KycProviderException>();
        }

        HttpMessageHandler fresh;
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(10);
        while (ReferenceEquals(fresh = factory.CreateHandler(nameof(StripeIdentityClient)), first))
        {
            TimeProvider.System.GetUtcNow().Should().BeBefore(deadline, "the factory replaces an expired handler");
            await Task.Delay(20);
        }

        using var invoker = new HttpMessageInvoker(fresh, disposeHandler: false);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_simulator.BaseUrl, "v1/identity/verification_sessions/vs_any"));
        var act = () => invoker.SendAsync(request, default);

        await act.Should().ThrowAsync<BrokenCircuitException>("the new chain shares the provider's breaker, which is open");
        _simulator.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task Fetch_BadCredentials_RefusedAndNotRetried()
    {
        using var harness = new ClientHarness(_simulator, overrides: new Dictionary<string, string?> { ["SecretKey"] = "sk_test_wrong" });

        var act = () => harness.Client.FetchAsync("vs_any", default);

        (await act.Should().ThrowAsync<KycProviderException>()).Which.Failure.Should().Be(KycProviderFailure.Refused);
        _simulator.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task Fetch_NoBaseUrl_RefusedAsNotConfigured()
    {
        using var harness = new ClientHarness(_simulator, overrides: new Dictionary<string, string?> { ["BaseUrl"] = string.Empty });

        var act = () => harness.Client.FetchAsync("vs_any", default);

        (await act.Should().ThrowAsync<KycProviderException>())
            .Which.Should().Match<KycProviderException>(e => e.Failure == KycProviderFailure.Refused && e.Message.Contains("not configured"));
        _simulator.Requests.Should().BeEmpty();
    }
}
