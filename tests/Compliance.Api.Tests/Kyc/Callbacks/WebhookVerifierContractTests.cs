using System.Text;
using Compliance.Api.Kyc.Callbacks;
using Microsoft.AspNetCore.Http;

namespace Compliance.Api.Tests.Kyc.Callbacks;

/// <summary>
/// The suite every <see cref="IWebhookVerifier"/> passes: a signature made by the test's own signer is
/// accepted, and tampering, a wrong secret, a missing or garbled header never verify and never throw.
/// </summary>
public abstract class WebhookVerifierContractTests
{
    protected static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
    protected static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    private static readonly string[] Garbage =
    [
        "", " ", "=", ",", "t=", "v1=", "v1,", "t=abc,v1=00", "t=1700000000", "t=1700000000,v1=zz",
        "t=-1,v1=00", "t=99999999999999999999999,v1=00", "t=1700000000,t=1700000000,v1=00", "v1,!!!!",
        "v1,AAAA====", "HMAC_MD5_HEX", "\u0000\u0001", "ä✓", "0", new string('a', 10_000), "t=1700000000,v1=" + new string('0', 63),
    ];

    internal abstract IWebhookVerifier Verifier { get; }

    /// <summary>Every header the signature depends on; each is garbled in turn by the fuzz test.</summary>
    protected abstract IReadOnlyList<string> SignedHeaders { get; }

    /// <summary>The headers whose absence is a missing signature (Sumsub's algorithm header is a malformed one instead).</summary>
    protected virtual IReadOnlyList<string> RequiredHeaders => SignedHeaders;

    /// <summary>A secret in the provider's format.</summary>
    protected abstract string Secret { get; }

    /// <summary>Another valid secret, which did not sign the requests.</summary>
    protected abstract string OtherSecret { get; }

    protected virtual byte[] Body => Encoding.UTF8.GetBytes("""{"id":"evt_contract","type":"test"}""");

    /// <summary>The headers the provider would send for <paramref name="body"/> signed with <paramref name="secret"/> at <paramref name="timestamp"/>.</summary>
    protected abstract HeaderDictionary Sign(string secret, byte[] body, long timestamp);

    private protected WebhookVerification Verify(IHeaderDictionary headers, byte[] body, params string[] secrets) =>
        Verifier.Verify(headers, body, secrets, Now, Tolerance);

    [Fact]
    public void Verify_OwnSignature_IsValid() =>
        Verify(Sign(Secret, Body, Now.ToUnixTimeSeconds()), Body, Secret).IsValid.Should().BeTrue();

    [Fact]
    public void Verify_TamperedBody_IsBadSignature()
    {
        var headers = Sign(Secret, Body, Now.ToUnixTimeSeconds());
        var tampered = (byte[])Body.Clone();
        tampered[^2] ^= 0x01;

        Verify(headers, tampered, Secret).Failure.Should().Be(WebhookFailure.BadSignature);
    }

    [Fact]
    public void Verify_WrongSecret_IsBadSignature() =>
        Verify(Sign(Secret, Body, Now.ToUnixTimeSeconds()), Body, OtherSecret).Failure.Should().Be(WebhookFailure.BadSignature);

    [Fact]
    public void Verify_RotatedSecretSecondInList_IsValid() =>
        Verify(Sign(Secret, Body, Now.ToUnixTimeSeconds()), Body, OtherSecret, Secret).IsValid.Should().BeTrue();

    [Fact]
    public void Verify_EmptySecrets_IsNoSecret() =>
        Verify(Sign(Secret, Body, Now.ToUnixTimeSeconds()), Body).Failure.Should().Be(WebhookFailure.NoSecret);

    [Fact]
    public void Verify_OnlyBlankSecrets_IsNoSecret() =>
        Verify(Sign(Secret, Body, Now.ToUnixTimeSeconds()), Body, "").Failure.Should().Be(WebhookFailure.NoSecret);

    [Fact]
    public void Verify_NoHeaders_IsMissingSignature() =>
        Verify(new HeaderDictionary(), Body, Secret).Failure.Should().Be(WebhookFailure.MissingSignature);

    [Fact]
    public void Verify_EachSignedHeaderMissing_IsMissingSignature()
    {
        foreach (var name in RequiredHeaders)
        {
            var headers = Sign(Secret, Body, Now.ToUnixTimeSeconds());
            headers.Remove(name);

            Verify(headers, Body, Secret).Failure.Should().Be(WebhookFailure.MissingSignature, name);
        }
    }

    [Fact]
    public void Verify_RepeatedSignatureHeader_IsMalformed()
    {
        var headers = Sign(Secret, Body, Now.ToUnixTimeSeconds());
        var name = SignedHeaders[0];
        headers[name] = new([headers[name].ToString(), headers[name].ToString()]);

        Verify(headers, Body, Secret).Failure.Should().Be(WebhookFailure.MalformedSignature);
    }

    [Fact]
    public void Verify_GarbageInAnySignedHeader_FailsWithoutThrowing()
    {
        foreach (var name in SignedHeaders)
        {
            foreach (var value in Garbage)
            {
                var headers = Sign(Secret, Body, Now.ToUnixTimeSeconds());
                headers[name] = value;

                var result = Verify(headers, Body, Secret);

                result.IsValid.Should().BeFalse($"{name}: '{value}'");
            }
        }
    }

    [Fact]
    public void Verify_GarbageSecretsAndEmptyBody_FailsWithoutThrowing()
    {
        var headers = Sign(Secret, Body, Now.ToUnixTimeSeconds());

        Verify(headers, [], Secret, "!!!", "whsec_", "\u0000").IsValid.Should().BeFalse();
    }
}
