namespace Compliance.Api.Kyc;

/// <summary>The stable lower-case codes stored in <c>customers.kyc_status</c> and seen by rules.</summary>
internal static class KycStatusCodes
{
    public static string ToCode(this KycStatus status) => status switch
    {
        KycStatus.None => "none",
        KycStatus.Pending => "pending",
        KycStatus.NeedsReview => "needs_review",
        KycStatus.Approved => "approved",
        KycStatus.RejectedRetry => "rejected_retry",
        KycStatus.Rejected => "rejected",
        KycStatus.Expired => "expired",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static bool TryParse(string? code, out KycStatus status)
    {
        foreach (var candidate in Enum.GetValues<KycStatus>())
        {
            if (string.Equals(candidate.ToCode(), code, StringComparison.Ordinal))
            {
                status = candidate;
                return true;
            }
        }

        status = KycStatus.None;
        return false;
    }
}
