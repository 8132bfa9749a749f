namespace Compliance.Api.Kyc.Callbacks;

/// <summary>Why a callback signature was refused. Recorded in the security audit event.</summary>
internal enum WebhookFailure
{
    /// <summary>The signature header (or the timestamp / id header it needs) is absent.</summary>
    MissingSignature,

    /// <summary>The header is present but cannot be parsed (bad hex/base64, no <c>t=</c>, unknown algorithm).</summary>
    MalformedSignature,

    /// <summary>Well formed, but matches none of the secrets.</summary>
    BadSignature,

    /// <summary>The signed timestamp is outside the tolerance (replay).</summary>
    StaleTimestamp,

    /// <summary>No secret is configured for this provider, so nothing can be verified.</summary>
    NoSecret,
}
