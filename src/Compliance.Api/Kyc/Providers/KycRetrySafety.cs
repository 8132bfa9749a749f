namespace Compliance.Api.Kyc.Providers;

/// <summary>
/// Whether a request may be sent twice. A POST without an idempotency key that timed out may still
/// have created the applicant or session: repeating it would create a second one (spec §11).
/// </summary>
internal static class KycRetrySafety
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static bool IsSafeToRetry(HttpRequestMessage request)
    {
        var method = request.Method;
        if (method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Options
            || method == HttpMethod.Put || method == HttpMethod.Delete)
        {
            return true;
        }

        return request.Headers.Contains(IdempotencyKeyHeader)
            || (request.Options.TryGetValue(KycRequestOptions.SafeToRetry, out var safe) && safe);
    }
}
