using System.Globalization;
using System.Text.Json;
using Compliance.Api.Audit;
using Compliance.Api.Cases;
using Compliance.Api.Companies;
using Compliance.Api.Customers;
using Compliance.Api.Kyc;
using Compliance.Api.Screening.Decisions;
using Compliance.Api.Screening.Lists;
using Compliance.Api.Screening.Matching;
using Dapper;
using Npgsql;

namespace Compliance.Api.Screening;

/// <summary>
/// Screens a customer against the imported lists with what the customer record says (name, birth
/// date, nationality and country, document numbers) and records it: the screening and its hits,
/// the customer's <c>screening_status</c>, a case for a possible match (reason
/// <c>SCREENING_POTENTIAL_MATCH</c>) and an audit event, in one transaction. It never lowers a status
/// a provider or an officer set: only <c>not_screened</c> becomes clear, and only clear becomes a
/// possible match. Hits officers set aside as false positives (Decisions/Whitelist) are recorded but
/// do not count while the entry is unchanged. A business customer with a Companies House look-up is
/// screened with its company: the registered name and every active officer and PSC, each hit naming
/// the party it is about (<see cref="ScreeningHit.Party"/>).
/// </summary>
internal sealed class CustomerScreener(
    NpgsqlDataSource dataSource, ScreeningService screening, CaseOpener cases, AuditLog audit, CompanyStore companies, CustomerStore customers, TimeProvider time)
{
    public const string PotentialMatchReason = "SCREENING_POTENTIAL_MATCH";

    /// <summary>Who reads a customer's data to screen it after an update.</summary>
    public const string Principal = "system:screening";

    /// <summary>The customer fields screening reads: a change to any of them re-screens.</summary>
    public static readonly IReadOnlySet<string> Uses = new HashSet<string>(StringComparer.Ordinal)
    {
        PiiField.FullName, PiiField.DateOfBirth, PiiField.NationalId, PiiField.DocumentNumber, PiiField.Nationality, "country",
    };

    private const string Insert = """
        INSERT INTO customer_screenings (id, customer_id, screened_at, trigger, list_versions, threshold, status, hits, whitelisted)
        VALUES (@Id, @CustomerId, @At, @Trigger, @ListVersions, @Threshold, @Status, @Hits::jsonb, @Whitelisted)
        """;

    // Decisions on hits lock the customer too: a false positive approved meanwhile is either seen here or waits for this.
    private const string LockCustomer = "SELECT 1 FROM customers WHERE id = @CustomerId FOR UPDATE";

    private const string UpdateStatus = """
        UPDATE customers SET screening_status = @Status
        WHERE id = @CustomerId AND (screening_status = 'not_screened' OR (@Status = 'potential_match' AND screening_status = 'clear'))
        """;

    /// <summary>The screening, or null when no list is imported yet (nothing was screened, nothing recorded).</summary>
    public Task<ScreeningResult?> ScreenAsync(
        string customerId, CreateCustomerRequest customer, string trigger, string principal, string? requestId, CancellationToken cancellationToken) =>
        ScreenAsync(customerId, new CustomerPii(customer.FullName, customer.DateOfBirth, customer.NationalId, customer.DocumentNumber, null, null, null,
            customer.Nationality), customer.Country, trigger, principal, requestId, cancellationToken);

    /// <summary>Screens with the customer's decrypted data (the re-screening after a list changes).</summary>
    public async Task<ScreeningResult?> ScreenAsync(
        string customerId, CustomerPii customer, string? country, string trigger, string principal, string? requestId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(customer.FullName))
        {
            return null;
        }

        var subject = new ScreeningSubject(
            customer.FullName,
            PartyKind.Person,
            DateOnly.TryParseExact(customer.DateOfBirth, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var born) ? born : null,
            [.. new[] { customer.Nationality, country }.OfType<string>().Distinct()],
            [.. new[] { customer.NationalId, customer.DocumentNumber }.OfType<string>()]);
        List<(ScreeningSubject Subject, string? Party)> subjects = [(subject, null)];
        var company = await companies.LatestAsync(customerId, cancellationToken);
        IReadOnlyList<CompanyParty> parties = [];
        if (company is not null && await customers.FindAsync(customerId, cancellationToken) is { Key: not null } record)
        {
            parties = await companies.PartiesAsync(record, company.Id, cancellationToken);
            subjects.AddRange(CompanySubjects(company, parties));
        }

        var result = screening.ScreenAll(subjects, ScreeningUse.Customer);
        if (result.Status == ScreeningStatus.NotScreened)
        {
            return null;
        }

        var id = Guid.CreateVersion7();
        var at = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(LockCustomer, new { CustomerId = customerId }, transaction, cancellationToken: cancellationToken));
        var whitelisted = await Whitelist.OfAsync(connection, transaction, customerId, result.Hits, cancellationToken);
        if (whitelisted.Count > 0)
        {
            result = result with
            {
                Status = result.Hits.All(h => whitelisted.Contains(h.Key())) ? ScreeningStatus.Clear : ScreeningStatus.PotentialMatch,
                Whitelisted = whitelisted,
            };
        }

        var status = result.Status.ToCode();
        await connection.ExecuteAsync(new CommandDefinition(Insert, new
        {
            Id = id,
            CustomerId = customerId,
            At = at,
            Trigger = trigger,
            ListVersions = result.ListVersions.ToArray(),
            result.Threshold,
            Status = status,
            Hits = JsonSerializer.Serialize(result.Hits, ScreeningListStore.Json),
            Whitelisted = whitelisted.Order(StringComparer.Ordinal).ToArray(),
        }, transaction, cancellationToken: cancellationToken));
        var changed = await connection.ExecuteAsync(new CommandDefinition(UpdateStatus, new { CustomerId = customerId, Status = status }, transaction,
            cancellationToken: cancellationToken)) > 0;
        if (changed && result.Status == ScreeningStatus.PotentialMatch)
        {
            await cases.OpenAsync(connection, transaction, customerId, PotentialMatchReason, "screening", id.ToString("N"), at, cancellationToken);
        }

        if (company is not null)
        {
            await audit.AppendAsync(connection, transaction, new AuditEvent(Principal, "customer.pii.read", AuditOutcome.Success, "customer", customerId,
                ["companyParties"], "sanctions_screening", requestId, $"{parties.Count} party(ies) of company look-up {company.Id} for screening"), cancellationToken);
        }

        var screened = company is null ? "" : $" with company {company.CompanyNumber} and {subjects.Count - 2} active party(ies)";
        await audit.AppendAsync(connection, transaction, new AuditEvent(principal, "customer.screened", AuditOutcome.Success, "customer", customerId,
            RequestId: requestId,
            Detail: $"{trigger}{screened}: {status}, {result.Hits.Count} hit(s){Best(result)}{Set(whitelisted)} against {string.Join(", ", result.ListVersions)} at {result.Threshold:0.00}"),
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>The company's registered name and its active officers and PSCs, labelled by their position in the look-up.</summary>
    private static IEnumerable<(ScreeningSubject Subject, string? Party)> CompanySubjects(CompanyLookupRow company, IReadOnlyList<CompanyParty> parties)
    {
        yield return (new ScreeningSubject(company.CompanyName, PartyKind.Organisation, Countries: ["GB"]), "company");
        for (var i = 0; i < parties.Count; i++)
        {
            var party = parties[i];
            if (!party.Active)
            {
                continue;
            }

            // Birth month and year only: a made-up day would count against an exact listed date, so none is given.
            var countries = new[] { CountryNames.ToCode(party.Nationality), CountryNames.ToCode(party.CountryOfResidence) }.OfType<string>().Distinct().ToList();
            yield return (new ScreeningSubject(party.Name, party.IsOrganisation ? PartyKind.Organisation : PartyKind.Person, Countries: countries), $"{party.Role}:{i}");
        }
    }

    private static string Set(IReadOnlySet<string> whitelisted) =>
        whitelisted.Count == 0 ? "" : $" ({whitelisted.Count} set aside as false positives: {string.Join(", ", whitelisted.Order(StringComparer.Ordinal))})";

    private static string Best(ScreeningResult result) =>
        result.Hits.Count == 0 ? "" : $", best {result.Hits[0].List}:{result.Hits[0].EntryId} {result.Hits[0].Score:0.000}";
}
