using System.Text.Json;

namespace Compliance.Api.Kyc.Providers;

/// <summary>A Stripe verification session's status and <c>last_error.code</c> normalized per spec §7.</summary>
internal static class StripeIdentityStatus
{
    /// <summary>Codes a new attempt cannot fix: the customer declined, is too young, or lives where Stripe does not verify.</summary>
    private static readonly HashSet<string> FinalCodes = new(StringComparer.Ordinal) { "consent_declined", "under_supported_age", "country_not_supported" };

    public static ProviderState ToState(JsonElement session)
    {
        var raw = KycJson.Optional(session, "status") ?? "unknown";
        var code = KycJson.Optional(session, "last_error", "code");
        KycStatus? status = raw switch
        {
            "requires_input" when code is null => KycStatus.None,
            "requires_input" when FinalCodes.Contains(code) => KycStatus.Rejected,
            "requires_input" => KycStatus.RejectedRetry,
            "processing" => KycStatus.Pending,
            "verified" => KycStatus.Approved,
            "canceled" => KycStatus.Expired,
            _ => null,
        };
        return new ProviderState(status, null, code is null ? raw : $"{raw}:{code}", code is null ? [] : [code], null);
    }
}
