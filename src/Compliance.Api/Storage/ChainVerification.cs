namespace Compliance.Api.Storage;

/// <summary>What a chain walk found: every row intact, or the first one that is not and why.</summary>
internal sealed record ChainVerification(long Rows, int Chains, string? BadRowId, string? Problem)
{
    public bool Ok => Problem is null;
}
