using Compliance.Api.Kyc.Callbacks;
using Compliance.Api.Kyc.Callbacks.Verifiers;
using Microsoft.AspNetCore.Http;

namespace Compliance.Api.Tests.Kyc.Callbacks.Verifiers;

public sealed class OnfidoWebhookVerifierTests : WebhookVerifierContractTests
{
    // Spec §8 V1, from onfido/onfido-node test/classic-webhook-event-verifier.test.ts (210 bytes).
    private const string SdkToken = "_ABC123abc123ABC123abc123ABC123_";
    private const string SdkBody = """{"payload":{"resource_type":"check","action":"check.completed","object":{"id":"check-123","status":"complete","completed_at_iso8601":"2020-01-01T00:00:00Z","href":"https://api.onfido.com/v3/checks/check-123"}}}""";

    // printf '%s' "$SdkBody" | openssl dgst -sha256 -hmac '_ABC123abc123ABC123abc123ABC123_'
    private const string SdkSignature = "a0082d7481f9f0a2907583dbe1f344d6d4c0d9989df2fd804f98479f60cd760e";

    internal override IWebhookVerifier Verifier { get; } = new OnfidoWebhookVerifier();

    protected override IReadOnlyList<string> SignedHeaders => [OnfidoWebhookVerifier.SignatureHeader];

    protected override string Secret => SdkToken;

    protected override string OtherSecret => "another-onfido-webhook-token";

    protected override HeaderDictionary Sign(string secret, byte[] body, long timestamp) =>
        new() { [OnfidoWebhookVerifier.SignatureHeader] = TestSigning.HexSha256(secret, body) };

    [Fact]
    public void Verify_SdkVector_IsValid() =>
        Verify(Headers(SdkSignature), TestSigning.Utf8(SdkBody), SdkToken).IsValid.Should().BeTrue();

    [Fact]
    public void Verify_SdkVectorUpperCaseHex_IsValid() =>
        Verify(Headers(SdkSignature.ToUpperInvariant()), TestSigning.Utf8(SdkBody), SdkToken).IsValid.Should().BeTrue();

    [Fact]
    public void Verify_SdkNegativeVector_IsBadSignature() =>
        Verify(Headers("b" + SdkSignature[1..]), TestSigning.Utf8(SdkBody), SdkToken).Failure.Should().Be(WebhookFailure.BadSignature);

    [Fact]
    public void Verify_TruncatedHex_IsBadSignature() =>
        Verify(Headers(SdkSignature[..32]), TestSigning.Utf8(SdkBody), SdkToken).Failure.Should().Be(WebhookFailure.BadSignature);

    [Theory]
    [InlineData("a0082d7481f9f0a2907583dbe1f344d6d4c0d9989df2fd804f98479f60cd760")]
    [InlineData("g0082d7481f9f0a2907583dbe1f344d6d4c0d9989df2fd804f98479f60cd760e")]
    [InlineData("sha256=a0082d7481f9f0a2907583dbe1f344d6d4c0d9989df2fd804f98479f60cd760e")]
    public void Verify_NotHex_IsMalformed(string signature) =>
        Verify(Headers(signature), TestSigning.Utf8(SdkBody), SdkToken).Failure.Should().Be(WebhookFailure.MalformedSignature);

    private static HeaderDictionary Headers(string signature) => new() { [OnfidoWebhookVerifier.SignatureHeader] = signature };
}
