namespace Compliance.Api.Kyc;

/// <summary>One reconciliation pass: verifications re-read, those whose status changed, those whose provider could not be read.</summary>
internal sealed record ReconciliationResult(int Checked = 0, int Changed = 0, int Failed = 0);
