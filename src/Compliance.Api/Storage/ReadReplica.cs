using Npgsql;

namespace Compliance.Api.Storage;

/// <summary>
/// Where reads that can lag the primary by a moment go: backtests and the list pages. With
/// <c>ConnectionStrings:PostgresReadOnly</c> set (a streaming replica), its own data source; unset,
/// the primary's. Everything that writes, and every read a write depends on, stays on the primary.
/// </summary>
internal sealed class ReadReplica : IAsyncDisposable
{
    public const string ConnectionStringName = "PostgresReadOnly";

    private readonly bool _owned;

    private ReadReplica(NpgsqlDataSource dataSource, bool owned)
    {
        DataSource = dataSource;
        _owned = owned;
    }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>True when reads go to a replica of their own.</summary>
    public bool IsReplica => _owned;

    public static ReadReplica Create(IServiceProvider services)
    {
        var connectionString = services.GetRequiredService<IConfiguration>().GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return new ReadReplica(services.GetRequiredService<NpgsqlDataSource>(), owned: false);
        }

        return new ReadReplica(StorageExtensions.BuildDataSource(connectionString, services), owned: true);
    }

    public async ValueTask DisposeAsync()
    {
        if (_owned)
        {
            await DataSource.DisposeAsync();
        }
    }
}
