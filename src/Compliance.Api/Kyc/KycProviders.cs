namespace Compliance.Api.Kyc;

/// <summary>The provider names used in configuration (<c>Kyc:Providers:&lt;name&gt;</c>) and in URLs.</summary>
internal static class KycProviders
{
    public const string Onfido = "onfido";
    public const string Sumsub = "sumsub";
    public const string Stripe = "stripe";
    public const string Veriff = "veriff";
    public const string Persona = "persona";
    public const string ComplyAdvantage = "complyadvantage";
    public const string NameScan = "namescan";

    /// <summary>Not a verification provider: the company register (Companies/), configured and called the same way.</summary>
    public const string CompaniesHouse = "companieshouse";

    /// <summary>The providers whose published rate limit the client keeps (<see cref="ProviderRateLimitOptions"/>).</summary>
    public static readonly IReadOnlyList<string> RateLimited = [CompaniesHouse];

    public static readonly IReadOnlyList<string> All = [Onfido, Sumsub, Stripe, Veriff, Persona, ComplyAdvantage, NameScan];

    /// <summary>The providers that send signed callbacks; NameScan answers each scan synchronously and sends none.</summary>
    public static readonly IReadOnlyList<string> WithCallbacks = [.. All.Where(p => p != NameScan)];

    public static bool IsKnown(string name) => All.Contains(name, StringComparer.Ordinal);
}
