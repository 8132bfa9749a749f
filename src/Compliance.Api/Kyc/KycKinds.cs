namespace Compliance.Api.Kyc;

/// <summary>What a verification establishes: who the customer is, or whether they are on a list.</summary>
internal static class KycKinds
{
    public const string Identity = "identity";
    public const string Screening = "screening";

    /// <summary>ComplyAdvantage and NameScan screen against sanctions and PEP lists; the others verify identity.</summary>
    public static string For(string provider) => provider is KycProviders.ComplyAdvantage or KycProviders.NameScan ? Screening : Identity;
}
