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

    /// <summary>Bounded wait for the database at start-up and for readiness probes.</summary>
    public int ConnectTimeoutSeconds { get; set; } = 5;

    /// <summary>Apply pending migrations at start-up (otherwise run <c>migrate</c> before deploying).</summary>
    public bool MigrateOnStart { get; set; } = true;
}
