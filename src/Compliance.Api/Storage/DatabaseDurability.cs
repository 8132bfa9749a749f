using Dapper;
using Npgsql;

namespace Compliance.Api.Storage;

/// <summary>
/// Whether the database keeps what it acknowledged: with <c>fsync</c> or <c>full_page_writes</c>
/// off, an OS crash or power cut can lose or corrupt committed rows; with
/// <c>synchronous_commit = off</c>, the last commits before a crash are lost even though the
/// service answered them. Read on the service's own connections, so a per-role or per-database
/// override counts too.
/// </summary>
internal sealed record DatabaseDurability(string Fsync, string FullPageWrites, string SynchronousCommit)
{
    public const string Query =
        "SELECT current_setting('fsync') AS Fsync, current_setting('full_page_writes') AS FullPageWrites, current_setting('synchronous_commit') AS SynchronousCommit";

    public bool IsDurable => Problems.Count == 0;

    /// <summary>What an operator has to change, one line each; empty when durable.</summary>
    public IReadOnlyList<string> Problems
    {
        get
        {
            var problems = new List<string>(3);
            if (Fsync != "on")
            {
                problems.Add("fsync is off: an OS crash or power cut can lose or corrupt committed decisions");
            }

            if (FullPageWrites != "on")
            {
                problems.Add("full_page_writes is off: an OS crash can leave torn pages that recovery cannot repair");
            }

            if (SynchronousCommit == "off")
            {
                problems.Add("synchronous_commit is off: decisions answered in the last moments before a crash are lost");
            }

            return problems;
        }
    }

    public static async Task<DatabaseDurability> ReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        await connection.QuerySingleAsync<DatabaseDurability>(new CommandDefinition(Query, cancellationToken: cancellationToken));
}
