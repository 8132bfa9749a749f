using System.Runtime.CompilerServices;
using Dapper;

namespace Compliance.Api.RuleSets;

/// <summary>The recorded decisions a backtest replays, oldest first, read in pages.</summary>
internal sealed partial class RuleSetStore
{
    private const int DecisionPage = 1000;

    private const string CountDecisions = "SELECT count(*) FROM decisions WHERE rule_set = @Name AND decided_at >= @From AND decided_at < @To";

    // Keyset paging: each page continues after the last (decided_at, transaction_id) seen, so no page re-reads the ones before.
    private const string SelectDecisions = """
        SELECT transaction_id AS TransactionId, facts AS Facts, decision AS Decision, rule_set_version AS RuleSetVersion, decided_at AS DecidedAt
        FROM decisions
        WHERE rule_set = @Name AND decided_at >= @From AND decided_at < @To AND (decided_at, transaction_id) > (@AfterAt, @AfterId)
        ORDER BY decided_at, transaction_id LIMIT @Limit
        """;

    // Backtests read recorded decisions from the replica when there is one (ReadReplica).
    public async Task<long> DecisionCountAsync(string name, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await replica.DataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(CountDecisions, new { Name = name, From = from, To = to }, cancellationToken: cancellationToken));
    }

    /// <summary>The decisions of [from, to) in order, after <paramref name="after"/> when given (a resumed backtest).</summary>
    public async IAsyncEnumerable<RecordedDecisionRow> DecisionsAsync(
        string name, DateTimeOffset from, DateTimeOffset to, int limit, (DateTimeOffset At, string Id)? after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (afterAt, afterId) = after ?? (from.AddTicks(-10), "");
        var read = 0;
        while (read < limit)
        {
            List<RecordedDecisionRow> page;
            await using (var connection = await replica.DataSource.OpenConnectionAsync(cancellationToken))
            {
                page = [.. await connection.QueryAsync<RecordedDecisionRow>(new CommandDefinition(SelectDecisions,
                    new { Name = name, From = from, To = to, AfterAt = afterAt, AfterId = afterId, Limit = Math.Min(DecisionPage, limit - read) },
                    cancellationToken: cancellationToken))];
            }

            foreach (var row in page)
            {
                yield return row;
            }

            read += page.Count;
            if (page.Count < DecisionPage)
            {
                yield break;
            }

            afterAt = new DateTimeOffset(DateTime.SpecifyKind(page[^1].DecidedAt, DateTimeKind.Utc));
            afterId = page[^1].TransactionId;
        }
    }
}
