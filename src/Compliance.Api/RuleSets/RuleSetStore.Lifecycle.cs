using Dapper;
using Npgsql;

namespace Compliance.Api.RuleSets;

/// <summary>
/// The version lifecycle: draft → submitted → approved → published → retired, or rejected. Each
/// step runs under the rule set's row lock and writes its audit event in the same transaction.
/// </summary>
internal sealed partial class RuleSetStore
{
    /// <summary>The channel a publish notifies, with the rule set's name as payload.</summary>
    public const string Channel = "rule_sets";

    private const string SetSubmitted = $"""
        UPDATE rule_set_versions SET status = 'submitted', submitted_at = @At WHERE rule_set = @Name AND version = @Version RETURNING {Columns}
        """;

    private const string SetReviewed = $"""
        UPDATE rule_set_versions SET status = @Status, reviewed_by = @By, reviewed_at = @At, note = coalesce(@Note, note)
        WHERE rule_set = @Name AND version = @Version RETURNING {Columns}
        """;

    private const string RetirePublished = "UPDATE rule_set_versions SET status = 'retired', retired_at = @At WHERE rule_set = @Name AND status = 'published' RETURNING version";

    private const string SetPublished = $"""
        UPDATE rule_set_versions SET status = 'published', published_at = @At, published_by = @By WHERE rule_set = @Name AND version = @Version RETURNING {Columns}
        """;

    private const string Notify = "SELECT pg_notify(@Channel, @Name)";

    /// <summary>
    /// Submits a draft whose content the caller validated and tested: <paramref name="testedHash"/> is
    /// the hash it tested, so a draft edited in between is refused rather than submitted untested.
    /// </summary>
    public Task<RuleSetChange> SubmitAsync(string name, int version, string testedHash, string principal, string? requestId, CancellationToken cancellationToken) =>
        ChangeAsync(name, version, async (connection, transaction, row) =>
        {
            if (row.Status != "draft")
            {
                return RuleSetChange.Conflict($"Version {version} is {row.Status}; only a draft can be submitted.");
            }

            if (row.Author != principal)
            {
                return RuleSetChange.Forbidden($"Version {version} is a draft of {row.Author}; only its author submits it.");
            }

            if (row.ContentHash != testedHash)
            {
                return RuleSetChange.Conflict($"Version {version} changed while it was being tested; submit again.");
            }

            var updated = await connection.QuerySingleAsync<RuleSetVersionRow>(new CommandDefinition(SetSubmitted,
                new { Name = name, Version = version, At = time.GetUtcNow() }, transaction, cancellationToken: cancellationToken));
            await audit.AppendAsync(connection, transaction, Event(principal, "ruleset.version.submitted", updated, requestId), cancellationToken);
            return RuleSetChange.Done(updated);
        }, cancellationToken);

    /// <summary>Approves (or rejects) a submitted version: four eyes, so never by its author.</summary>
    public Task<RuleSetChange> ReviewAsync(string name, int version, bool approve, string principal, string? note, string? requestId, CancellationToken cancellationToken) =>
        ChangeAsync(name, version, async (connection, transaction, row) =>
        {
            // Rejecting an approved version that was never published withdraws it; approving needs a submitted one.
            var allowed = approve ? row.Status == "submitted" : row.Status is "submitted" or "approved";
            if (!allowed)
            {
                return RuleSetChange.Conflict($"Version {version} is {row.Status}; only a submitted version can be {(approve ? "approved" : "rejected")}.");
            }

            if (row.Author == principal)
            {
                await audit.AppendAsync(connection, transaction, Event(principal, approve ? "ruleset.version.approve_refused" : "ruleset.version.reject_refused", row, requestId)
                    with { Outcome = Audit.AuditOutcome.Denied }, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return RuleSetChange.Forbidden($"You are the author of version {version}; a second officer must review it.");
            }

            var updated = await connection.QuerySingleAsync<RuleSetVersionRow>(new CommandDefinition(SetReviewed, new
            {
                Name = name, Version = version, Status = approve ? "approved" : "rejected", By = principal, At = time.GetUtcNow(), Note = note,
            }, transaction, cancellationToken: cancellationToken));
            await audit.AppendAsync(connection, transaction,
                Event(principal, approve ? "ruleset.version.approved" : "ruleset.version.rejected", updated, requestId, note), cancellationToken);
            return RuleSetChange.Done(updated);
        }, cancellationToken);

    /// <summary>
    /// Publishes an approved version: retires the published one, publishes this one, audits and
    /// notifies every instance, in one transaction under the rule set's row lock, so concurrent
    /// publishes serialize and exactly one version stays published.
    /// </summary>
    public Task<RuleSetChange> PublishAsync(string name, int version, string principal, string? requestId, CancellationToken cancellationToken) =>
        ChangeAsync(name, version, async (connection, transaction, row) =>
        {
            if (row.Status != "approved")
            {
                return RuleSetChange.Conflict($"Version {version} is {row.Status}; only an approved version can be published.");
            }

            var updated = await PublishLockedAsync(connection, transaction, name, version, principal, "ruleset.version.published", requestId, null, cancellationToken);
            return RuleSetChange.Done(updated);
        }, cancellationToken);

    /// <summary>
    /// Restores the content of an earlier published version as a new version: submitted, to be
    /// approved and published like any change; or, for an admin's emergency, published at once and
    /// recorded as such.
    /// </summary>
    public async Task<RuleSetChange> RollbackAsync(string name, int toVersion, bool emergency, string principal, string? requestId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await LockAsync(connection, transaction, name, cancellationToken))
        {
            return RuleSetChange.NotFound($"There is no rule set {name}.");
        }

        var target = await FindAsync(connection, transaction, name, toVersion, cancellationToken);
        if (target is null || target.PublishedAt is null)
        {
            return RuleSetChange.Invalid("toVersion", $"version {toVersion} of {name} was never published; roll back to a version that was.");
        }

        if (target.Status == "published")
        {
            return RuleSetChange.Conflict($"Version {toVersion} is the published version already.");
        }

        var note = emergency ? $"emergency rollback to {toVersion}" : $"rollback to {toVersion}";
        var version = await connection.ExecuteScalarAsync<int>(new CommandDefinition(SelectNextVersion, new { Name = name }, transaction, cancellationToken: cancellationToken));
        var at = time.GetUtcNow();
        var row = await connection.QuerySingleAsync<RuleSetVersionRow>(new CommandDefinition(InsertDraft, new
        {
            Name = name, Version = version, Status = "submitted", target.Workflow, target.Settings, target.Tests, Hash = target.ContentHash,
            BasedOn = (int?)toVersion, Author = principal, At = at, Note = note,
        }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition("UPDATE rule_set_versions SET submitted_at = @At WHERE rule_set = @Name AND version = @Version",
            new { Name = name, Version = version, At = at }, transaction, cancellationToken: cancellationToken));
        await audit.AppendAsync(connection, transaction, Event(principal, "ruleset.rollback.requested", row, requestId, note), cancellationToken);
        if (emergency)
        {
            // No second officer in an emergency: the admin is recorded as the reviewer, with the note saying why.
            await connection.ExecuteAsync(new CommandDefinition(SetReviewed, new { Name = name, Version = version, Status = "approved", By = principal, At = at, Note = note },
                transaction, cancellationToken: cancellationToken));
            row = await PublishLockedAsync(connection, transaction, name, version, principal, "ruleset.rollback.emergency", requestId, note, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return RuleSetChange.Done(row);
    }

    private async Task<RuleSetVersionRow> PublishLockedAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string name, int version, string principal, string action, string? requestId, string? note,
        CancellationToken cancellationToken)
    {
        var at = time.GetUtcNow();
        var retired = await connection.QuerySingleOrDefaultAsync<int?>(new CommandDefinition(RetirePublished, new { Name = name, At = at }, transaction, cancellationToken: cancellationToken));
        var updated = await connection.QuerySingleAsync<RuleSetVersionRow>(new CommandDefinition(SetPublished,
            new { Name = name, Version = version, At = at, By = principal }, transaction, cancellationToken: cancellationToken));
        await audit.AppendAsync(connection, transaction,
            Event(principal, action, updated, requestId, note) with { Detail = $"version={version} status=published hash={updated.ContentHash} retired={retired}" + (note is null ? "" : $" note={note}") },
            cancellationToken);

        // Delivered at commit, to every instance listening (RuleSetLoader); never if this rolls back.
        await connection.ExecuteAsync(new CommandDefinition(Notify, new { Channel, Name = name }, transaction, cancellationToken: cancellationToken));
        return updated;
    }
}
