using System.Security.Claims;
using Compliance.Api.Audit;
using Compliance.Api.Auth;
using Compliance.Api.Customers;
using Compliance.Api.Kyc;
using Compliance.Api.Kyc.Providers;
using Compliance.Api.Screening;
using Microsoft.Extensions.Options;

namespace Compliance.Api.Companies;

/// <summary>
/// <c>/v1/customers/{id}/company</c>: look a business customer's company up at Companies House, store
/// it, and screen the company, its officers and PSCs with the customer; read the newest look-up back.
/// </summary>
internal static class CompanyEndpoints
{
    public static IEndpointRouteBuilder MapCompanies(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/customers/{id}/company").WithTags("Companies");
        group.MapPost("/", LookUpAsync).RequireAuthorization(Roles.KycWrite).WithName("LookUpCompany").WithSummary("Look a business customer's company up at Companies House and screen it").Produces<CompanyLookupResponse>(StatusCodes.Status201Created)
            .WithDescription("Reads the company's profile, officers and persons with significant control from Companies House, stores them (people encrypted) and screens them with the customer.");
        group.MapGet("/", GetAsync).RequireAuthorization(KycEndpoints.ReadPolicy).WithName("GetCompany").WithSummary("The newest Companies House look-up of the customer's company").Produces<CompanyLookupResponse>()
            .WithDescription("The newest Companies House look-up of the customer's company: profile and counts.");
        group.MapGet("/parties", PartiesAsync).RequireAuthorization().WithName("GetCompanyParties").WithSummary("The company's officers and PSCs in the clear (pii:read, audited)").Produces<CompanyPartiesResponse>()
            .WithDescription("The officers and PSCs of the newest look-up in the clear: pii:read and an X-Access-Purpose header, audited.");
        return routes;
    }

    private static async Task<IResult> LookUpAsync(
        string id, CompanyLookupRequest request, ClaimsPrincipal user, HttpContext http, CompaniesHouseClient client, CompanyStore store, CustomerStore customers,
        CustomerScreener screener, IOptions<KycOptions> options, ILogger<CompanyStore> logger, CancellationToken cancellationToken)
    {
        var number = CompanyNumber.Normalize(request.CompanyNumber);
        if (number is null)
        {
            return Invalid("companyNumber must be a Companies House number: eight digits, or two letters and six digits (e.g. 00000006, SC123456).");
        }

        if (string.IsNullOrWhiteSpace(options.Value.For(CompaniesHouseClient.Provider)?.BaseUrl))
        {
            return Invalid($"Companies House is not configured on this service (Kyc:Providers:{CompaniesHouseClient.Provider}:BaseUrl).");
        }

        var customer = await customers.FindAsync(id, cancellationToken);
        if (customer is null)
        {
            return NotFound($"No customer {id}.");
        }

        if (customer.Key is null)
        {
            return Gone(id);
        }

        CompanyLookup? lookup;
        try
        {
            lookup = await client.LookUpAsync(number, cancellationToken);
        }
        catch (KycProviderException e)
        {
            CompaniesLog.LookUpFailed(logger, id, e.Failure.ToString());
            return e.Failure == KycProviderFailure.Unavailable
                ? Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Companies House unavailable",
                    detail: "Companies House could not be reached or its rate limit is used up; nothing was recorded. Retry later.")
                : Results.Problem(statusCode: StatusCodes.Status502BadGateway, title: "Companies House refused the request",
                    detail: $"Companies House refused or garbled the request ({e.Failure}); nothing was recorded.");
        }

        if (lookup is null)
        {
            return Invalid($"Companies House has no company {number}.");
        }

        var row = await store.SaveAsync(customer, lookup, user.AuditPrincipal(), http.TraceIdentifier, cancellationToken);
        if (row is null)
        {
            return Gone(id);
        }

        CompaniesLog.LookedUp(logger, number, id, row.Officers, row.Pscs, row.Truncated);

        // The customer's own fields are screened along with the company, as in every screening of them.
        var pii = await customers.DecryptAsync(customer, cancellationToken);
        await customers.RecordAccessAsync(new AuditEvent(CustomerScreener.Principal, "customer.pii.read", AuditOutcome.Success, "customer", id,
            [.. CustomerScreener.Uses.Where(customer.Envelopes.ContainsKey)], "sanctions_screening", http.TraceIdentifier,
            $"screening with company {number} after a look-up by {user.AuditPrincipal()}"), cancellationToken);
        var result = await screener.ScreenAsync(id, pii, customer.Country, "companies_house", user.AuditPrincipal(), http.TraceIdentifier, cancellationToken);
        var screening = result is null ? null : new CompanyScreeningResponse(
            result.Status.ToCode(),
            [.. result.Hits.Select(h => new CompanyHitResponse(h.Party, h.List, h.EntryId, h.PrimaryName, h.MatchedName, Math.Round(h.Score, 4)))]);
        return Results.Created($"/v1/customers/{id}/company", CompanyLookupResponse.From(row, screening));
    }

    private static async Task<IResult> GetAsync(string id, CompanyStore store, CancellationToken cancellationToken)
    {
        var row = await store.LatestAsync(id, cancellationToken);
        return row is null ? NotFound($"Customer {id} has no company look-up.") : Results.Ok(CompanyLookupResponse.From(row, null));
    }

    private static async Task<IResult> PartiesAsync(
        string id, ClaimsPrincipal user, HttpContext http, CompanyStore store, CustomerStore customers, CancellationToken cancellationToken)
    {
        string? purpose = http.Request.Headers[AccessPolicy.PurposeHeader];
        if (!user.IsInRole(Roles.PiiRead) || purpose is null || !AccessPolicy.Purposes.Contains(purpose))
        {
            await customers.RecordAccessAsync(Read(user, http, id, AuditOutcome.Denied, null, "refused"), cancellationToken);
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
                detail: $"Reading a company's people takes the pii:read role and a {AccessPolicy.PurposeHeader} header, one of: {string.Join(", ", AccessPolicy.Purposes)}.");
        }

        var customer = await customers.FindAsync(id, cancellationToken);
        var row = customer is null ? null : await store.LatestAsync(id, cancellationToken);
        if (customer?.Key is null || row is null)
        {
            return customer is { Key: null } ? Gone(id) : NotFound($"Customer {id} has no company look-up.");
        }

        var parties = await store.PartiesAsync(customer, row.Id, cancellationToken);

        // The read is recorded before any plaintext leaves.
        await customers.RecordAccessAsync(Read(user, http, id, AuditOutcome.Success, purpose, $"company look-up {row.Id}"), cancellationToken);
        return Results.Ok(new CompanyPartiesResponse(row.Id, row.CompanyNumber, parties));
    }

    private static AuditEvent Read(ClaimsPrincipal user, HttpContext http, string id, string outcome, string? purpose, string detail) =>
        new(user.AuditPrincipal(), "customer.pii.read", outcome, "customer", id, outcome == AuditOutcome.Success ? ["companyParties"] : [],
            purpose is not null && AccessPolicy.Purposes.Contains(purpose) ? purpose : null, http.TraceIdentifier, detail);

    private static IResult Invalid(string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { ["companyNumber"] = [message] }, title: "The look-up is invalid; nothing was stored.");

    private static IResult NotFound(string detail) => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail);

    private static IResult Gone(string id) =>
        Results.Problem(statusCode: StatusCodes.Status410Gone, title: "Gone", detail: $"The personal data of customer {id} was erased.");
}
