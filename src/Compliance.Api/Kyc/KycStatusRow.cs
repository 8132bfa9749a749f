namespace Compliance.Api.Kyc;

internal sealed class KycStatusRow
{
    public string KycStatus { get; init; } = "";

    public string? KycLevel { get; init; }

    public DateTime? KycVerifiedAt { get; init; }

    public string ScreeningStatus { get; init; } = "";
}
