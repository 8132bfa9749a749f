using Compliance.Api.Kyc.Callbacks;
using Compliance.Api.Kyc.Callbacks.Verifiers;
using Microsoft.AspNetCore.Http;

namespace Compliance.Api.Tests.Kyc.Callbacks.Verifiers;

public sealed class PersonaWebhookVerifierTests : TimestampedWebhookVerifierContractTests
{
    private const string WebhookSecret = "wbhsec_persona_secret";
    private const string EventBody = """{"data":{"type":"event","id":"evt_persona1"}}""";

    // printf '%s' '1700000000.{"data":{"type":"event","id":"evt_persona1"}}' | openssl dgst -sha256 -hmac 'wbhsec_persona_secret'
    private const string EventSignature = "09043aba12b00cbb7027ba957892b07bbdba4ec18e9d002d51bb8cfe34dc6364";

    internal override IWebhookVerifier Verifier { get; } = new PersonaWebhookVerifier();

    protected override IReadOnlyList<string> SignedHeaders => [PersonaWebhookVerifier.SignatureHeader];

    protected override string Secret => WebhookSecret;

    protected override string OtherSecret => "wbhsec_other_secret";

    protected override HeaderDictionary Sign(string secret, byte[] body, long timestamp) =>
        Headers($"t={timestamp},v1={TestSigning.HexSha256(secret, $"{timestamp}.", body)}");

    [Fact]
    public void Verify_OpensslVector_IsValid() =>
        Verify(Headers($"t=1700000000,v1={EventSignature}"), TestSigning.Utf8(EventBody), WebhookSecret).IsValid.Should().BeTrue();

    [Fact]
    public void Verify_RotationValidGroupSecond_IsValid() =>
        Verify(Headers($"t=1700000000,v1={new string('0', 64)} t=1700000000,v1={EventSignature}"), TestSigning.Utf8(EventBody), WebhookSecret)
            .IsValid.Should().BeTrue();

    [Fact]
    public void Verify_RotationTwoGroupsSignedWithEachSecret_IsValidWithEitherSecret()
    {
        var body = TestSigning.Utf8(EventBody);
        var header = $"t=1700000000,v1={TestSigning.HexSha256("wbhsec_new", "1700000000.", body)} t=1700000000,v1={EventSignature}";

        Verify(Headers(header), body, "wbhsec_new").IsValid.Should().BeTrue();
        Verify(Headers(header), body, WebhookSecret).IsValid.Should().BeTrue();
        Verify(Headers(header), body, OtherSecret).Failure.Should().Be(WebhookFailure.BadSignature);
    }

    [Fact]
    public void Verify_RotationMatchingGroupStaleOtherFresh_IsStale()
    {
        var body = TestSigning.Utf8(EventBody);
        var stale = Now.ToUnixTimeSeconds() - 3600;
        var header = $"t={stale},v1={TestSigning.HexSha256(WebhookSecret, $"{stale}.", body)} t=1700000000,v1={new string('0', 64)}";

        Verify(Headers(header), body, WebhookSecret).Failure.Should().Be(WebhookFailure.StaleTimestamp);
    }

    [Fact]
    public void Verify_RotationOneGroupGarbled_UsesTheOther() =>
        Verify(Headers($"t=x,v1=zz t=1700000000,v1={EventSignature}"), TestSigning.Utf8(EventBody), WebhookSecret).IsValid.Should().BeTrue();

    [Theory]
    [InlineData("t=1700000000")]
    [InlineData("v1=09043aba12b00cbb7027ba957892b07bbdba4ec18e9d002d51bb8cfe34dc6364")]
    [InlineData("t=1700000000,v1=xyz t=,v1=")]
    public void Verify_MalformedHeader_IsMalformed(string header) =>
        Verify(Headers(header), TestSigning.Utf8(EventBody), WebhookSecret).Failure.Should().Be(WebhookFailure.MalformedSignature);

    private static HeaderDictionary Headers(string value) => new() { [PersonaWebhookVerifier.SignatureHeader] = value };
}
