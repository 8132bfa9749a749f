namespace Compliance.Api.Kyc;

internal enum KycApplyResult
{
    /// <summary>The status changed; history and audit event written.</summary>
    Changed,

    /// <summary>Newer than what was applied but the same status (or no status in it): times updated only.</summary>
    Unchanged,

    /// <summary>Older than the newest event already applied: an out-of-order delivery, ignored.</summary>
    Older,

    /// <summary>No provider time, or the same time as the last event with a different status: re-read the provider.</summary>
    NeedsFetch,
}
