namespace Compliance.Api.Tests.Kyc.Simulators;

/// <summary>Where <see cref="ProviderSimulator.Decide"/> moves a verification; each simulator maps it to its provider's own states.</summary>
public enum SimulatedOutcome
{
    Pending,
    Approved,
    NeedsReview,
    RejectedRetry,
    Rejected,
    Expired,
}
