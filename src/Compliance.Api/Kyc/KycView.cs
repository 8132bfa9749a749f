namespace Compliance.Api.Kyc;

/// <summary>A customer's KYC as stored: current status, verifications newest first, history newest first.</summary>
internal sealed record KycView(KycStatusRow Status, IReadOnlyList<KycVerificationRow> Verifications, IReadOnlyList<KycHistoryRow> History);
