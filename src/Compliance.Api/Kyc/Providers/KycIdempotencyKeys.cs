using System.Globalization;

namespace Compliance.Api.Kyc.Providers;

/// <summary>
/// Keys derived from the verification id alone, so every retry and every repeated start for the same
/// verification replays the provider's first answer instead of creating a second session.
/// </summary>
internal static class KycIdempotencyKeys
{
    public static string ForStart(Guid verificationId) =>
        "kyc-start-" + verificationId.ToString("N", CultureInfo.InvariantCulture);
}
