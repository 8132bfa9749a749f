using Dapper;
using Npgsql;

namespace Compliance.Api.OfficerConsole;

/// <summary>What the customer pages list besides the customer itself: no PII, only ids, statuses and decisions.</summary>
internal sealed class ConsoleCustomers(NpgsqlDataSource dataSource)
{
    public const int PageSize = 50;

    // Newest first, keyset-paged on (created_at, id) in the order of customers_by_created.
    private const string Newest = """
        SELECT id AS Id, country AS Country, risk_rating AS RiskRating, pep AS Pep, kyc_status AS KycStatus, created_at AS CreatedAt, pii_erased_at IS NOT NULL AS Erased
        FROM customers
        WHERE (@Id::text IS NULL OR id = @Id)
          AND (@AfterAt::timestamptz IS NULL OR created_at < @AfterAt OR (created_at = @AfterAt AND id > @AfterId))
        ORDER BY created_at DESC, id
        LIMIT @Limit
        """;

    private const string Decisions = """
        SELECT transaction_id AS TransactionId, decision AS Decision, score AS Score, decided_at AS DecidedAt, final_decision AS FinalDecision, outcome AS Outcome
        FROM decisions WHERE customer_id = @Id ORDER BY decided_at DESC LIMIT 50
        """;

    private const string Cases = """
        SELECT id AS Id, kind AS Kind, inbox AS Inbox, state AS State, resolution AS Resolution, opened_at AS OpenedAt
        FROM cases WHERE customer_id = @Id ORDER BY opened_at DESC LIMIT 50
        """;

    /// <summary>A page of customers, newest first, after <paramref name="after"/> (the last row of the previous page).</summary>
    public async Task<IReadOnlyList<CustomerListItem>> ListAsync(string? id, (DateTime At, string Id)? after, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return [.. await connection.QueryAsync<CustomerListItem>(new CommandDefinition(Newest,
            new { Id = id, AfterAt = after?.At, AfterId = after?.Id, Limit = PageSize }, cancellationToken: cancellationToken))];
    }

    public async Task<(IReadOnlyList<CustomerDecisionItem> Decisions, IReadOnlyList<CustomerCaseItem> Cases)> HistoryAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var decisions = (await connection.QueryAsync<CustomerDecisionItem>(new CommandDefinition(Decisions, new { Id = id }, cancellationToken: cancellationToken))).ToList();
        var cases = (await connection.QueryAsync<CustomerCaseItem>(new CommandDefinition(Cases, new { Id = id }, cancellationToken: cancellationToken))).ToList();
        return (decisions, cases);
    }
}

internal sealed class CustomerListItem
{
    public string Id { get; init; } = "";

    public string? Country { get; init; }

    public string RiskRating { get; init; } = "";

    public bool Pep { get; init; }

    public string KycStatus { get; init; } = "";

    public DateTime CreatedAt { get; init; }

    public bool Erased { get; init; }
}

internal sealed class CustomerDecisionItem
{
    public string TransactionId { get; init; } = "";

    public string Decision { get; init; } = "";

    public int Score { get; init; }

    public DateTime DecidedAt { get; init; }

    public string? FinalDecision { get; init; }

    public string? Outcome { get; init; }
}

internal sealed class CustomerCaseItem
{
    public Guid Id { get; init; }

    public string Kind { get; init; } = "";

    public string Inbox { get; init; } = "";

    public string State { get; init; } = "";

    public string? Resolution { get; init; }

    public DateTime OpenedAt { get; init; }
}
