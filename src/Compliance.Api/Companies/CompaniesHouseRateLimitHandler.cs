using Compliance.Api.Kyc;
using Compliance.Api.Kyc.Providers;

namespace Compliance.Api.Companies;

/// <summary>
/// Keeps Companies House's limit (600 requests per 5 minutes by default, <c>Kyc:Providers:companieshouse:RateLimit</c>)
/// on our side. It sits inside the resilience handler, so every attempt, retries included, takes a
/// slot. A request waits for its slot up to <c>MaxWaitSeconds</c>; beyond that it fails at once as
/// unavailable (503 for the caller) instead of being sent to earn a 429.
/// </summary>
internal sealed class CompaniesHouseRateLimitHandler(SlidingWindowLog log, TimeSpan maxWait, TimeProvider time, ILogger logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var wait = log.TryReserve(maxWait);
        if (wait is null)
        {
            CompaniesLog.RateLimited(logger, log.Limit, log.Window.TotalSeconds);
            throw new KycProviderException(CompaniesHouseClient.Provider, KycProviderFailure.Unavailable,
                $"{CompaniesHouseClient.Provider} allows {log.Limit} requests per {log.Window.TotalSeconds:0} s and the window is full");
        }

        if (wait.Value > TimeSpan.Zero)
        {
            CompaniesLog.WaitingForSlot(logger, wait.Value.TotalMilliseconds);
            await Task.Delay(wait.Value, time, cancellationToken);
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
