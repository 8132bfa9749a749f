using Compliance.Api.Audit;
using Compliance.Api.Storage;
using Dapper;
using Npgsql;

namespace Compliance.Api.Kyc;

/// <summary>
/// Applies an observation to a verification and, through it, to the customer, inside the caller's
/// transaction: in provider time order, with a history row and an audit event for every change.
/// </summary>
/// <remarks>
/// Ordering is per verification: an observation older than the newest applied one is ignored, so a
/// late resend can never move the status back; a newer one applies whatever it says, so legitimate
/// reversals (approved, then rejected after fraud review) go through. The customer's status follows
/// their most recent verification of the same kind; a final rejection on an older one still applies,
/// because starting a new verification must not wash out a fraud finding.
/// </remarks>
internal sealed class KycStatusApplier(AuditLog audit, Cases.CaseOpener cases, TimeProvider time)
{
    private const string LockCustomer = "SELECT id FROM customers WHERE id = @CustomerId FOR UPDATE";

    private const string LockVerification = $"""
        SELECT {KycVerificationRow.Columns}
        FROM kyc_verifications WHERE id = @Id FOR UPDATE
        """;

    private const string UpdateVerification = """
        UPDATE kyc_verifications
        SET status = @Status, raw_status = @RawStatus, reason_codes = @ReasonCodes, last_event_at = @At, updated_at = @Now
        WHERE id = @Id
        """;

    private const string TouchVerification = "UPDATE kyc_verifications SET last_event_at = @At, updated_at = @Now WHERE id = @Id";

    private const string IsCurrent = """
        SELECT NOT EXISTS (SELECT 1 FROM kyc_verifications o WHERE o.customer_id = @CustomerId AND o.kind = @Kind AND o.created_at > @CreatedAt)
        """;

    private const string UpdateIdentity = """
        UPDATE customers
        SET kyc_status = @Status,
            kyc_level = CASE WHEN @Approved THEN @Level ELSE kyc_level END,
            kyc_verified_at = CASE WHEN @Approved THEN @At ELSE kyc_verified_at END
        WHERE id = @CustomerId
        """;

    private const string UpdateScreening = "UPDATE customers SET screening_status = @Status WHERE id = @CustomerId";

    private const string InsertHistory = """
        INSERT INTO kyc_status_history (customer_id, verification_id, provider, dimension, from_status, to_status, raw_status, reason_codes,
                                        source, event_id, provider_time, recorded_at)
        VALUES (@CustomerId, @VerificationId, @Provider, @Dimension, @From, @To, @RawStatus, @ReasonCodes, @Source, @EventId, @ProviderTime, @Now)
        """;

    public async Task<KycApplyResult> ApplyAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid verificationId, KycObservation observation, string? requestId,
        CancellationToken cancellationToken)
    {
        // Customer first, then verification, as everywhere else that changes both: no lock-order deadlocks.
        var customerId = await connection.QuerySingleAsync<string>(new CommandDefinition(
            "SELECT customer_id FROM kyc_verifications WHERE id = @Id", new { Id = verificationId }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(LockCustomer, new { CustomerId = customerId }, transaction, cancellationToken: cancellationToken));
        var v = await connection.QuerySingleAsync<KycVerificationRow>(new CommandDefinition(
            LockVerification, new { Id = verificationId }, transaction, cancellationToken: cancellationToken));

        var newStatus = v.IsScreening ? observation.Screening?.ToCode() : observation.Status?.ToCode();
        var ordering = Order(v, observation, newStatus);
        if (ordering != KycApplyResult.Changed)
        {
            return ordering;
        }

        var at = CanonicalWriter.ToMicroseconds(observation.OccurredAt!.Value);
        var now = CanonicalWriter.ToMicroseconds(time.GetUtcNow());
        if (newStatus is null || newStatus == v.Status)
        {
            await connection.ExecuteAsync(new CommandDefinition(TouchVerification, new { At = at, Now = now, v.Id }, transaction, cancellationToken: cancellationToken));
            return KycApplyResult.Unchanged;
        }

        await connection.ExecuteAsync(new CommandDefinition(UpdateVerification, new
        {
            Status = newStatus,
            observation.RawStatus,
            ReasonCodes = observation.ReasonCodes.ToArray(),
            At = at,
            Now = now,
            v.Id,
        }, transaction, cancellationToken: cancellationToken));

        var current = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            IsCurrent, new { v.CustomerId, v.Kind, v.CreatedAt }, transaction, cancellationToken: cancellationToken));
        var customerChanged = current || (!v.IsScreening && observation.Status == KycStatus.Rejected);
        if (customerChanged)
        {
            var sql = v.IsScreening ? UpdateScreening : UpdateIdentity;
            await connection.ExecuteAsync(new CommandDefinition(sql, new
            {
                Status = newStatus,
                Approved = observation.Status == KycStatus.Approved,
                v.Level,
                At = at,
                v.CustomerId,
            }, transaction, cancellationToken: cancellationToken));
        }

        await connection.ExecuteAsync(new CommandDefinition(InsertHistory, new
        {
            v.CustomerId,
            VerificationId = v.Id,
            v.Provider,
            Dimension = v.Kind,
            From = v.Status,
            To = newStatus,
            observation.RawStatus,
            ReasonCodes = observation.ReasonCodes.ToArray(),
            observation.Source,
            observation.EventId,
            ProviderTime = at,
            Now = now,
        }, transaction, cancellationToken: cancellationToken));

        // A result that needs a human opens (or joins) the customer's review case, in this transaction.
        var caseReason = !customerChanged ? null
            : v.IsScreening && observation.Screening == ScreeningStatus.PotentialMatch ? "SCREENING_POTENTIAL_MATCH"
            : !v.IsScreening && observation.Status == KycStatus.NeedsReview ? "KYC_NEEDS_REVIEW"
            : null;
        if (caseReason is not null)
        {
            await cases.OpenAsync(connection, transaction, v.CustomerId, caseReason, v.IsScreening ? "screening" : "kyc_event",
                $"{v.Id:N}/{observation.EventId ?? at.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture)}", now, cancellationToken);
        }

        var detail = $"{v.Kind} {v.Status} -> {newStatus} ({observation.Source}; verification {v.Id}"
            + (observation.EventId is null ? "" : $"; event {observation.EventId}")
            + (customerChanged ? ")" : "; not the customer's current verification)");
        await audit.AppendAsync(connection, transaction, new AuditEvent(
            $"provider:{v.Provider}", KycAuditActions.StatusChanged, AuditOutcome.Success, "customer", v.CustomerId, RequestId: requestId, Detail: detail),
            cancellationToken);
        return KycApplyResult.Changed;
    }

    /// <summary>Where the observation stands against the newest applied one (spec §9.6).</summary>
    private static KycApplyResult Order(KycVerificationRow v, KycObservation observation, string? newStatus)
    {
        if (observation.OccurredAt is not { } occurred)
        {
            return observation.Authoritative ? throw new ArgumentException("A provider read carries a time.", nameof(observation)) : KycApplyResult.NeedsFetch;
        }

        if (v.LastEventAt is not { } last)
        {
            return KycApplyResult.Changed;
        }

        var at = CanonicalWriter.ToMicroseconds(occurred).UtcDateTime;
        if (at < last)
        {
            return KycApplyResult.Older;
        }

        // Two events at the same provider time that disagree: only the provider knows which is current.
        if (at == last && newStatus is not null && newStatus != v.Status && !observation.Authoritative)
        {
            return KycApplyResult.NeedsFetch;
        }

        return KycApplyResult.Changed;
    }
}
