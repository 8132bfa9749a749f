namespace Compliance.Api.Storage;

internal static partial class StorageLog
{
    [LoggerMessage(1001, LogLevel.Information, "Applied migration {Version} ({Name})")]
    public static partial void MigrationApplied(ILogger logger, int version, string name);

    [LoggerMessage(1002, LogLevel.Information, "Database schema at version {Version}; {Count} migration(s) applied at start-up")]
    public static partial void SchemaReady(ILogger logger, int version, int count);

    [LoggerMessage(1003, LogLevel.Information, "Started local PostgreSQL in {Directory} on port {Port}")]
    public static partial void LocalStarted(ILogger logger, string directory, int port);

    [LoggerMessage(1004, LogLevel.Information, "Stopped local PostgreSQL in {Directory}")]
    public static partial void LocalStopped(ILogger logger, string directory);

    [LoggerMessage(1005, LogLevel.Information, "Using PostgreSQL at {Endpoint}")]
    public static partial void UsingDatabase(ILogger logger, string endpoint);
}
