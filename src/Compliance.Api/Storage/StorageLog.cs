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

    [LoggerMessage(1006, LogLevel.Warning, "The database is not durable: {Problem}")]
    public static partial void NotDurable(ILogger logger, string problem);

    [LoggerMessage(1007, LogLevel.Information, "Listening for {Description} on channel {Channel}")]
    public static partial void Listening(ILogger logger, string description, string channel);

    [LoggerMessage(1008, LogLevel.Warning, "Lost the connection listening on channel {Channel} ({Reason}); reconnecting in 1 s")]
    public static partial void ListenFailed(ILogger logger, string channel, string reason);
}
