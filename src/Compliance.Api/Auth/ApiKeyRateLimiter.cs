using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Compliance.Api.Auth;

/// <summary>
/// A token bucket per API key: the key's own <c>rateLimitPerSecond</c> or the configured default,
/// a burst of one second's worth, no queueing. Unauthenticated requests are not limited here
/// (they are refused before doing any work).
/// </summary>
internal static class ApiKeyRateLimiter
{
    public static void Configure(RateLimiterOptions limiter, IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<AuthOptions>>();
        limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            var keyId = context.User.FindFirst(ApiKeyAuthenticationHandler.KeyIdClaim)?.Value;
            if (keyId is null)
            {
                return RateLimitPartition.GetNoLimiter(string.Empty);
            }

            var perSecond = int.TryParse(context.User.FindFirst(ApiKeyAuthenticationHandler.RateLimitClaim)?.Value, CultureInfo.InvariantCulture, out var own)
                ? own
                : options.Value.DefaultRateLimitPerSecond;
            return RateLimitPartition.GetTokenBucketLimiter(keyId, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = perSecond,
                TokensPerPeriod = perSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        });
        limiter.OnRejected = async (context, cancellationToken) =>
        {
            var http = context.HttpContext;
            var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
            var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
            http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            var keyId = http.User.FindFirst(ApiKeyAuthenticationHandler.KeyIdClaim)?.Value ?? "?";
            http.RequestServices.GetRequiredService<ComplianceMetrics>().RateLimited();
            AuthLog.RateLimited(http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ApiKeyRateLimiter)), keyId);
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status429TooManyRequests,
                    Title = "Too many requests",
                    Detail = $"The rate limit of this API key is reached; retry after {seconds} s.",
                },
            });
        };
    }
}
