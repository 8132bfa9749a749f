using Compliance.Api.Kyc.Callbacks;
using Compliance.Api.Kyc.Callbacks.Verifiers;
using Microsoft.AspNetCore.Http;

namespace Compliance.Api.Tests.Kyc.Callbacks.Verifiers;

public sealed class SumsubWebhookVerifierTests : WebhookVerifierContractTests
{
    private const string WebhookSecret = "sumsub-webhook-secret";
    private const string ReviewedBody = """{"applicantId":"5cb56e8e0a975a35f333cb83","type":"applicantReviewed","reviewResult":{"reviewAnswer":"GREEN"}}""";

    internal override IWebhookVerifier Verifier { get; } = new SumsubWebhookVerifier();

    protected override IReadOnlyList<string> SignedHeaders => [SumsubWebhookVerifier.DigestHeader, SumsubWebhookVerifier.AlgorithmHeader];

    protected override IReadOnlyList<string> RequiredHeaders => [SumsubWebhookVerifier.DigestHeader];

    protected override string Secret => WebhookSecret;

    protected override string OtherSecret => "another-sumsub-secret";

    protected override HeaderDictionary Sign(string secret, byte[] body, long timestamp) =>
        Headers(TestSigning.HexSha256(secret, body), "HMAC_SHA256_HEX");

    // printf '%s' "$ReviewedBody" | openssl dgst -sha1 -hmac 'sumsub-webhook-secret'     (and -sha256, -sha512)
    [Theory]
    [InlineData("HMAC_SHA1_HEX", "d8143784b616f7e464621ee7cf87b9a8abec5c49")]
    [InlineData("HMAC_SHA256_HEX", "9c1559ded7d5c33103c9e7298fcc86de338abd802c05ec1166e6c14812b435d2")]
    [InlineData("HMAC_SHA512_HEX", "510c3db326d53b07fbca8e4de650045795f48c427451446cf2d092fd3e064c7a2609ec53a0af69876911251edd1d88a034249c14bd0c081954dc35b357180204")]
    public void Verify_EachAllowedAlgorithm_IsValid(string algorithm, string digest) =>
        Verify(Headers(digest, algorithm), TestSigning.Utf8(ReviewedBody), WebhookSecret).IsValid.Should().BeTrue();

    [Fact]
    public void Verify_Sha256DigestLabelledSha512_IsBadSignature() =>
        Verify(Headers("9c1559ded7d5c33103c9e7298fcc86de338abd802c05ec1166e6c14812b435d2", "HMAC_SHA512_HEX"), TestSigning.Utf8(ReviewedBody), WebhookSecret)
            .Failure.Should().Be(WebhookFailure.BadSignature);

    // printf '%s' "$ReviewedBody" | openssl dgst -md5 -hmac 'sumsub-webhook-secret': a correct MD5 digest is still refused.
    [Theory]
    [InlineData("HMAC_MD5_HEX")]
    [InlineData("MD5")]
    [InlineData("hmac_sha256_hex")]
    [InlineData("HMAC_SHA256")]
    [InlineData("")]
    public void Verify_UnknownAlgorithm_IsMalformed(string algorithm) =>
        Verify(Headers("f06f021602a9af72c9a684160d7204a0", algorithm), TestSigning.Utf8(ReviewedBody), WebhookSecret)
            .Failure.Should().Be(WebhookFailure.MalformedSignature);

    [Fact]
    public void Verify_MissingAlgorithmHeader_IsMalformed() =>
        Verify(new HeaderDictionary { [SumsubWebhookVerifier.DigestHeader] = "9c1559ded7d5c33103c9e7298fcc86de338abd802c05ec1166e6c14812b435d2" }, TestSigning.Utf8(ReviewedBody), WebhookSecret)
            .Failure.Should().Be(WebhookFailure.MalformedSignature);

    [Fact]
    public void Verify_LegacyXSignatureOnly_IsMissingSignature() =>
        Verify(new HeaderDictionary { ["X-Signature"] = "9c1559ded7d5c33103c9e7298fcc86de338abd802c05ec1166e6c14812b435d2" }, TestSigning.Utf8(ReviewedBody), WebhookSecret)
            .Failure.Should().Be(WebhookFailure.MissingSignature);

    private static HeaderDictionary Headers(string digest, string algorithm) => new()
    {
        [SumsubWebhookVerifier.DigestHeader] = digest,
        [SumsubWebhookVerifier.AlgorithmHeader] = algorithm,
    };
}
