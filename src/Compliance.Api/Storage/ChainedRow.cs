namespace Compliance.Api.Storage;

/// <summary>One chained row: its identity for reports, its place, its hashes, and the bytes its hash covers.</summary>
internal sealed record ChainedRow(string Id, string Chain, long Seq, byte[] PrevHash, byte[] Hash, byte[] Canonical);
