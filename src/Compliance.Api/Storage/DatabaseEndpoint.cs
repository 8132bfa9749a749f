namespace Compliance.Api.Storage;

/// <summary>
/// The connection string the process uses: configured, or set by <see cref="LocalDatabase"/> once
/// it has started a local cluster. The data source is built from it on first use.
/// </summary>
internal sealed class DatabaseEndpoint(string? configured)
{
    private string? _connectionString = configured;

    public bool IsConfigured { get; } = configured is not null;

    public bool HasConnectionString => Volatile.Read(ref _connectionString) is not null;

    public string ConnectionString =>
        Volatile.Read(ref _connectionString)
        ?? throw new StartupException("no database configured: set ConnectionStrings__Postgres or DATABASE_URL");

    public void UseLocal(string connectionString) => Volatile.Write(ref _connectionString, connectionString);
}
