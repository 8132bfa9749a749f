using Compliance.Crypto;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using static Compliance.Api.Storage.DbTime;

namespace Compliance.Api.Webhooks;

/// <summary>
/// Each API key's webhook endpoint: its URL and its signing secrets, stored only as envelope
/// ciphertext under a data key of the endpoint's own (subject <c>webhook:&lt;key id&gt;</c>).
/// </summary>
internal sealed class WebhookEndpointStore(NpgsqlDataSource dataSource, CryptoServices crypto, IOptions<WebhookOptions> options, TimeProvider time)
{
    private const string Columns = """
        key_id AS KeyId, url AS Url, data_key_id AS DataKeyId, kek_provider AS KekProvider, kek_id AS KekId, algorithm AS Algorithm,
        wrapped_key AS WrappedKey, encryptions AS Encryptions, secret AS Secret, previous_secret AS PreviousSecret, previous_until AS PreviousUntil
        """;

    private const string Insert = """
        INSERT INTO webhook_endpoints (key_id, url, data_key_id, kek_provider, kek_id, algorithm, wrapped_key, encryptions, secret, created_at, updated_at)
        VALUES (@KeyId, @Url, @DataKeyId, @KekProvider, @KekId, @Algorithm, @WrappedKey, 1, @Secret, @Now, @Now)
        ON CONFLICT (key_id) DO NOTHING
        """;

    public async Task<EndpointRow?> FindAsync(Guid keyId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<EndpointRow>(new CommandDefinition(
            $"SELECT {Columns} FROM webhook_endpoints WHERE key_id = @KeyId", new { KeyId = keyId }, cancellationToken: cancellationToken));
    }

    /// <summary>Sets the URL; the first time, also creates the signing secret and returns it (the only time it is shown).</summary>
    public async Task<EndpointResponse> SetUrlAsync(Guid keyId, string url, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var updated = await connection.QuerySingleOrDefaultAsync<EndpointRow>(new CommandDefinition(
            "UPDATE webhook_endpoints SET url = @Url, updated_at = @Now WHERE key_id = @KeyId RETURNING previous_until AS PreviousUntil",
            new { KeyId = keyId, Url = url, Now = now }, cancellationToken: cancellationToken));
        if (updated is not null)
        {
            return new EndpointResponse(url, null, Utc(updated.PreviousUntil));
        }

        var secret = WebhookSigner.NewSecret();
        using var created = await crypto.DataKeys.CreateDataKeyAsync(Subject(keyId), cancellationToken);
        var wrapped = created.Wrapped;
        var inserted = await connection.ExecuteAsync(new CommandDefinition(Insert, new
        {
            KeyId = keyId,
            Url = url,
            DataKeyId = wrapped.DataKeyId.Value,
            KekProvider = wrapped.ProviderName,
            wrapped.KekId,
            wrapped.Algorithm,
            WrappedKey = wrapped.Ciphertext.ToArray(),
            Secret = FieldEncryptor.Encrypt(created.Key, secret, Context(keyId)),
            Now = now,
        }, cancellationToken: cancellationToken));

        // Two first calls at once: the other one created it; only its secret exists.
        return inserted == 1
            ? new EndpointResponse(url, WebhookSigner.Format(secret), null)
            : await SetUrlAsync(keyId, url, cancellationToken);
    }

    /// <summary>A new secret, returned once; the previous one keeps signing for <see cref="WebhookOptions.PreviousSecretHours"/>.</summary>
    public async Task<EndpointResponse?> RotateAsync(Guid keyId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<EndpointRow>(new CommandDefinition(
            $"SELECT {Columns} FROM webhook_endpoints WHERE key_id = @KeyId FOR UPDATE", new { KeyId = keyId }, transaction, cancellationToken: cancellationToken));
        if (row is null)
        {
            return null;
        }

        var secret = WebhookSigner.NewSecret();
        using var lease = await crypto.DataKeys.LeaseAsync(Wrapped(row), row.Encryptions, cancellationToken);
        var until = time.GetUtcNow().AddHours(options.Value.PreviousSecretHours);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE webhook_endpoints
            SET previous_secret = secret, previous_until = @Until, secret = @Secret, encryptions = encryptions + 1, updated_at = @Now
            WHERE key_id = @KeyId
            """, new { KeyId = keyId, Until = until, Secret = FieldEncryptor.Encrypt(lease.Key, secret, Context(keyId)), Now = time.GetUtcNow() },
            transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return new EndpointResponse(row.Url, WebhookSigner.Format(secret), until);
    }

    /// <summary>The secrets that sign now: the current one, and the previous one until it expires.</summary>
    public async Task<List<byte[]>> SigningSecretsAsync(EndpointRow row, CancellationToken cancellationToken)
    {
        using var lease = await crypto.DataKeys.LeaseAsync(Wrapped(row), row.Encryptions, cancellationToken);
        var secrets = new List<byte[]> { FieldEncryptor.Decrypt(lease.Key, row.Secret, Context(row.KeyId)) };
        if (row.PreviousSecret is { } previous && row.PreviousUntil is { } until && Utc(until) > time.GetUtcNow())
        {
            secrets.Add(FieldEncryptor.Decrypt(lease.Key, previous, Context(row.KeyId)));
        }

        return secrets;
    }

    private static WrappedKey Wrapped(EndpointRow row) =>
        new(new DataKeyId(row.DataKeyId), Subject(row.KeyId), row.KekProvider, row.KekId, row.Algorithm, row.WrappedKey);

    private static string Subject(Guid keyId) => $"webhook:{keyId:N}";

    private static EncryptionContext Context(Guid keyId) => new("webhook_endpoints", "secret", Subject(keyId));
}
