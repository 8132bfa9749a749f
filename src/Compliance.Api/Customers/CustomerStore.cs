using Compliance.Api.Audit;
using Compliance.Crypto;
using Dapper;
using Npgsql;

namespace Compliance.Api.Customers;

/// <summary>
/// Customers in PostgreSQL. PII is encrypted before it is sent and decrypted after it is read;
/// each write commits with its audit event in one transaction.
/// </summary>
internal sealed partial class CustomerStore(NpgsqlDataSource dataSource, CryptoServices crypto, AuditLog audit, TimeProvider time)
{
    private const string InsertCustomer = """
        INSERT INTO customers (id, country, risk_rating, pep, segment, created_at)
        VALUES (@Id, @Country, @RiskRating, @Pep, @Segment, @CreatedAt)
        """;

    private const string InsertKey = """
        INSERT INTO customer_keys (customer_id, data_key_id, provider, kek_id, algorithm, wrapped_key, encryptions, created_at)
        VALUES (@CustomerId, @DataKeyId, @Provider, @KekId, @Algorithm, @WrappedKey, @Encryptions, @CreatedAt)
        """;

    private const string InsertPii = """
        INSERT INTO customer_pii (customer_id, full_name, date_of_birth, national_id, document_number, email, phone, address, nationality)
        VALUES (@CustomerId, @full_name, @date_of_birth, @national_id, @document_number, @email, @phone, @address, @nationality)
        """;

    private const string InsertIndexes = """
        INSERT INTO customer_blind_indexes (customer_id, field, value)
        SELECT @CustomerId, f, v FROM unnest(@Fields::text[], @Values::bytea[]) AS t(f, v)
        """;

    private const string SelectCustomer = """
        SELECT c.id AS Id, c.country AS Country, c.risk_rating AS RiskRating, c.pep AS Pep, c.segment AS Segment,
               c.kyc_status AS KycStatus, c.created_at AS CreatedAt, c.pii_erased_at AS PiiErasedAt,
               k.data_key_id AS DataKeyId, k.provider AS Provider, k.kek_id AS KekId, k.algorithm AS Algorithm,
               k.wrapped_key AS WrappedKey, k.encryptions AS Encryptions,
               p.full_name AS FullName, p.date_of_birth AS DateOfBirth, p.national_id AS NationalId,
               p.document_number AS DocumentNumber, p.email AS Email, p.phone AS Phone, p.address AS Address,
               p.nationality AS Nationality
        FROM customers c
        LEFT JOIN customer_keys k ON k.customer_id = c.id
        LEFT JOIN customer_pii p ON p.customer_id = c.id
        WHERE c.id = @Id
        """;

    /// <summary>Creates the customer; null when the id is taken (nothing is written then).</summary>
    public async Task<CustomerRecord?> CreateAsync(string id, CreateCustomerRequest request, string principal, string? requestId, CancellationToken cancellationToken)
    {
        var pii = Pii(request);
        var createdAt = Storage.CanonicalWriter.ToMicroseconds(time.GetUtcNow());
        using var created = await crypto.DataKeys.CreateDataKeyAsync(id, cancellationToken);
        var envelopes = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (field, value) in pii)
        {
            envelopes[field] = FieldEncryptor.Encrypt(created.Key, value, PiiColumns.Context(field, id));
        }

        var indexes = pii.Where(p => PiiColumns.IndexOf.ContainsKey(p.Key))
            .Select(p => (Field: p.Key, Value: crypto.BlindIndexer.Compute(PiiColumns.IndexOf[p.Key], p.Value)))
            .ToList();
        var wrapped = created.Wrapped;

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(InsertCustomer, new
            {
                Id = id,
                request.Country,
                RiskRating = request.RiskRating ?? "medium",
                Pep = request.Pep ?? false,
                request.Segment,
                CreatedAt = createdAt,
            }, transaction, cancellationToken: cancellationToken));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return null;
        }

        await connection.ExecuteAsync(new CommandDefinition(InsertKey, new
        {
            CustomerId = id,
            DataKeyId = wrapped.DataKeyId.Value,
            Provider = wrapped.ProviderName,
            wrapped.KekId,
            wrapped.Algorithm,
            WrappedKey = wrapped.Ciphertext.ToArray(),
            Encryptions = created.Key.EncryptionCount,
            CreatedAt = createdAt,
        }, transaction, cancellationToken: cancellationToken));
        var columns = new DynamicParameters(new { CustomerId = id });
        foreach (var (field, column) in PiiColumns.ColumnOf)
        {
            columns.Add(column, envelopes.GetValueOrDefault(field), System.Data.DbType.Binary);
        }

        await connection.ExecuteAsync(new CommandDefinition(InsertPii, columns, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(InsertIndexes, new
        {
            CustomerId = id,
            Fields = indexes.Select(i => i.Field).ToArray(),
            Values = indexes.Select(i => i.Value).ToArray(),
        }, transaction, cancellationToken: cancellationToken));
        await audit.AppendAsync(connection, transaction,
            new AuditEvent(principal, "customer.created", AuditOutcome.Success, "customer", id, [.. pii.Keys], RequestId: requestId),
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new CustomerRecord(id, request.Country, request.RiskRating ?? "medium", request.Pep ?? false, request.Segment, "none",
            createdAt, null, wrapped, created.Key.EncryptionCount, envelopes);
    }

    public async Task<CustomerRecord?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<CustomerRow>(new CommandDefinition(SelectCustomer, new { Id = id }, cancellationToken: cancellationToken));
        return row?.ToRecord();
    }

    /// <summary>
    /// Decrypts the PII of a customer whose key still exists. Every value must authenticate against
    /// this customer's key and context; one that does not fails the whole read.
    /// </summary>
    public async Task<CustomerPii> DecryptAsync(CustomerRecord customer, CancellationToken cancellationToken)
    {
        var key = customer.Key ?? throw new InvalidOperationException("The customer's PII was erased.");
        using var lease = await crypto.DataKeys.LeaseAsync(key, customer.Encryptions, cancellationToken);
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (field, envelope) in customer.Envelopes)
        {
            try
            {
                values[field] = FieldEncryptor.DecryptString(lease.Key, envelope, PiiColumns.Context(field, customer.Id));
            }
            catch (System.Security.Cryptography.CryptographicException e)
            {
                throw new PiiIntegrityException(customer.Id, field, e);
            }
        }

        return PiiField.From(values);
    }

    private static Dictionary<string, string> Pii(CreateCustomerRequest r)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [PiiField.FullName] = r.FullName?.Trim(),
            [PiiField.DateOfBirth] = r.DateOfBirth,
            [PiiField.NationalId] = r.NationalId?.Trim(),
            [PiiField.DocumentNumber] = r.DocumentNumber?.Trim(),
            [PiiField.Email] = r.Email?.Trim(),
            [PiiField.Phone] = r.Phone?.Trim(),
            [PiiField.Address] = r.Address?.Trim(),
            [PiiField.Nationality] = r.Nationality,
        };
        return values.Where(v => v.Value is not null).ToDictionary(v => v.Key, v => v.Value!, StringComparer.Ordinal);
    }
}
