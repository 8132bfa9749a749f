namespace Compliance.Api.Kyc;

/// <summary>What a verification establishes: who the customer is, or whether they are on a list.</summary>
internal static class KycKinds
{
    public const string Identity = "identity";
    public const string Screening = "screening";

    /// <summary>ComplyAdvantage screens against sanctions and PEP lists; the others verify identity.</summary>
    public static string For(string provider) => provider == KycProviders.ComplyAdvantage ? Screening : Identity;
}
