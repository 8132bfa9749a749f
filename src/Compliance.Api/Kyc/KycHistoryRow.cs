namespace Compliance.Api.Kyc;

internal sealed class KycHistoryRow
{
    public DateTime RecordedAt { get; init; }

    public Guid VerificationId { get; init; }

    public string Provider { get; init; } = "";

    public string Dimension { get; init; } = "";

    public string? FromStatus { get; init; }

    public string ToStatus { get; init; } = "";

    public string RawStatus { get; init; } = "";

    public string[] ReasonCodes { get; init; } = [];

    public string Source { get; init; } = "";

    public string? EventId { get; init; }

    public DateTime? ProviderTime { get; init; }
}
