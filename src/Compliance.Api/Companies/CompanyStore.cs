using System.Text.Json;
using Compliance.Api.Audit;
using Compliance.Api.Customers;
using Compliance.Crypto;
using Dapper;
using Npgsql;

namespace Compliance.Api.Companies;

/// <summary>
/// Company look-ups of business customers: stored with the officers and PSCs encrypted under the
/// customer's data key (an erasure shreds them), and read back for screening and for officers.
/// </summary>
internal sealed class CompanyStore(NpgsqlDataSource dataSource, CryptoServices crypto, AuditLog audit, TimeProvider time)
{
    public const string Table = "customer_company_lookups";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private const string LockKey = "SELECT encryptions FROM customer_keys WHERE customer_id = @CustomerId FOR UPDATE";

    private const string CountEncryption = "UPDATE customer_keys SET encryptions = encryptions + 1 WHERE customer_id = @CustomerId";

    private const string Insert = $"""
        INSERT INTO customer_company_lookups (id, customer_id, company_number, company_name, company_status, company_type, incorporated_on,
                                              officers, active_officers, pscs, active_pscs, truncated, parties, looked_up_at, looked_up_by)
        VALUES (@Id, @CustomerId, @CompanyNumber, @CompanyName, @CompanyStatus, @CompanyType, @IncorporatedOn,
                @Officers, @ActiveOfficers, @Pscs, @ActivePscs, @Truncated, @Parties, @At, @Principal)
        RETURNING {CompanyLookupRow.Columns}
        """;

    private const string Latest = $"""
        SELECT {CompanyLookupRow.Columns} FROM customer_company_lookups WHERE customer_id = @CustomerId ORDER BY looked_up_at DESC LIMIT 1
        """;

    private const string PartiesOf = "SELECT parties FROM customer_company_lookups WHERE id = @Id";

    /// <summary>
    /// Stores a look-up for <paramref name="customer"/>, audited, in one transaction; null when the
    /// customer's data was erased meanwhile (the key is gone, nothing is stored).
    /// </summary>
    public async Task<CompanyLookupRow?> SaveAsync(
        CustomerRecord customer, CompanyLookup lookup, string principal, string? requestId, CancellationToken cancellationToken)
    {
        if (customer.Key is not { } key)
        {
            return null;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var encryptions = await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(LockKey, new { CustomerId = customer.Id }, transaction,
            cancellationToken: cancellationToken));
        if (encryptions is null)
        {
            return null;
        }

        var id = Guid.CreateVersion7();
        byte[] parties;
        using (var lease = await crypto.DataKeys.LeaseAsync(key, encryptions.Value, cancellationToken))
        {
            parties = FieldEncryptor.Encrypt(lease.Key, JsonSerializer.SerializeToUtf8Bytes(lookup.Parties.ToList(), Json), Context(customer.Id));
        }

        await connection.ExecuteAsync(new CommandDefinition(CountEncryption, new { CustomerId = customer.Id }, transaction, cancellationToken: cancellationToken));
        var profile = lookup.Profile;
        var row = await connection.QuerySingleAsync<CompanyLookupRow>(new CommandDefinition(Insert, new
        {
            Id = id,
            CustomerId = customer.Id,
            CompanyNumber = profile.Number,
            CompanyName = profile.Name,
            CompanyStatus = profile.Status,
            CompanyType = profile.Type,
            IncorporatedOn = profile.IncorporatedOn is { } on ? on.ToDateTime(TimeOnly.MinValue) : (DateTime?)null,
            Officers = lookup.Officers.Count,
            ActiveOfficers = lookup.Officers.Count(o => o.Active),
            Pscs = lookup.Pscs.Count,
            ActivePscs = lookup.Pscs.Count(p => p.Active),
            lookup.Truncated,
            Parties = parties,
            At = time.GetUtcNow(),
            Principal = principal,
        }, transaction, cancellationToken: cancellationToken));
        await audit.AppendAsync(connection, transaction, new AuditEvent(principal, "customer.company.looked_up", AuditOutcome.Success, "customer", customer.Id,
            RequestId: requestId,
            Detail: $"Companies House {profile.Number} ({profile.Status ?? "status unknown"}): {row.Officers} officer(s), {row.Pscs} PSC(s){(lookup.Truncated ? ", truncated" : "")}"),
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return row;
    }

    public async Task<CompanyLookupRow?> LatestAsync(string customerId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<CompanyLookupRow>(new CommandDefinition(Latest, new { CustomerId = customerId },
            cancellationToken: cancellationToken));
    }

    /// <summary>The parties of a look-up, decrypted with the customer's key; the caller audits the read.</summary>
    public async Task<IReadOnlyList<CompanyParty>> PartiesAsync(CustomerRecord customer, Guid lookupId, CancellationToken cancellationToken)
    {
        var key = customer.Key ?? throw new InvalidOperationException("The customer's PII was erased.");
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var envelope = await connection.QuerySingleAsync<byte[]>(new CommandDefinition(PartiesOf, new { Id = lookupId }, cancellationToken: cancellationToken));
        using var lease = await crypto.DataKeys.LeaseAsync(key, customer.Encryptions, cancellationToken);
        try
        {
            return JsonSerializer.Deserialize<List<CompanyParty>>(FieldEncryptor.Decrypt(lease.Key, envelope, Context(customer.Id)), Json) ?? [];
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new PiiIntegrityException(customer.Id, "companyParties", e);
        }
    }

    private static EncryptionContext Context(string customerId) => new(Table, "parties", customerId);
}
