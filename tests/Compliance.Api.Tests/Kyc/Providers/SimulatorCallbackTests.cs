using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Compliance.Api.Tests.Kyc.Simulators;

namespace Compliance.Api.Tests.Kyc.Providers;

/// <summary>
/// What the end-to-end tests rely on from <see cref="ProviderSimulator.Decide"/>: the callback's address,
/// a signature made by the documented algorithm, a new event per call, and byte-identical clones.
/// </summary>
public sealed class SimulatorCallbackTests
{
    public static TheoryData<string> Providers => ["sumsub", "onfido", "stripe", "veriff", "persona", "complyadvantage"];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Decide_TwoDecisions_TwoSignedEventsAndCloneIsIdentical(string provider)
    {
        await using var simulator = await StartAsync(provider);
        using var harness = new ClientHarness(simulator);
        var session = await harness.Client.StartAsync(ClientHarness.NewVerification(), default);
        var at = TimeProvider.System.GetUtcNow();

        using var first = simulator.Decide(session.ProviderRef, SimulatedOutcome.Rejected, at);
        using var second = simulator.Decide(session.ProviderRef, SimulatedOutcome.Approved, at.AddSeconds(1));
        using var copy = ProviderSimulator.Clone(first);

        first.Method.Should().Be(HttpMethod.Post);
        first.RequestUri!.ToString().Should().Be($"/v1/kyc/callbacks/{provider}");
        first.Content!.Headers.ContentType!.MediaType.Should().Be("application/json");
        var body = await first.Content.ReadAsByteArrayAsync();
        Verify(provider, first, body, simulator.WebhookSecret).Should().BeTrue();
        Verify(provider, first, body, "another-secret").Should().BeFalse();
        EventId(provider, first, body).Should().NotBe(EventId(provider, second, await second.Content!.ReadAsByteArrayAsync()));
        (await copy.Content!.ReadAsByteArrayAsync()).Should().Equal(body);
        copy.Headers.Select(h => $"{h.Key}={string.Join(',', h.Value)}").Should().BeEquivalentTo(first.Headers.Select(h => $"{h.Key}={string.Join(',', h.Value)}"));
    }

    [Fact]
    public async Task Decide_SecretOverride_SignsWithThatSecret()
    {
        await using var simulator = await StripeSimulator.StartAsync();
        using var harness = new ClientHarness(simulator);
        var session = await harness.Client.StartAsync(ClientHarness.NewVerification(), default);

        using var callback = simulator.Decide(session.ProviderRef, SimulatedOutcome.Approved, TimeProvider.System.GetUtcNow(), "whsec_rotated");
        var body = await callback.Content!.ReadAsByteArrayAsync();

        Verify("stripe", callback, body, "whsec_rotated").Should().BeTrue();
        Verify("stripe", callback, body, simulator.WebhookSecret).Should().BeFalse();
    }

    private static async Task<ProviderSimulator> StartAsync(string provider) => provider switch
    {
        "sumsub" => await SumsubSimulator.StartAsync(),
        "onfido" => await OnfidoSimulator.StartAsync(),
        "stripe" => await StripeSimulator.StartAsync(),
        "veriff" => await VeriffSimulator.StartAsync(),
        "persona" => await PersonaSimulator.StartAsync(),
        _ => await ComplyAdvantageSimulator.StartAsync(),
    };

    /// <summary>The spec's §0 algorithms, written out again so a slip in the simulator shows here.</summary>
    private static bool Verify(string provider, HttpRequestMessage request, byte[] body, string secret)
    {
        string Header(string name) => request.Headers.GetValues(name).Single();
        string Hex(byte[] message) => Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message));
        byte[] Prefixed(string prefix) => [.. Encoding.UTF8.GetBytes(prefix), .. body];
        switch (provider)
        {
            case "sumsub":
                return Header("X-Payload-Digest-Alg") == "HMAC_SHA256_HEX" && Header("X-Payload-Digest") == Hex(body);
            case "onfido":
                return Header("X-SHA2-Signature") == Hex(body);
            case "veriff":
                return Header("X-HMAC-SIGNATURE") == Hex(body);
            case "stripe":
            case "persona":
                var parts = Header(provider == "stripe" ? "Stripe-Signature" : "Persona-Signature").Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
                return parts["v1"] == Hex(Prefixed(parts["t"] + "."));
            default:
                var key = secret.StartsWith("whsec_", StringComparison.Ordinal) ? TryBase64(secret["whsec_".Length..]) : null;
                var signed = Prefixed($"{Header("webhook-id")}.{Header("webhook-timestamp")}.");
                return key is not null && Header("webhook-signature") == "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, signed));
        }
    }

    private static byte[]? TryBase64(string text)
    {
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out var written) ? buffer[..written] : null;
    }

    /// <summary>The event identity the spec's §9.5 gives for each provider.</summary>
    private static string EventId(string provider, HttpRequestMessage request, byte[] body)
    {
        var json = JsonDocument.Parse(body).RootElement;
        return provider switch
        {
            "sumsub" => json.GetProperty("correlationId").GetString()!,
            "onfido" => json.GetProperty("payload").GetProperty("object").GetProperty("completed_at_iso8601").GetString()!,
            "veriff" => json.GetProperty("verification").GetProperty("attemptId").GetString()!,
            "stripe" => json.GetProperty("id").GetString()!,
            "persona" => json.GetProperty("data").GetProperty("id").GetString()!,
            _ => request.Headers.GetValues("webhook-id").Single(),
        };
    }
}
