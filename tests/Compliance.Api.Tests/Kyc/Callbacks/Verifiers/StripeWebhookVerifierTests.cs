using Compliance.Api.Kyc.Callbacks;
using Compliance.Api.Kyc.Callbacks.Verifiers;
using Microsoft.AspNetCore.Http;

namespace Compliance.Api.Tests.Kyc.Callbacks.Verifiers;

public sealed class StripeWebhookVerifierTests : TimestampedWebhookVerifierContractTests
{
    // stripe-dotnet src/StripeTests/Resources/event_test_signature.json, byte for byte (LF line ends, final LF, 484 bytes),
    // as used by StripeTests/Services/Events/EventUtilityTest.cs with secret "webhook_secret" and t=1533204620.
    private const string SdkFixture =
        "{\n  \"id\": \"evt_123\",\n  \"object\": \"event\",\n  \"account\": \"acct_123\",\n  \"api_version\": \"2017-05-25\",\n" +
        "  \"created\": 1533204620,\n  \"data\": {\n    \"object\": {\n      \"id\": \"cus_123\",\n      \"object\": \"customer\",\n" +
        "      \"created\": 123456789,\n      \"email\": \"test@stripe.com\",\n      \"livemode\": false,\n      \"metadata\": {}\n    }\n  },\n" +
        "  \"livemode\": false,\n  \"pending_webhooks\": 1,\n  \"request\": {\n    \"id\": \"req_123\",\n" +
        "    \"idempotency_key\": \"idempotency-key-123\"\n  },\n  \"type\": \"customer.created\"\n}\n";

    // (printf '1533204620.'; cat event_test_signature.json) | openssl dgst -sha256 -hmac webhook_secret
    private const string SdkSignature = "2220f87ef101a04665f11cdf770523143f875572008577fa0f20882ddb9cc3c7";

    private const string OwnSecret = "whsec_test_secret";
    private const string OwnBody = """{"id":"evt_1Nq","type":"identity.verification_session.verified"}""";

    // printf '%s' '1700000000.{"id":"evt_1Nq","type":"identity.verification_session.verified"}' | openssl dgst -sha256 -hmac 'whsec_test_secret'
    private const string OwnSignature = "9ae8e8de089ce3f7147cf4224bcfe361d2770e2986fa5a184a706ea33cd9acf4";

    internal override IWebhookVerifier Verifier { get; } = new StripeWebhookVerifier();

    protected override IReadOnlyList<string> SignedHeaders => [StripeWebhookVerifier.SignatureHeader];

    protected override string Secret => OwnSecret;

    protected override string OtherSecret => "whsec_other_secret";

    protected override HeaderDictionary Sign(string secret, byte[] body, long timestamp) =>
        Headers($"t={timestamp},v1={TestSigning.HexSha256(secret, $"{timestamp}.", body)}");

    [Fact]
    public void Verify_StripeDotnetVector_IsValid() =>
        Verifier.Verify(Headers($"t=1533204620,v1={SdkSignature}"), TestSigning.Utf8(SdkFixture), ["webhook_secret"],
            DateTimeOffset.FromUnixTimeSeconds(1533204620), Tolerance).IsValid.Should().BeTrue();

    [Fact]
    public void Verify_StripeDotnetVectorWithoutFinalNewline_IsBadSignature() =>
        Verifier.Verify(Headers($"t=1533204620,v1={SdkSignature}"), TestSigning.Utf8(SdkFixture.TrimEnd('\n')), ["webhook_secret"],
            DateTimeOffset.FromUnixTimeSeconds(1533204620), Tolerance).Failure.Should().Be(WebhookFailure.BadSignature);

    [Fact]
    public void Verify_OpensslVector_IsValid() =>
        Verify(Headers($"t=1700000000,v1={OwnSignature}"), TestSigning.Utf8(OwnBody), OwnSecret).IsValid.Should().BeTrue();

    [Fact]
    public void Verify_ValidSignatureSecondOfTwoV1_IsValid() =>
        Verify(Headers($"t=1700000000,v1={new string('0', 64)},v1={OwnSignature}"), TestSigning.Utf8(OwnBody), OwnSecret).IsValid.Should().BeTrue();

    [Fact]
    public void Verify_SpacesAroundItems_IsValid() =>
        Verify(Headers($" t=1700000000, v1={OwnSignature} "), TestSigning.Utf8(OwnBody), OwnSecret).IsValid.Should().BeTrue();

    [Fact]
    public void Verify_ValidSignatureOnlyInV0_IsMalformed() =>
        Verify(Headers($"t=1700000000,v0={OwnSignature}"), TestSigning.Utf8(OwnBody), OwnSecret).Failure.Should().Be(WebhookFailure.MalformedSignature);

    [Fact]
    public void Verify_ValidSignatureInV0WithWrongV1_IsBadSignature() =>
        Verify(Headers($"t=1700000000,v1={new string('a', 64)},v0={OwnSignature}"), TestSigning.Utf8(OwnBody), OwnSecret)
            .Failure.Should().Be(WebhookFailure.BadSignature);

    [Fact]
    public void Verify_SignatureForOtherTimestamp_IsBadSignature() =>
        Verify(Headers($"t=1700000001,v1={OwnSignature}"), TestSigning.Utf8(OwnBody), OwnSecret).Failure.Should().Be(WebhookFailure.BadSignature);

    [Theory]
    [InlineData("v1=9ae8e8de089ce3f7147cf4224bcfe361d2770e2986fa5a184a706ea33cd9acf4")]
    [InlineData("t=1700000000")]
    [InlineData("t=abc,v1=9ae8e8de089ce3f7147cf4224bcfe361d2770e2986fa5a184a706ea33cd9acf4")]
    [InlineData("t=1700000000,v1=not-hex")]
    [InlineData("1700000000,9ae8e8de089ce3f7147cf4224bcfe361d2770e2986fa5a184a706ea33cd9acf4")]
    public void Verify_MalformedHeader_IsMalformed(string header) =>
        Verify(Headers(header), TestSigning.Utf8(OwnBody), OwnSecret).Failure.Should().Be(WebhookFailure.MalformedSignature);

    private static HeaderDictionary Headers(string value) => new() { [StripeWebhookVerifier.SignatureHeader] = value };
}
