using Compliance.Api.Kyc.Callbacks;
using Compliance.Api.Kyc.Callbacks.Verifiers;
using Microsoft.AspNetCore.Http;

namespace Compliance.Api.Tests.Kyc.Callbacks.Verifiers;

public sealed class ComplyAdvantageWebhookVerifierTests : TimestampedWebhookVerifierContractTests
{
    // Spec §8: the Standard Webhooks reference vector.
    private const string ReferenceSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string ReferenceId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const string ReferenceBody = """{"test": 2432232314}""";
    private const string ReferenceSignature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    // The key is base64('complyadvantage-mesh-secret-32by'); the vector is
    // printf '%s' 'msg_mesh1.1700000000.{"webhook_type":"CASE_CREATED"}' \
    //   | openssl dgst -sha256 -mac HMAC -macopt hexkey:$(printf '%s' 'complyadvantage-mesh-secret-32by' | xxd -p -c 100) -binary | base64
    private const string OwnSecret = "whsec_Y29tcGx5YWR2YW50YWdlLW1lc2gtc2VjcmV0LTMyYnk=";
    private const string OwnBody = """{"webhook_type":"CASE_CREATED"}""";
    private const string OwnSignature = "v1,JKGnVAkX6eodLNUsPcGaM1aMRetxRaBAC5qqMmti78s=";

    internal override IWebhookVerifier Verifier { get; } = new ComplyAdvantageWebhookVerifier();

    protected override IReadOnlyList<string> SignedHeaders =>
        [ComplyAdvantageWebhookVerifier.SignatureHeader, ComplyAdvantageWebhookVerifier.IdHeader, ComplyAdvantageWebhookVerifier.TimestampHeader];

    protected override string Secret => OwnSecret;

    protected override string OtherSecret => ReferenceSecret;

    protected override HeaderDictionary Sign(string secret, byte[] body, long timestamp) =>
        Headers("msg_contract", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "v1," + TestSigning.Base64Sha256(Convert.FromBase64String(secret["whsec_".Length..]), $"msg_contract.{timestamp}.", body));

    [Fact]
    public void Verify_ReferenceVector_IsValid() =>
        Verifier.Verify(Headers(ReferenceId, "1614265330", ReferenceSignature), TestSigning.Utf8(ReferenceBody), [ReferenceSecret],
            DateTimeOffset.FromUnixTimeSeconds(1614265330), Tolerance).IsValid.Should().BeTrue();

    [Fact]
    public void Verify_ReferenceVectorSecretWithoutPrefix_IsValid() =>
        Verifier.Verify(Headers(ReferenceId, "1614265330", ReferenceSignature), TestSigning.Utf8(ReferenceBody), [ReferenceSecret["whsec_".Length..]],
            DateTimeOffset.FromUnixTimeSeconds(1614265330), Tolerance).IsValid.Should().BeTrue();

    [Fact]
    public void Verify_OpensslVector_IsValid() =>
        Verify(Headers("msg_mesh1", "1700000000", OwnSignature), TestSigning.Utf8(OwnBody), OwnSecret).IsValid.Should().BeTrue();

    [Fact]
    public void Verify_OtherMessageId_IsBadSignature() =>
        Verify(Headers("msg_mesh2", "1700000000", OwnSignature), TestSigning.Utf8(OwnBody), OwnSecret).Failure.Should().Be(WebhookFailure.BadSignature);

    [Fact]
    public void Verify_ValidSignatureSecondOfTwo_IsValid() =>
        Verify(Headers("msg_mesh1", "1700000000", $"v1,{Convert.ToBase64String(new byte[32])} {OwnSignature}"), TestSigning.Utf8(OwnBody), OwnSecret)
            .IsValid.Should().BeTrue();

    [Fact]
    public void Verify_OtherVersionsAlongside_AreIgnored() =>
        Verify(Headers("msg_mesh1", "1700000000", $"v1a,{OwnSignature[3..]} v2,abc {OwnSignature}"), TestSigning.Utf8(OwnBody), OwnSecret)
            .IsValid.Should().BeTrue();

    [Fact]
    public void Verify_SecretNotBase64_IsBadSignatureNotException() =>
        Verify(Headers("msg_mesh1", "1700000000", OwnSignature), TestSigning.Utf8(OwnBody), "whsec_not*base64!").Failure.Should().Be(WebhookFailure.BadSignature);

    [Fact]
    public void Verify_InvalidSecretFirstValidSecond_IsValid() =>
        Verify(Headers("msg_mesh1", "1700000000", OwnSignature), TestSigning.Utf8(OwnBody), "whsec_%%%", OwnSecret).IsValid.Should().BeTrue();

    [Theory]
    [InlineData("1700000000", "v1a,JKGnVAkX6eodLNUsPcGaM1aMRetxRaBAC5qqMmti78s=")]
    [InlineData("1700000000", "v1,***")]
    [InlineData("1700000000", "JKGnVAkX6eodLNUsPcGaM1aMRetxRaBAC5qqMmti78s=")]
    [InlineData("17e8", "v1,JKGnVAkX6eodLNUsPcGaM1aMRetxRaBAC5qqMmti78s=")]
    [InlineData("-1700000000", "v1,JKGnVAkX6eodLNUsPcGaM1aMRetxRaBAC5qqMmti78s=")]
    public void Verify_MalformedHeaders_IsMalformed(string timestamp, string signature) =>
        Verify(Headers("msg_mesh1", timestamp, signature), TestSigning.Utf8(OwnBody), OwnSecret).Failure.Should().Be(WebhookFailure.MalformedSignature);

    private static HeaderDictionary Headers(string id, string timestamp, string signature) => new()
    {
        [ComplyAdvantageWebhookVerifier.IdHeader] = id,
        [ComplyAdvantageWebhookVerifier.TimestampHeader] = timestamp,
        [ComplyAdvantageWebhookVerifier.SignatureHeader] = signature,
    };
}
