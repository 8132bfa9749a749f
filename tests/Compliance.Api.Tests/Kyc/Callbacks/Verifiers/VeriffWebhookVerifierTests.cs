using Compliance.Api.Kyc.Callbacks;
using Compliance.Api.Kyc.Callbacks.Verifiers;
using Microsoft.AspNetCore.Http;

namespace Compliance.Api.Tests.Kyc.Callbacks.Verifiers;

public sealed class VeriffWebhookVerifierTests : WebhookVerifierContractTests
{
    private const string SharedSecret = "veriff-shared-secret";
    private const string DecisionBody = """{"status":"success","verification":{"id":"12df6045-3846-3e45-946a-14fa6136d78b","code":9001,"status":"approved"}}""";

    // printf '%s' "$DecisionBody" | openssl dgst -sha256 -hmac 'veriff-shared-secret'
    private const string DecisionSignature = "cb60bbf6836f06d40c9f46c457eed389400e419a1c1b085555a5716102b2685a";

    internal override IWebhookVerifier Verifier { get; } = new VeriffWebhookVerifier();

    protected override IReadOnlyList<string> SignedHeaders => [VeriffWebhookVerifier.SignatureHeader];

    protected override string Secret => SharedSecret;

    protected override string OtherSecret => "another-veriff-secret";

    protected override HeaderDictionary Sign(string secret, byte[] body, long timestamp) =>
        new() { [VeriffWebhookVerifier.SignatureHeader] = TestSigning.HexSha256(secret, body) };

    [Fact]
    public void Verify_OpensslVector_IsValid() =>
        Verify(new HeaderDictionary { [VeriffWebhookVerifier.SignatureHeader] = DecisionSignature }, TestSigning.Utf8(DecisionBody), SharedSecret)
            .IsValid.Should().BeTrue();

    [Fact]
    public void Verify_HeaderNameInAnyCase_IsValid() =>
        Verify(new HeaderDictionary { ["x-hmac-signature"] = DecisionSignature }, TestSigning.Utf8(DecisionBody), SharedSecret)
            .IsValid.Should().BeTrue();

    [Fact]
    public void Verify_LegacyXSignatureOnly_IsMissingSignature() =>
        Verify(new HeaderDictionary { ["X-Signature"] = DecisionSignature }, TestSigning.Utf8(DecisionBody), SharedSecret)
            .Failure.Should().Be(WebhookFailure.MissingSignature);
}
