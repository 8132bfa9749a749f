using System.Net;
using System.Security.Cryptography;
using System.Text;
using Compliance.Api.Tests.Infrastructure;
using Compliance.Api.Tests.Kyc.Simulators;
using Dapper;
using FluentAssertions;
using Npgsql;

namespace Compliance.Api.Tests.Kyc;

/// <summary>
/// Callback signatures through the HTTP surface, for every provider: valid, tampered, wrong secret,
/// rotated secret, missing header, stale timestamp, unknown provider; refusals are 401 with a
/// security audit event and change nothing.
/// </summary>
public sealed class KycCallbackSignatureTests(KycFixture fixture) : IClassFixture<KycFixture>
{
    private static readonly Dictionary<string, string> SignatureHeaders = new()
    {
        ["onfido"] = "X-SHA2-Signature",
        ["sumsub"] = "X-Payload-Digest",
        ["stripe"] = "Stripe-Signature",
        ["veriff"] = "X-HMAC-SIGNATURE",
        ["persona"] = "Persona-Signature",
        ["complyadvantage"] = "webhook-signature",
    };

    public static TheoryData<string> Providers => ["onfido", "sumsub", "stripe", "veriff", "persona", "complyadvantage"];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Callback_TamperedBody_Unauthorized(string provider)
    {
        var (kyc, providerRef) = await StartAsync(provider);
        using var _ = kyc;
        var callback = Decide(provider, providerRef);
        var body = await callback.Content!.ReadAsByteArrayAsync();
        var index = Array.IndexOf(body, (byte)'"');
        body[index + 1] ^= 0x01;
        callback.Content = WithHeaders(new ByteArrayContent(body), callback.Content);

        await ExpectRefusedAsync(kyc, callback, providerRef);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Callback_WrongSecret_Unauthorized(string provider)
    {
        var (kyc, providerRef) = await StartAsync(provider);
        using var _ = kyc;
        await ExpectRefusedAsync(kyc, Decide(provider, providerRef, secret: WrongSecret(provider)), providerRef);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Callback_MissingSignatureHeader_Unauthorized(string provider)
    {
        var (kyc, providerRef) = await StartAsync(provider);
        using var _ = kyc;
        var callback = Decide(provider, providerRef);
        callback.Headers.Remove(SignatureHeaders[provider]);
        callback.Content!.Headers.Remove(SignatureHeaders[provider]);

        await ExpectRefusedAsync(kyc, callback, providerRef);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Callback_SignedWithPreviousSecret_Accepted(string provider)
    {
        var (kyc, providerRef) = await StartAsync(provider);
        using var _ = kyc;
        var response = await kyc.SendAsync(Decide(provider, providerRef, secret: fixture.PreviousSecrets[provider]));

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("stripe")]
    [InlineData("persona")]
    [InlineData("complyadvantage")]
    public async Task Callback_StaleSignedTimestamp_Unauthorized(string provider)
    {
        var (kyc, providerRef) = await StartAsync(provider);
        using var _ = kyc;
        var body = await Decide(provider, providerRef).Content!.ReadAsByteArrayAsync();
        var stale = TimeProvider.System.GetUtcNow().AddSeconds(-301).ToUnixTimeSeconds();
        var secret = fixture.Simulators[provider].WebhookSecret;
        var callback = new HttpRequestMessage(HttpMethod.Post, $"/v1/kyc/callbacks/{provider}") { Content = new ByteArrayContent(body) };
        switch (provider)
        {
            case "stripe":
                callback.Headers.TryAddWithoutValidation("Stripe-Signature", $"t={stale},v1={HexHmac(secret, $"{stale}.", body)}");
                break;
            case "persona":
                callback.Headers.TryAddWithoutValidation("Persona-Signature", $"t={stale},v1={HexHmac(secret, $"{stale}.", body)}");
                break;
            default:
                var id = "msg_" + Guid.NewGuid().ToString("N");
                var key = Convert.FromBase64String(secret.StartsWith("whsec_", StringComparison.Ordinal) ? secret[6..] : secret);
                var mac = HMACSHA256.HashData(key, (byte[])[.. Encoding.UTF8.GetBytes($"{id}.{stale}."), .. body]);
                callback.Headers.TryAddWithoutValidation("webhook-id", id);
                callback.Headers.TryAddWithoutValidation("webhook-timestamp", stale.ToString(System.Globalization.CultureInfo.InvariantCulture));
                callback.Headers.TryAddWithoutValidation("webhook-signature", "v1," + Convert.ToBase64String(mac));
                break;
        }

        await ExpectRefusedAsync(kyc, callback, providerRef);
    }

    [Fact]
    public async Task Callback_UnknownProvider_NotFound()
    {
        using var kyc = await KycClient.CreateAsync(fixture.Factory);
        var response = await kyc.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/v1/kyc/callbacks/acme") { Content = new StringContent("{}") });

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Callback_ValidSignatureMalformedJson_BadRequest()
    {
        using var kyc = await KycClient.CreateAsync(fixture.Factory);
        var body = Encoding.UTF8.GetBytes("{\"payload\": {\"resource_type\": ");
        var callback = new HttpRequestMessage(HttpMethod.Post, "/v1/kyc/callbacks/onfido") { Content = new ByteArrayContent(body) };
        callback.Headers.TryAddWithoutValidation("X-SHA2-Signature", HexHmac(fixture.Simulators["onfido"].WebhookSecret, "", body));

        var response = await kyc.SendAsync(callback);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Malformed JSON");
    }

    [Fact]
    public async Task Callback_OverOneMegabyte_PayloadTooLarge()
    {
        using var kyc = await KycClient.CreateAsync(fixture.Factory);
        var body = new byte[1024 * 1024 + 1];
        body.AsSpan().Fill((byte)' ');
        var callback = new HttpRequestMessage(HttpMethod.Post, "/v1/kyc/callbacks/onfido") { Content = new ByteArrayContent(body) };
        callback.Headers.TryAddWithoutValidation("X-SHA2-Signature", HexHmac(fixture.Simulators["onfido"].WebhookSecret, "", body));

        var response = await kyc.SendAsync(callback);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Callback_ProviderWithoutSecrets_Unauthorized()
    {
        await using var factory = new ApiFactory();
        await factory.InitializeAsync();
        using var client = factory.CreateClient();
        var body = Encoding.UTF8.GetBytes("{\"status\":\"success\"}");
        var callback = new HttpRequestMessage(HttpMethod.Post, "/v1/kyc/callbacks/veriff") { Content = new ByteArrayContent(body) };
        callback.Headers.TryAddWithoutValidation("X-HMAC-SIGNATURE", HexHmac("any", "", body));

        var response = await client.SendAsync(callback);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        await ((IAsyncLifetime)factory).DisposeAsync();
    }

    private async Task ExpectRefusedAsync(KycClient kyc, HttpRequestMessage callback, string providerRef)
    {
        var rejectionsBefore = await RejectionCountAsync();

        var response = await kyc.SendAsync(callback);
        await kyc.DrainAsync();

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await RejectionCountAsync()).Should().Be(rejectionsBefore + 1, "every refused callback is a security audit event");
        await using var connection = new NpgsqlConnection(fixture.Factory.ConnectionString);
        (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM kyc_inbox WHERE provider_ref = @Ref", new { Ref = providerRef }))
            .Should().Be(0, "nothing from a refused callback is stored or applied");
    }

    private async Task<long> RejectionCountAsync()
    {
        await using var connection = new NpgsqlConnection(fixture.Factory.ConnectionString);
        return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'kyc.callback.rejected' AND outcome = 'denied'");
    }

    private async Task<(KycClient Client, string ProviderRef)> StartAsync(string provider)
    {
        var kyc = await KycClient.CreateAsync(fixture.Factory);
        var customer = await kyc.CustomerAsync();
        var started = await kyc.StartAsync(customer, provider);
        return (kyc, started.GetProperty("providerRef").GetString()!);
    }

    private HttpRequestMessage Decide(string provider, string providerRef, string? secret = null) =>
        fixture.Simulators[provider].Decide(providerRef, SimulatedOutcome.Approved, TimeProvider.System.GetUtcNow(), secret);

    // Standard Webhooks secrets are base64 keys; the others are plain strings.
    private static string WrongSecret(string provider) =>
        provider == "complyadvantage" ? "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) : "wrong_" + Guid.NewGuid().ToString("N");

    private static string HexHmac(string secret, string prefix, byte[] body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), (byte[])[.. Encoding.UTF8.GetBytes(prefix), .. body]));

    private static ByteArrayContent WithHeaders(ByteArrayContent content, HttpContent original)
    {
        foreach (var header in original.Headers)
        {
            content.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        return content;
    }
}
