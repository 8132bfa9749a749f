using Compliance.Api.Audit;
using Compliance.Api.Storage;
using Compliance.Crypto;
using Dapper;
using Npgsql;

namespace Compliance.Api.Cases;

/// <summary>A comment as the case view shows it; <see cref="Text"/> is null once the customer was erased.</summary>
internal sealed record CaseComment(long Id, string Author, [property: PersonalData] string? Text, string? AttachmentSha256, DateTimeOffset CreatedAt)
{
    public override string ToString() => Classified.Describe(this);
}

/// <summary>Body of <c>POST /v1/cases/{id}/comments</c>.</summary>
internal sealed record CommentRequest([property: PersonalData] string? Text, string? AttachmentSha256)
{
    public override string ToString() => Classified.Describe(this);
}

/// <summary>What adding a comment came to.</summary>
internal enum CommentResult
{
    Added,
    NotFound,
    CustomerErased,
}

/// <summary>
/// Officers' comments, encrypted under the case customer's data key (so an erasure shreds them), each
/// one an audit event with the attachment's hash when there is one.
/// </summary>
internal sealed class CaseComments(NpgsqlDataSource dataSource, CryptoServices crypto, AuditLog audit, TimeProvider time)
{
    private const string LockKey = """
        SELECT c.customer_id AS CustomerId, k.data_key_id AS DataKeyId, k.provider AS Provider, k.kek_id AS KekId, k.algorithm AS Algorithm,
               k.wrapped_key AS WrappedKey, k.encryptions AS Encryptions
        FROM cases c LEFT JOIN customer_keys k ON k.customer_id = c.customer_id
        WHERE c.id = @Id
        FOR UPDATE OF c
        """;

    public async Task<(CommentResult Result, CaseComment? Comment)> AddAsync(
        Guid caseId, string author, string text, byte[]? attachmentSha256, string? requestId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var added = await AddAsync(connection, transaction, caseId, author, text, attachmentSha256, requestId, cancellationToken);
        if (added.Result == CommentResult.Added)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return added;
    }

    /// <summary>Adds a comment inside the caller's transaction (a dispute's evidence adds one with its own change).</summary>
    public async Task<(CommentResult Result, CaseComment? Comment)> AddAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid caseId, string author, string text, byte[]? attachmentSha256, string? requestId,
        CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<KeyRow>(new CommandDefinition(LockKey, new { Id = caseId }, transaction, cancellationToken: cancellationToken));
        if (row is null)
        {
            return (CommentResult.NotFound, null);
        }

        if (row.Key() is not { } key)
        {
            return (CommentResult.CustomerErased, null);
        }

        // The key's use count moves with each encryption, as for the customer's own fields.
        var encryptions = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "UPDATE customer_keys SET encryptions = encryptions + 1 WHERE customer_id = @CustomerId RETURNING encryptions - 1",
            new { row.CustomerId }, transaction, cancellationToken: cancellationToken));
        byte[] body;
        using (var lease = await crypto.DataKeys.LeaseAsync(key, encryptions, cancellationToken))
        {
            body = FieldEncryptor.Encrypt(lease.Key, text, Context(row.CustomerId));
        }

        var at = time.GetUtcNow();
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO case_comments (case_id, author, body, attachment_sha256, created_at)
            VALUES (@CaseId, @Author, @Body, @Attachment, @At) RETURNING id
            """, new { CaseId = caseId, Author = author, Body = body, Attachment = attachmentSha256, At = at }, transaction, cancellationToken: cancellationToken));
        var hash = attachmentSha256 is null ? null : Convert.ToHexStringLower(attachmentSha256);
        await connection.ExecuteAsync(new CommandDefinition("UPDATE cases SET updated_at = @At WHERE id = @Id", new { Id = caseId, At = at }, transaction,
            cancellationToken: cancellationToken));
        await audit.AppendAsync(connection, transaction,
            new AuditEvent(author, "case.comment", AuditOutcome.Success, "case", caseId.ToString(), RequestId: requestId,
                Detail: $"comment {id}" + (hash is null ? "" : $"; attachment sha256 {hash}")),
            cancellationToken);
        return (CommentResult.Added, new CaseComment(id, author, text, hash, at));
    }

    /// <summary>The case's comments, decrypted; texts are null when the customer's key was erased.</summary>
    public async Task<IReadOnlyList<CaseComment>> ListAsync(Guid caseId, string customerId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<CommentRow>(new CommandDefinition("""
            SELECT id AS Id, author AS Author, body AS Body, attachment_sha256 AS AttachmentSha256, created_at AS CreatedAt
            FROM case_comments WHERE case_id = @Id ORDER BY id
            """, new { Id = caseId }, cancellationToken: cancellationToken))).AsList();
        if (rows.Count == 0)
        {
            return [];
        }

        var key = await connection.QuerySingleOrDefaultAsync<KeyRow>(new CommandDefinition("""
            SELECT customer_id AS CustomerId, data_key_id AS DataKeyId, provider AS Provider, kek_id AS KekId, algorithm AS Algorithm,
                   wrapped_key AS WrappedKey, encryptions AS Encryptions
            FROM customer_keys WHERE customer_id = @CustomerId
            """, new { CustomerId = customerId }, cancellationToken: cancellationToken));
        using var lease = key?.Key() is { } wrapped ? await crypto.DataKeys.LeaseAsync(wrapped, key.Encryptions, cancellationToken) : null;
        return [.. rows.Select(r => new CaseComment(r.Id, r.Author, lease is null ? null : FieldEncryptor.DecryptString(lease.Key, r.Body, Context(customerId)),
            r.AttachmentSha256 is null ? null : Convert.ToHexStringLower(r.AttachmentSha256), DbTime.Utc(r.CreatedAt)))];
    }

    private static EncryptionContext Context(string customerId) => new("case_comments", "body", customerId);

    private sealed class KeyRow
    {
        public string CustomerId { get; init; } = "";

        public Guid? DataKeyId { get; init; }

        public string? Provider { get; init; }

        public string? KekId { get; init; }

        public string? Algorithm { get; init; }

        public byte[]? WrappedKey { get; init; }

        public long Encryptions { get; init; }

        public WrappedKey? Key() => DataKeyId is { } id && WrappedKey is { } wrapped
            ? new WrappedKey(new DataKeyId(id), CustomerId, Provider!, KekId!, Algorithm!, wrapped)
            : null;
    }

    private sealed class CommentRow
    {
        public long Id { get; init; }

        public string Author { get; init; } = "";

        public byte[] Body { get; init; } = [];

        public byte[]? AttachmentSha256 { get; init; }

        public DateTime CreatedAt { get; init; }
    }
}
