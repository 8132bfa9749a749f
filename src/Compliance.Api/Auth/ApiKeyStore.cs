using Compliance.Api.Audit;
using Dapper;
using Npgsql;

namespace Compliance.Api.Auth;

/// <summary>API keys in PostgreSQL; every change is an audit event in the same transaction.</summary>
internal sealed class ApiKeyStore(NpgsqlDataSource dataSource, TimeProvider time, AuditLog audit)
{
    private const string Columns =
        "id AS Id, name AS Name, roles AS Roles, rate_limit_per_second AS RateLimitPerSecond, created_at AS CreatedAt, revoked_at AS RevokedAt";

    private const string InsertKey = """
        INSERT INTO api_keys (id, name, secret_hash, roles, rate_limit_per_second, created_at, created_by)
        VALUES (@Id, @Name, @Hash, @Roles, @RateLimitPerSecond, @CreatedAt, @CreatedBy)
        """;

    private const string SelectActiveByHash = $"SELECT {Columns} FROM api_keys WHERE secret_hash = @Hash AND revoked_at IS NULL";

    private const string SelectAll = $"SELECT {Columns} FROM api_keys ORDER BY created_at, id";

    private const string Revoke = "UPDATE api_keys SET revoked_at = @At, revoked_by = @By WHERE id = @Id AND revoked_at IS NULL";

    private const string Exists = "SELECT EXISTS (SELECT 1 FROM api_keys WHERE id = @Id)";

    private const string AnyActiveAdmin = "SELECT EXISTS (SELECT 1 FROM api_keys WHERE revoked_at IS NULL AND 'admin' = ANY (roles))";

    private const string HashExists = "SELECT EXISTS (SELECT 1 FROM api_keys WHERE secret_hash = @Hash)";

    // Bootstrap runs on every start of every instance; the lock makes "is there an admin yet" and
    // "create one" a single step, so two instances starting together never create two.
    private const string LockBootstrap = "SELECT pg_advisory_xact_lock(4858373038862659444)";

    public async Task<ApiKey?> FindActiveAsync(string presentedKey, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ApiKeyRow>(
            new CommandDefinition(SelectActiveByHash, new { Hash = ApiKeySecret.Hash(presentedKey) }, cancellationToken: cancellationToken));
        return row?.ToModel();
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return [.. (await connection.QueryAsync<ApiKeyRow>(new CommandDefinition(SelectAll, cancellationToken: cancellationToken))).Select(r => r.ToModel())];
    }

    /// <summary>Creates a key and records who created it, in one transaction.</summary>
    public async Task<(ApiKey Key, string Secret)> CreateAsync(
        string name, string[] roles, int? rateLimitPerSecond, Guid? createdBy, string? requestId, CancellationToken cancellationToken)
    {
        var secret = ApiKeySecret.Generate();
        var key = new ApiKey(Guid.CreateVersion7(), name, roles, rateLimitPerSecond, Truncate(time.GetUtcNow()), null);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await InsertAsync(connection, transaction, key, secret, createdBy, "api_key.created", requestId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (key, secret);
    }

    /// <summary>Revokes a key; false when there is no such key. Revoking twice is not an error.</summary>
    public async Task<bool> RevokeAsync(Guid id, Guid revokedBy, string? requestId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await connection.ExecuteScalarAsync<bool>(new CommandDefinition(Exists, new { Id = id }, transaction, cancellationToken: cancellationToken)))
        {
            return false;
        }

        var at = time.GetUtcNow();
        var changed = await connection.ExecuteAsync(new CommandDefinition(Revoke, new { Id = id, At = at, By = revokedBy }, transaction, cancellationToken: cancellationToken));
        if (changed > 0)
        {
            await audit.AppendAsync(connection, transaction,
                new AuditEvent(Principal(revokedBy), "api_key.revoked", AuditOutcome.Success, "api_key", id.ToString(), RequestId: requestId),
                cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Makes sure an admin key exists. With <paramref name="given"/> that exact key is registered
    /// (once); otherwise a key is generated only when no active admin key exists, and returned so
    /// the caller can show it once.
    /// </summary>
    public async Task<string?> EnsureBootstrapAdminAsync(string? given, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(LockBootstrap, transaction: transaction, cancellationToken: cancellationToken));
        string? generated = null;
        if (given is not null)
        {
            var known = await connection.ExecuteScalarAsync<bool>(
                new CommandDefinition(HashExists, new { Hash = ApiKeySecret.Hash(given) }, transaction, cancellationToken: cancellationToken));
            if (!known)
            {
                var key = new ApiKey(Guid.CreateVersion7(), "bootstrap-admin", [Roles.Admin], null, Truncate(time.GetUtcNow()), null);
                await InsertAsync(connection, transaction, key, given, null, "api_key.bootstrapped", null, cancellationToken);
            }
        }
        else if (!await connection.ExecuteScalarAsync<bool>(new CommandDefinition(AnyActiveAdmin, transaction: transaction, cancellationToken: cancellationToken)))
        {
            generated = ApiKeySecret.Generate();
            var key = new ApiKey(Guid.CreateVersion7(), "bootstrap-admin", [Roles.Admin], null, Truncate(time.GetUtcNow()), null);
            await InsertAsync(connection, transaction, key, generated, null, "api_key.bootstrapped", null, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return generated;
    }

    private async Task InsertAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, ApiKey key, string secret, Guid? createdBy, string action, string? requestId, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(InsertKey,
            new { key.Id, key.Name, Hash = ApiKeySecret.Hash(secret), key.Roles, key.RateLimitPerSecond, key.CreatedAt, CreatedBy = createdBy },
            transaction, cancellationToken: cancellationToken));
        await audit.AppendAsync(connection, transaction,
            new AuditEvent(createdBy is { } by ? Principal(by) : "system", action, AuditOutcome.Success, "api_key", key.Id.ToString(),
                RequestId: requestId, Detail: $"roles={string.Join(',', key.Roles)}"),
            cancellationToken);
    }

    /// <summary>How an API key appears as the principal of audit events.</summary>
    public static string Principal(Guid keyId) => $"key:{keyId}";

    // PostgreSQL keeps microseconds; answer the value as it will read back.
    private static DateTimeOffset Truncate(DateTimeOffset value) => value.AddTicks(-(value.Ticks % 10));

    // Npgsql reads timestamptz as UTC DateTime; Dapper needs settable members to bind it.
    private sealed class ApiKeyRow
    {
        public Guid Id { get; init; }

        public string Name { get; init; } = "";

        public string[] Roles { get; init; } = [];

        public int? RateLimitPerSecond { get; init; }

        public DateTime CreatedAt { get; init; }

        public DateTime? RevokedAt { get; init; }

        public ApiKey ToModel() => new(Id, Name, Roles, RateLimitPerSecond, new DateTimeOffset(CreatedAt, TimeSpan.Zero),
            RevokedAt is { } r ? new DateTimeOffset(r, TimeSpan.Zero) : null);
    }
}
