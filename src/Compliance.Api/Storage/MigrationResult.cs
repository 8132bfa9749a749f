namespace Compliance.Api.Storage;

/// <summary>What a migration run did: the versions it applied and where the schema stands now.</summary>
internal sealed record MigrationResult(IReadOnlyList<int> Applied, int SchemaVersion);
