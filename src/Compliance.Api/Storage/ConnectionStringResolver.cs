using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Compliance.Api.Storage;

/// <summary>
/// Reads the PostgreSQL connection string from <c>ConnectionStrings:Postgres</c> or, as platforms
/// like Heroku set it, <c>DATABASE_URL</c> (<c>postgres://user:pass@host:port/db?sslmode=require</c>).
/// Malformed values become a <see cref="StartupException"/> naming the setting, never echoing
/// the password.
/// </summary>
internal static class ConnectionStringResolver
{
    public const string ConnectionStringName = "Postgres";

    public static string? Resolve(IConfiguration configuration)
    {
        var configured = configuration.GetConnectionString(ConnectionStringName);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Validate(configured, "ConnectionStrings:Postgres");
        }

        var url = configuration["DATABASE_URL"];
        return string.IsNullOrWhiteSpace(url) ? null : Validate(FromUrl(url), "DATABASE_URL");
    }

    /// <summary>A description safe for logs and error messages: host, port and database only.</summary>
    public static string Describe(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{b.Host}:{b.Port}/{b.Database ?? b.Username}";
    }

    private static string Validate(string connectionString, string setting)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            if (string.IsNullOrWhiteSpace(builder.Host))
            {
                throw new StartupException($"{setting} is malformed: it names no Host");
            }

            return builder.ConnectionString;
        }
        catch (ArgumentException e)
        {
            throw new StartupException($"{setting} is malformed: {e.Message}");
        }
    }

    private static string FromUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || (uri.Scheme != "postgres" && uri.Scheme != "postgresql"))
        {
            throw new StartupException("DATABASE_URL is malformed: expected postgres://user:password@host:port/database");
        }

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
        };
        var userInfo = uri.UserInfo.Split(':', 2);
        if (userInfo[0].Length > 0)
        {
            builder.Username = Uri.UnescapeDataString(userInfo[0]);
        }

        if (userInfo.Length > 1)
        {
            builder.Password = Uri.UnescapeDataString(userInfo[1]);
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            if (kv.Length == 2 && kv[0].Equals("sslmode", StringComparison.OrdinalIgnoreCase))
            {
                builder.SslMode = Enum.Parse<SslMode>(kv[1], ignoreCase: true);
            }
        }

        return builder.ConnectionString;
    }
}
