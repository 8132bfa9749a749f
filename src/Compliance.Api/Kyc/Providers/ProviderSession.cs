namespace Compliance.Api.Kyc.Providers;

/// <summary>A verification as created at the provider.</summary>
/// <param name="ProviderRef">The id callbacks will name (applicant, workflow run, session, inquiry).</param>
/// <param name="ApplicantRef">The provider's person-level id when it differs from <paramref name="ProviderRef"/> (Onfido applicant), else null.</param>
/// <param name="Url">A hosted-flow link for the customer, when the provider gives one.</param>
/// <param name="Token">An SDK token / client secret for the customer's device, when the provider gives one.</param>
internal sealed record ProviderSession(string ProviderRef, string? ApplicantRef, [property: SecretData] string? Url, [property: SecretData] string? Token, string RawStatus)
{
    public override string ToString() => Classified.Describe(this);

    /// <summary>The outcome, when the provider answers the start with it (NameScan's scans are synchronous); applied as the verification is recorded.</summary>
    public ProviderState? Result { get; init; }
}
