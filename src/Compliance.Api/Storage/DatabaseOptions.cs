namespace Compliance.Api.Storage;

/// <summary>Where the database is, bound from the <c>Database</c> section.</summary>
internal sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>
    /// When no connection string is configured, start a local PostgreSQL cluster in
    /// <see cref="LocalDataDirectory"/> (the developer default of <c>serve</c>).
    /// </summary>
    public bool StartLocalWhenUnconfigured { get; set; } = true;

    public string LocalDataDirectory { get; set; } = ".data/postgres";

    /// <summary>
    /// Extra <c>name=value</c> settings for the local cluster, applied over the built-in ones
    /// (<c>--Database:LocalServerSettings:0=shared_buffers=1GB</c>). A setting that gives up
    /// durability is reported by <c>/health/ready</c> and at start-up.
    /// </summary>
    public string[] LocalServerSettings { get; set; } = [];

    /// <summary>Bounded wait for the database at start-up and for readiness probes.</summary>
    public int ConnectTimeoutSeconds { get; set; } = 5;

    /// <summary>
    /// The most connections this instance opens (Npgsql's Maximum Pool Size; when set, over the
    /// connection string's). Requests beyond it wait in the service for a connection, which is cheaper
    /// than more backends competing for the database's cores and its WAL flush.
    /// </summary>
    public int? MaxPoolSize { get; set; }

    /// <summary>Apply pending migrations at start-up (otherwise run <c>migrate</c> before deploying).</summary>
    public bool MigrateOnStart { get; set; } = true;
}
