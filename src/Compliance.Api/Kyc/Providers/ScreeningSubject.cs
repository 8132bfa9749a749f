namespace Compliance.Api.Kyc.Providers;

/// <summary>
/// Who a sanctions / PEP screening searches for: personal data, decrypted from the vault for this one
/// call (the read is audited) and never stored or logged by the service.
/// </summary>
/// <param name="BirthYear">Narrows matches (ComplyAdvantage <c>filters.birth_year</c>); null when unknown.</param>
/// <param name="Country">ISO 3166-1 alpha-2 nationality or residence, narrowing matches; null when unknown.</param>
internal sealed record ScreeningSubject([property: PersonalData] string FullName, [property: PersonalData] int? BirthYear, string? Country)
{
    public override string ToString() => Classified.Describe(this);
}
