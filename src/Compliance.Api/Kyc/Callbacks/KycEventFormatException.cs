namespace Compliance.Api.Kyc.Callbacks;

/// <summary>A validly signed body that is not a well-formed event of its provider; answered with 400.</summary>
internal sealed class KycEventFormatException(string provider, string message) : Exception(message)
{
    public string Provider { get; } = provider;
}
