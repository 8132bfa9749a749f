using Dapper;
using Npgsql;

namespace Compliance.Api.Audit;

/// <summary>Reads the audit log (writes go through <see cref="AuditLog"/>, inside the writer's transaction).</summary>
internal sealed class AuditStore(NpgsqlDataSource dataSource)
{
    private const string SelectPage = $"""
        SELECT {AuditRow.Columns}
        FROM audit_log
        WHERE id > @After
          AND (@Action::text IS NULL OR action = @Action)
          AND (@Subject::text IS NULL OR subject = @Subject)
        ORDER BY id
        LIMIT @Limit
        """;

    // The console reads newest first, from a row back (keyset on id).
    private const string SelectLatest = $"""
        SELECT {AuditRow.Columns}
        FROM audit_log
        WHERE id < @Before
          AND (@Action::text IS NULL OR action = @Action)
          AND (@Subject::text IS NULL OR subject = @Subject)
          AND (@Principal::text IS NULL OR principal = @Principal)
        ORDER BY id DESC
        LIMIT @Limit
        """;

    /// <summary>Newest first, older than <paramref name="before"/>; filters match exactly.</summary>
    public async Task<IReadOnlyList<AuditRecord>> LatestAsync(long before, int limit, string? action, string? subject, string? principal, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<AuditRow>(new CommandDefinition(SelectLatest,
            new { Before = before, Limit = limit, Action = action, Subject = subject, Principal = principal }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToRecord())];
    }

    public async Task<IReadOnlyList<AuditRecord>> PageAsync(long after, int limit, string? action, string? subject, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<AuditRow>(new CommandDefinition(SelectPage,
            new { After = after, Limit = limit, Action = action, Subject = subject }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToRecord())];
    }
}
