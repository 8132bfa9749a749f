namespace Compliance.Api.Audit;

/// <summary>What <c>audit verify</c> found: every row intact, or the first row that is not and why.</summary>
internal sealed record AuditVerification(long Rows, int Chains, long? BadRowId, string? Problem)
{
    public bool Ok => Problem is null;

    public override string ToString() => Ok
        ? $"OK: {Rows} audit row(s) in {Chains} chain(s) verified"
        : $"FAILED: {Problem}";
}
