using Compliance.Api.Audit;
using Compliance.Api.Storage;
using Dapper;
using Npgsql;

namespace Compliance.Api.Kyc;

/// <summary>Verifications, their history, and the status a customer's checks see.</summary>
internal sealed class KycStore(NpgsqlDataSource dataSource, AuditLog audit, KycStatusApplier applier, TimeProvider time)
{
    private const string FindCustomer = "SELECT pii_erased_at IS NOT NULL FROM customers WHERE id = @Id";

    private const string FindApplicantRef = """
        SELECT coalesce(applicant_ref, provider_ref) FROM kyc_verifications
        WHERE customer_id = @CustomerId AND provider = @Provider ORDER BY created_at DESC LIMIT 1
        """;

    private const string InsertVerification = """
        INSERT INTO kyc_verifications (id, customer_id, provider, kind, level, provider_ref, applicant_ref, status, raw_status, created_at, updated_at)
        VALUES (@Id, @CustomerId, @Provider, @Kind, @Level, @ProviderRef, @ApplicantRef, @Status, @RawStatus, @Now, @Now)
        """;

    private const string MarkIdentityPending = "UPDATE customers SET kyc_status = @Status WHERE id = @CustomerId";

    private const string InsertHistory = """
        INSERT INTO kyc_status_history (customer_id, verification_id, provider, dimension, from_status, to_status, raw_status, source, recorded_at)
        VALUES (@CustomerId, @VerificationId, @Provider, @Dimension, @From, @To, @RawStatus, 'start', @Now)
        """;

    private const string SelectStatus = """
        SELECT kyc_status AS KycStatus, kyc_level AS KycLevel, kyc_verified_at AS KycVerifiedAt, screening_status AS ScreeningStatus
        FROM customers WHERE id = @Id
        """;

    private const string SelectVerifications = $"""
        SELECT {KycVerificationRow.Columns}
        FROM kyc_verifications WHERE customer_id = @Id ORDER BY created_at DESC
        """;

    private const string SelectHistory = """
        SELECT recorded_at AS RecordedAt, verification_id AS VerificationId, provider AS Provider, dimension AS Dimension,
               from_status AS FromStatus, to_status AS ToStatus, raw_status AS RawStatus, reason_codes AS ReasonCodes, source AS Source,
               event_id AS EventId, provider_time AS ProviderTime
        FROM kyc_status_history WHERE customer_id = @Id ORDER BY id DESC LIMIT 200
        """;

    /// <summary>Null when the customer does not exist; true when their personal data was erased.</summary>
    public async Task<bool?> CustomerErasedAsync(string customerId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<bool?>(new CommandDefinition(FindCustomer, new { Id = customerId }, cancellationToken: cancellationToken));
    }

    /// <summary>The provider's id for this customer from their latest verification there, to reuse rather than create anew.</summary>
    public async Task<string?> ApplicantRefAsync(string customerId, string provider, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            FindApplicantRef, new { CustomerId = customerId, Provider = provider }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Records a verification the provider has just created: the row, the customer's identity status
    /// becoming pending (a new verification supersedes the old one), history and audit, in one transaction.
    /// A result the provider answered the start with (a synchronous scan) is applied in the same transaction.
    /// </summary>
    public async Task<KycVerificationRow> RecordStartAsync(
        Guid id, string customerId, string provider, string level, Providers.ProviderSession session, string principal, string requestId,
        CancellationToken cancellationToken)
    {
        var kind = KycKinds.For(provider);
        var now = CanonicalWriter.ToMicroseconds(time.GetUtcNow());
        var status = kind == KycKinds.Screening ? ScreeningStatus.NotScreened.ToCode() : KycStatus.Pending.ToCode();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var previous = await connection.QuerySingleAsync<string>(new CommandDefinition(
            "SELECT CASE WHEN @Kind = 'screening' THEN screening_status ELSE kyc_status END FROM customers WHERE id = @CustomerId FOR UPDATE",
            new { Kind = kind, CustomerId = customerId }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(InsertVerification, new
        {
            Id = id,
            CustomerId = customerId,
            Provider = provider,
            Kind = kind,
            Level = level,
            session.ProviderRef,
            session.ApplicantRef,
            Status = status,
            session.RawStatus,
            Now = now,
        }, transaction, cancellationToken: cancellationToken));
        if (kind == KycKinds.Identity)
        {
            await connection.ExecuteAsync(new CommandDefinition(MarkIdentityPending, new { Status = status, CustomerId = customerId }, transaction,
                cancellationToken: cancellationToken));
        }

        await connection.ExecuteAsync(new CommandDefinition(InsertHistory, new
        {
            CustomerId = customerId,
            VerificationId = id,
            Provider = provider,
            Dimension = kind,
            From = previous,
            To = kind == KycKinds.Identity ? status : previous,
            session.RawStatus,
            Now = now,
        }, transaction, cancellationToken: cancellationToken));
        await audit.AppendAsync(connection, transaction, new AuditEvent(
            principal, KycAuditActions.VerificationStarted, AuditOutcome.Success, "customer", customerId, RequestId: requestId,
            Detail: $"{provider} {kind} verification {id} at level {level}"), cancellationToken);
        if (session.Result is { } result)
        {
            await applier.ApplyAsync(connection, transaction, id, KycObservation.FromProvider(result, now, "start", eventId: null), requestId, cancellationToken);
            status = (kind == KycKinds.Screening ? result.Screening?.ToCode() : result.Status?.ToCode()) ?? status;
        }

        await transaction.CommitAsync(cancellationToken);
        return new KycVerificationRow
        {
            Id = id,
            CustomerId = customerId,
            Provider = provider,
            Kind = kind,
            Level = level,
            ProviderRef = session.ProviderRef,
            ApplicantRef = session.ApplicantRef,
            Status = status,
            RawStatus = session.RawStatus,
            CreatedAt = now.UtcDateTime,
            UpdatedAt = now.UtcDateTime,
        };
    }

    public async Task<KycView?> GetAsync(string customerId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var status = await connection.QuerySingleOrDefaultAsync<KycStatusRow>(new CommandDefinition(SelectStatus, new { Id = customerId }, cancellationToken: cancellationToken));
        if (status is null)
        {
            return null;
        }

        var verifications = await connection.QueryAsync<KycVerificationRow>(new CommandDefinition(SelectVerifications, new { Id = customerId }, cancellationToken: cancellationToken));
        var history = await connection.QueryAsync<KycHistoryRow>(new CommandDefinition(SelectHistory, new { Id = customerId }, cancellationToken: cancellationToken));
        return new KycView(status, verifications.AsList(), history.AsList());
    }
}
