using Compliance.Api.Screening.Matching;
using Dapper;
using Npgsql;

namespace Compliance.Api.Screening.Decisions;

/// <summary>
/// Which of a customer's hits officers have set aside as false positives: those whose newest approved
/// decision is <c>false_positive</c> and whose entry, in the list version of the hit, still has the
/// content hash the officers decided on. A changed entry is a hit again.
/// </summary>
internal static class Whitelist
{
    private const string Query = """
        SELECT h.list || ':' || h.entry_id
        FROM unnest(@Lists::text[], @Versions::int[], @Entries::text[]) AS h(list, version, entry_id)
        JOIN screening_list_entries e ON e.list = h.list AND e.version = h.version AND e.entry_id = h.entry_id
        JOIN LATERAL (SELECT d.decision, d.content_hash FROM screening_match_decisions d
                      WHERE d.customer_id = @CustomerId AND d.list = h.list AND d.entry_id = h.entry_id AND d.state = 'approved'
                      ORDER BY d.decided_at DESC LIMIT 1) d ON true
        WHERE d.decision = 'false_positive' AND d.content_hash = e.content_hash
        """;

    public static string Key(string list, string entryId) => $"{list}:{entryId}";

    public static string Key(this ScreeningHit hit) => Key(hit.List, hit.EntryId);

    /// <summary>The keys (<c>list:entry</c>) of the hits in force as false positives for the customer.</summary>
    public static async Task<IReadOnlySet<string>> OfAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string customerId, IReadOnlyList<ScreeningHit> hits, CancellationToken cancellationToken)
    {
        if (hits.Count == 0)
        {
            return new HashSet<string>();
        }

        var keys = await connection.QueryAsync<string>(new CommandDefinition(Query, new
        {
            CustomerId = customerId,
            Lists = hits.Select(h => h.List).ToArray(),
            Versions = hits.Select(h => (int)h.ListVersion).ToArray(),
            Entries = hits.Select(h => h.EntryId).ToArray(),
        }, transaction, cancellationToken: cancellationToken));
        return keys.ToHashSet(StringComparer.Ordinal);
    }
}
