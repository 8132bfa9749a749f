using Dapper;
using Npgsql;

namespace Compliance.Api.OfficerConsole;

/// <summary>The home page's figures: each a single indexed query, so the page stays fast on a large database.</summary>
internal sealed class ConsoleDashboard(NpgsqlDataSource dataSource, TimeProvider time)
{
    private const string Decisions = "SELECT decision AS Name, count(*) AS Count FROM decisions WHERE decided_at >= @Since GROUP BY decision";

    private const string Inboxes = """
        SELECT inbox AS Inbox, count(*) AS Open, count(*) FILTER (WHERE due_at < @Now) AS Breached
        FROM cases WHERE state <> 'closed' GROUP BY inbox ORDER BY inbox
        """;

    private const string Awaiting = """
        SELECT rule_set AS RuleSet, version AS Version, author AS Author, submitted_at AS SubmittedAt
        FROM rule_set_versions WHERE status = 'submitted' ORDER BY submitted_at
        """;

    public async Task<DashboardView> LoadAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var decisions = (await connection.QueryAsync<(string Name, long Count)>(new CommandDefinition(Decisions, new { Since = now.AddHours(-24) },
            cancellationToken: cancellationToken))).ToDictionary(d => d.Name, d => d.Count, StringComparer.Ordinal);
        var inboxes = (await connection.QueryAsync<InboxCount>(new CommandDefinition(Inboxes, new { Now = now }, cancellationToken: cancellationToken))).ToList();
        var awaiting = (await connection.QueryAsync<AwaitingApproval>(new CommandDefinition(Awaiting, cancellationToken: cancellationToken))).ToList();
        return new DashboardView(
            [.. new[] { "allow", "review", "block" }.Select(d => (d, decisions.GetValueOrDefault(d)))], inboxes, awaiting);
    }
}

internal sealed record DashboardView(IReadOnlyList<(string Decision, long Count)> Decisions24h, IReadOnlyList<InboxCount> Inboxes, IReadOnlyList<AwaitingApproval> Awaiting)
{
    public long Breached => Inboxes.Sum(i => i.Breached);
}

internal sealed class InboxCount
{
    public string Inbox { get; init; } = "";

    public long Open { get; init; }

    public long Breached { get; init; }
}

internal sealed class AwaitingApproval
{
    public string RuleSet { get; init; } = "";

    public int Version { get; init; }

    public string Author { get; init; } = "";

    public DateTime? SubmittedAt { get; init; }
}
