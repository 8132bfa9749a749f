using System.Net;
using System.Net.Http.Headers;
using Compliance.Api.Kyc.Providers;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Compliance.Api.Tests.Kyc.Providers;

public sealed class KycRetryRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("GET", false, false, true)]
    [InlineData("HEAD", false, false, true)]
    [InlineData("OPTIONS", false, false, true)]
    [InlineData("PUT", false, false, true)]
    [InlineData("DELETE", false, false, true)]
    [InlineData("POST", false, false, false)]
    [InlineData("PATCH", false, false, false)]
    [InlineData("POST", true, false, true)]
    [InlineData("POST", false, true, true)]
    public void IsSafeToRetry_MethodKeyOrMarker(string method, bool idempotencyKey, bool marked, bool expected)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), "http://provider/x");
        if (idempotencyKey)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", "k");
        }

        if (marked)
        {
            request.Options.Set(KycRequestOptions.SafeToRetry, true);
        }

        KycRetrySafety.IsSafeToRetry(request).Should().Be(expected);
    }

    [Theory]
    [InlineData(408, true)]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(503, true)]
    [InlineData(400, false)]
    [InlineData(401, false)]
    [InlineData(404, false)]
    [InlineData(409, false)]
    [InlineData(200, false)]
    public void IsTransient_Status(int status, bool expected)
    {
        using var response = new HttpResponseMessage((HttpStatusCode)status);

        KycTransientFailure.IsTransient(Outcome.FromResult(response)).Should().Be(expected);
    }

    [Fact]
    public void IsTransient_Exceptions_OnlyConnectionAndAttemptTimeout()
    {
        KycTransientFailure.IsTransient(Outcome.FromException<HttpResponseMessage>(new HttpRequestException())).Should().BeTrue();
        KycTransientFailure.IsTransient(Outcome.FromException<HttpResponseMessage>(new TimeoutRejectedException())).Should().BeTrue();
        KycTransientFailure.IsTransient(Outcome.FromException<HttpResponseMessage>(new BrokenCircuitException())).Should().BeFalse();
        KycTransientFailure.IsTransient(Outcome.FromException<HttpResponseMessage>(new OperationCanceledException())).Should().BeFalse();
    }

    [Fact]
    public void RetryAfter_DeltaSeconds()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7));

        KycTransientFailure.RetryAfter(Outcome.FromResult(response), new FixedTime(Now)).Should().Be(TimeSpan.FromSeconds(7));
    }

    [Fact]
    public void RetryAfter_HttpDate_WaitsUntilThen()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        response.Headers.TryAddWithoutValidation("Retry-After", Now.AddSeconds(12).ToString("R"));

        KycTransientFailure.RetryAfter(Outcome.FromResult(response), new FixedTime(Now)).Should().Be(TimeSpan.FromSeconds(12));
    }

    [Fact]
    public void RetryAfter_OnA500_Ignored()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.InternalServerError);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7));

        KycTransientFailure.RetryAfter(Outcome.FromResult(response), new FixedTime(Now)).Should().BeNull();
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
