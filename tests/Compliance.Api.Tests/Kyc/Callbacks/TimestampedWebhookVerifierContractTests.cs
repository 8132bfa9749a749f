using Compliance.Api.Kyc.Callbacks;

namespace Compliance.Api.Tests.Kyc.Callbacks;

/// <summary>The replay window of providers that sign a timestamp (Stripe, Persona, Standard Webhooks): symmetric, inclusive.</summary>
public abstract class TimestampedWebhookVerifierContractTests : WebhookVerifierContractTests
{
    [Theory]
    [InlineData(-300)]
    [InlineData(300)]
    [InlineData(0)]
    public void Verify_TimestampAtEdgeOfTolerance_IsValid(long offsetSeconds) =>
        Verify(Sign(Secret, Body, Now.ToUnixTimeSeconds() + offsetSeconds), Body, Secret).IsValid.Should().BeTrue();

    [Theory]
    [InlineData(-301)]
    [InlineData(-86_400)]
    public void Verify_StaleTimestamp_IsStale(long offsetSeconds) =>
        Verify(Sign(Secret, Body, Now.ToUnixTimeSeconds() + offsetSeconds), Body, Secret).Failure.Should().Be(WebhookFailure.StaleTimestamp);

    [Theory]
    [InlineData(301)]
    [InlineData(86_400)]
    public void Verify_TimestampTooFarInFuture_IsStale(long offsetSeconds) =>
        Verify(Sign(Secret, Body, Now.ToUnixTimeSeconds() + offsetSeconds), Body, Secret).Failure.Should().Be(WebhookFailure.StaleTimestamp);

    [Fact]
    public void Verify_StaleTimestampWithWrongSecret_IsBadSignature() =>
        Verify(Sign(Secret, Body, Now.ToUnixTimeSeconds() - 3600), Body, OtherSecret).Failure.Should().Be(WebhookFailure.BadSignature);

    [Fact]
    public void Verify_ExtremeTimestamps_FailWithoutThrowing()
    {
        foreach (var timestamp in new[] { 0L, 1L, 253_402_300_799L, 999_999_999_999_999_999L })
        {
            Verify(Sign(Secret, Body, timestamp), Body, Secret).Failure.Should().Be(WebhookFailure.StaleTimestamp);
        }
    }
}
