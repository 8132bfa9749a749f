namespace Compliance.Api.Kyc.Callbacks.Verifiers;

/// <summary>The HMAC hash functions a provider may sign with.</summary>
internal enum HmacAlgorithm
{
    Sha1,
    Sha256,
    Sha512,
}
