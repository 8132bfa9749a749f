using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Compliance.Api.Tests.Kyc.Simulators;
using Compliance.Api.Kyc;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;

namespace Compliance.Api.Tests.Kyc;

/// <summary>Callbacks arrive late, twice and out of order: the status ends right, with one audit event per change.</summary>
public sealed class KycCallbackOrderingTests(KycFixture fixture) : IClassFixture<KycFixture>
{
    public static TheoryData<string> Providers => ["sumsub", "onfido", "stripe", "veriff", "persona"];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Callback_DeliveredTwice_AppliedOnce(string provider)
    {
        using var kyc = await KycClient.CreateAsync(fixture.Factory);
        var (customer, providerRef) = await StartAsync(kyc, provider);
        var callback = fixture.Simulators[provider].Decide(providerRef, SimulatedOutcome.Approved, TimeProvider.System.GetUtcNow());
        var body = await callback.Content!.ReadAsByteArrayAsync();

        var first = await kyc.SendAsync(callback);
        var second = await kyc.SendAsync(Copy(callback, body));
        await kyc.DrainAsync();

        (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("duplicate").GetBoolean().Should().BeFalse();
        second.StatusCode.Should().Be(HttpStatusCode.OK);
        (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("duplicate").GetBoolean().Should().BeTrue();
        (await kyc.StatusAsync(customer)).Should().Be("approved");
        (await kyc.AuditCountAsync(customer, "customer.kyc.status_changed")).Should().Be(1);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Callback_OlderAfterNewer_DoesNotMoveStatusBack(string provider)
    {
        using var kyc = await KycClient.CreateAsync(fixture.Factory);
        var (customer, providerRef) = await StartAsync(kyc, provider);
        var simulator = fixture.Simulators[provider];
        var now = TimeProvider.System.GetUtcNow();
        var older = simulator.Decide(providerRef, SimulatedOutcome.Pending, now.AddMinutes(-10));
        var newer = simulator.Decide(providerRef, SimulatedOutcome.Approved, now.AddMinutes(-1));

        (await kyc.SendAsync(newer)).StatusCode.Should().Be(HttpStatusCode.OK);
        await kyc.DrainAsync();
        (await kyc.SendAsync(older)).StatusCode.Should().Be(HttpStatusCode.OK);
        await kyc.DrainAsync();

        (await kyc.StatusAsync(customer)).Should().Be("approved");
        (await kyc.AuditCountAsync(customer, "customer.kyc.status_changed")).Should().Be(1);
        var inbox = await Inbox(kyc, provider);
        // Ignored as older, or (Veriff's started/submitted events carry no time) settled by reading the provider.
        inbox.Should().Contain(e => e.GetProperty("providerRef").GetString() == providerRef && e.GetProperty("state").GetString() == "ignored");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Callback_ApprovedThenRejected_ReversalApplied(string provider)
    {
        using var kyc = await KycClient.CreateAsync(fixture.Factory);
        var (customer, providerRef) = await StartAsync(kyc, provider);
        var simulator = fixture.Simulators[provider];
        var now = TimeProvider.System.GetUtcNow();

        (await kyc.SendAsync(simulator.Decide(providerRef, SimulatedOutcome.Approved, now.AddMinutes(-5)))).EnsureSuccessStatusCode();
        await kyc.DrainAsync();
        (await kyc.StatusAsync(customer)).Should().Be("approved");
        (await kyc.SendAsync(simulator.Decide(providerRef, SimulatedOutcome.Rejected, now.AddMinutes(-1)))).EnsureSuccessStatusCode();
        await kyc.DrainAsync();

        (await kyc.StatusAsync(customer)).Should().Be("rejected");
        (await kyc.AuditCountAsync(customer, "customer.kyc.status_changed")).Should().Be(2);
        var history = (await kyc.GetAsync(customer)).GetProperty("history").EnumerateArray().ToList();
        history.Select(h => h.GetProperty("to").GetString()).Should().Equal("rejected", "approved", "pending");
    }

    [Fact]
    public async Task Callbacks_ShuffledSequence_EndOnTheNewest()
    {
        using var kyc = await KycClient.CreateAsync(fixture.Factory);
        var (customer, providerRef) = await StartAsync(kyc, "sumsub");
        var simulator = fixture.Simulators["sumsub"];
        var start = TimeProvider.System.GetUtcNow().AddMinutes(-30);
        var sequence = new[] { SimulatedOutcome.Pending, SimulatedOutcome.NeedsReview, SimulatedOutcome.Approved, SimulatedOutcome.Rejected }
            .Select((outcome, i) => simulator.Decide(providerRef, outcome, start.AddMinutes(i)))
            .ToList();

        foreach (var index in new[] { 2, 0, 3, 1 })
        {
            (await kyc.SendAsync(sequence[index])).EnsureSuccessStatusCode();
            await kyc.DrainAsync();
        }

        (await kyc.StatusAsync(customer)).Should().Be("rejected");
        // approved (from pending at start), then rejected; the older pending and needs_review were ignored.
        (await kyc.AuditCountAsync(customer, "customer.kyc.status_changed")).Should().Be(2);
    }

    [Fact]
    public async Task Callbacks_SameProviderTimeDifferentStatus_ProviderReadDecides()
    {
        using var kyc = await KycClient.CreateAsync(fixture.Factory);
        var (customer, providerRef) = await StartAsync(kyc, "sumsub");
        var simulator = fixture.Simulators["sumsub"];
        var at = TimeProvider.System.GetUtcNow().AddMinutes(-2);
        var approved = simulator.Decide(providerRef, SimulatedOutcome.Approved, at);
        var rejected = simulator.Decide(providerRef, SimulatedOutcome.Rejected, at); // the provider's current state

        (await kyc.SendAsync(approved)).EnsureSuccessStatusCode();
        await kyc.DrainAsync();
        (await kyc.SendAsync(rejected)).EnsureSuccessStatusCode();
        await kyc.DrainAsync();

        // Equal times cannot order the two; the provider's own answer does.
        (await kyc.StatusAsync(customer)).Should().Be("rejected");
        simulator.Requests.Should().Contain(r => r.Method == "GET" && r.PathAndQuery.Contains(providerRef, StringComparison.Ordinal));
        (await kyc.AuditCountAsync(customer, "customer.kyc.status_changed")).Should().Be(2);
    }

    [Fact]
    public async Task Callback_UnknownApplicant_AcknowledgedRecordedNotApplied()
    {
        using var kyc = await KycClient.CreateAsync(fixture.Factory);
        var (customer, _) = await StartAsync(kyc, "stripe");

        // A session created at the provider by someone else (another system on the same account).
        var simulator = (StripeSimulator)fixture.Simulators["stripe"];
        using var elsewhere = new HttpClient { BaseAddress = simulator.BaseUrl };
        elsewhere.DefaultRequestHeaders.Authorization = new("Bearer", simulator.SecretKey);
        var created = await elsewhere.PostAsync("v1/identity/verification_sessions", new FormUrlEncodedContent([new("type", "document")]));
        created.EnsureSuccessStatusCode();
        var unknownRef = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        var response = await kyc.SendAsync(fixture.Simulators["stripe"].Decide(unknownRef, SimulatedOutcome.Approved, TimeProvider.System.GetUtcNow()));
        await kyc.DrainAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await kyc.StatusAsync(customer)).Should().Be("pending");
        var unmatched = await Inbox(kyc, "stripe", "unmatched");
        unmatched.Should().Contain(e => e.GetProperty("providerRef").GetString() == unknownRef);
    }

    [Fact]
    public async Task Reconciliation_MissedCallback_ReadsTheProvider()
    {
        using var kyc = await KycClient.CreateAsync(fixture.Factory);
        var (customer, providerRef) = await StartAsync(kyc, "sumsub");
        fixture.Simulators["sumsub"].Decide(providerRef, SimulatedOutcome.Approved, TimeProvider.System.GetUtcNow()).Dispose(); // the callback is lost

        (await kyc.StatusAsync(customer)).Should().Be("pending");
        var reconciler = fixture.Factory.Services.GetRequiredService<KycReconciler>();
        var result = await reconciler.RunOnceAsync(CancellationToken.None);

        result.Changed.Should().BeGreaterThanOrEqualTo(1);
        (await kyc.StatusAsync(customer)).Should().Be("approved");
        var history = (await kyc.GetAsync(customer)).GetProperty("history").EnumerateArray().First();
        history.GetProperty("source").GetString().Should().Be("reconciliation");
        (await kyc.AuditCountAsync(customer, "customer.kyc.status_changed")).Should().Be(1);
    }

    private static async Task<(string Customer, string ProviderRef)> StartAsync(KycClient kyc, string provider)
    {
        var customer = await kyc.CustomerAsync();
        var started = await kyc.StartAsync(customer, provider);
        return (customer, started.GetProperty("providerRef").GetString()!);
    }

    private async Task<List<JsonElement>> Inbox(KycClient kyc, string provider, string? state = null)
    {
        using var auditor = await fixture.Factory.CreateClientWithRolesAsync("audit:read");
        var rows = await auditor.GetFromJsonAsync<List<JsonElement>>("/v1/kyc/inbox?limit=1000" + (state is null ? "" : "&state=" + state));
        return rows!.Where(r => r.GetProperty("provider").GetString() == provider).ToList();
    }

    private static HttpRequestMessage Copy(HttpRequestMessage original, byte[] body)
    {
        var copy = new HttpRequestMessage(original.Method, original.RequestUri) { Content = new ByteArrayContent(body) };
        foreach (var header in original.Headers)
        {
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        foreach (var header in original.Content!.Headers)
        {
            copy.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        return copy;
    }
}
