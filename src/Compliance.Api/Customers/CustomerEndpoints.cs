using System.Security.Claims;
using Compliance.Api.Audit;
using Compliance.Api.Auth;

namespace Compliance.Api.Customers;

/// <summary><c>/v1/customers</c>: create, read masked, read plaintext for a purpose, search by blind index, erase.</summary>
internal static class CustomerEndpoints
{
    public const string ReadPolicy = "customers:read";

    public static IEndpointRouteBuilder MapCustomers(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/customers").WithTags("Customers");
        group.MapPost("/", CreateAsync).RequireAuthorization(Roles.ChecksWrite).WithName("CreateCustomer").WithSummary("Create a customer; PII is encrypted under its own data key and screened").Produces<CustomerResponse>(StatusCodes.Status201Created);
        group.MapGet("/{id}", GetAsync).RequireAuthorization(ReadPolicy).WithName("GetCustomer").WithSummary("A customer with PII masked").Produces<CustomerResponse>();
        group.MapPatch("/{id}", UpdateAsync).RequireAuthorization(Roles.ChecksWrite).WithName("UpdateCustomer").WithSummary("Update a customer's fields; re-screens when a screened field changes").Produces<CustomerResponse>()
            .WithDescription("Replaces the fields given (null or absent fields stay); a change to what screening uses re-screens the customer.");
        // Any valid key reaches the handler, which audits refusals as well as reads.
        group.MapGet("/{id}/pii", GetPiiAsync).RequireAuthorization().WithName("GetCustomerPii").WithSummary("A customer's PII in the clear (pii:read and X-Access-Purpose, audited)").Produces<CustomerResponse>();
        group.MapPost("/search", SearchAsync).RequireAuthorization(Roles.PiiRead).WithName("SearchCustomers").WithSummary("Find customers by national id, document number or email (blind indexes)").Produces<CustomerSearchResponse>();
        group.MapDelete("/{id}/pii", EraseAsync).RequireAuthorization(Roles.Admin).WithName("EraseCustomerPii").WithSummary("Erase a customer's PII by crypto-shredding its data key").Produces(StatusCodes.Status204NoContent);
        return routes;
    }

    private static async Task<IResult> CreateAsync(
        CreateCustomerRequest request, ClaimsPrincipal user, HttpContext http, CustomerStore store, Screening.CustomerScreener screener, TimeProvider time,
        ILogger<CustomerStore> logger, CancellationToken cancellationToken)
    {
        var errors = CustomerValidation.Validate(request, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }

        var id = request.Id ?? CustomerId.New();
        var created = await store.CreateAsync(id, request, user.AuditPrincipal(), http.TraceIdentifier, cancellationToken);
        if (created is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: $"A customer with id {id} already exists.");
        }

        CustomerLog.Created(logger, id, created.Envelopes.Count);
        // Screened once stored: a failure here leaves the customer not_screened, never a half-written customer.
        await screener.ScreenAsync(id, request, "created", user.AuditPrincipal(), http.TraceIdentifier, cancellationToken);
        var pii = new CustomerPii(request.FullName?.Trim(), request.DateOfBirth, request.NationalId, request.DocumentNumber, request.Email, request.Phone,
            request.Address, request.Nationality);
        return Results.Created($"/v1/customers/{id}", Response(created, PiiMasking.Mask(pii)));
    }

    private static async Task<IResult> UpdateAsync(
        string id, UpdateCustomerRequest request, ClaimsPrincipal user, HttpContext http, CustomerStore store, Screening.CustomerScreener screener, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var errors = CustomerValidation.Validate(request.AsCreate(), DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), partial: true);
        if (request == new UpdateCustomerRequest(null, null, null, null, null, null, null, null, null, null, null, null))
        {
            errors["body"] = ["Give at least one field to change."];
        }

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }

        var update = await store.UpdateAsync(id, request, user.AuditPrincipal(), http.TraceIdentifier, cancellationToken);
        switch (update.Refused)
        {
            case ErasureOutcome.NotFound:
                return NotFound(id);
            case ErasureOutcome.AlreadyErased:
                return Results.Problem(statusCode: StatusCodes.Status410Gone, title: "Gone", detail: $"The personal data of customer {id} was erased; it cannot be updated.");
        }

        var customer = update.Customer!;
        var pii = await DecryptAuditedAsync(store, customer, user, http, cancellationToken);
        if (update.Changed.Any(Screening.CustomerScreener.Uses.Contains))
        {
            // Screened with the whole record as it now is; the read is the service's, for screening, and audited as such.
            await store.RecordAccessAsync(new AuditEvent(Screening.CustomerScreener.Principal, "customer.pii.read", AuditOutcome.Success, "customer", id,
                [.. Screening.CustomerScreener.Uses.Where(customer.Envelopes.ContainsKey)], "sanctions_screening", http.TraceIdentifier,
                $"screening after an update by {user.AuditPrincipal()}"), cancellationToken);
            await screener.ScreenAsync(id, pii, customer.Country, "updated", user.AuditPrincipal(), http.TraceIdentifier, cancellationToken);
        }

        await store.RecordAccessAsync(
            new AuditEvent(user.AuditPrincipal(), "customer.read", AuditOutcome.Success, "customer", id, [.. customer.Envelopes.Keys], RequestId: http.TraceIdentifier,
                Detail: "masked, after update"), cancellationToken);
        return Results.Ok(Response(customer, PiiMasking.Mask(pii)));
    }

    private static async Task<IResult> GetAsync(string id, ClaimsPrincipal user, HttpContext http, CustomerStore store, CancellationToken cancellationToken)
    {
        var customer = await store.FindAsync(id, cancellationToken);
        if (customer is null)
        {
            return NotFound(id);
        }

        if (customer.Key is null)
        {
            return Results.Ok(Response(customer, null));
        }

        var masked = PiiMasking.Mask(await DecryptAuditedAsync(store, customer, user, http, cancellationToken));
        await store.RecordAccessAsync(
            new AuditEvent(user.AuditPrincipal(), "customer.read", AuditOutcome.Success, "customer", id, [.. customer.Envelopes.Keys], RequestId: http.TraceIdentifier, Detail: "masked"),
            cancellationToken);
        return Results.Ok(Response(customer, masked));
    }

    private static async Task<IResult> GetPiiAsync(string id, ClaimsPrincipal user, HttpContext http, CustomerStore store, CancellationToken cancellationToken)
    {
        string? purpose = http.Request.Headers[AccessPolicy.PurposeHeader];
        var refusal = !user.IsInRole(Roles.PiiRead)
            ? "this API key does not hold the pii:read role"
            : purpose is null || !AccessPolicy.Purposes.Contains(purpose)
                ? $"a {AccessPolicy.PurposeHeader} header is required, one of: {string.Join(", ", AccessPolicy.Purposes)}"
                : null;
        if (refusal is not null)
        {
            await store.RecordAccessAsync(Access(user, http, id, AuditOutcome.Denied, [], purpose is not null && AccessPolicy.Purposes.Contains(purpose) ? purpose : null, "refused"), cancellationToken);
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: $"Reading plaintext PII is refused: {refusal}.");
        }

        var customer = await store.FindAsync(id, cancellationToken);
        if (customer is null)
        {
            await store.RecordAccessAsync(Access(user, http, id, AuditOutcome.Failure, [], purpose, "not_found"), cancellationToken);
            return NotFound(id);
        }

        if (customer.Key is null)
        {
            await store.RecordAccessAsync(Access(user, http, id, AuditOutcome.Failure, [], purpose, "erased"), cancellationToken);
            return Results.Problem(statusCode: StatusCodes.Status410Gone, title: "Gone", detail: $"The personal data of customer {id} was erased.");
        }

        var pii = await DecryptAuditedAsync(store, customer, user, http, cancellationToken);

        // The read is recorded before any plaintext leaves: no audit row, no data.
        await store.RecordAccessAsync(Access(user, http, id, AuditOutcome.Success, [.. customer.Envelopes.Keys], purpose, null), cancellationToken);
        return Results.Ok(Response(customer, pii));
    }

    private static async Task<IResult> SearchAsync(CustomerSearchRequest request, ClaimsPrincipal user, HttpContext http, CustomerStore store, CancellationToken cancellationToken)
    {
        var given = new (string Field, string? Value)[]
        {
            (PiiField.NationalId, request.NationalId), (PiiField.DocumentNumber, request.DocumentNumber), (PiiField.Email, request.Email),
        }.Where(f => !string.IsNullOrWhiteSpace(f.Value)).ToList();
        if (given.Count != 1)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]>
            {
                ["nationalId"] = ["Give exactly one of nationalId, documentNumber or email."],
            });
        }

        var ids = await store.SearchAsync(given[0].Field, given[0].Value!, user.AuditPrincipal(), http.TraceIdentifier, cancellationToken);
        return Results.Ok(new CustomerSearchResponse(ids));
    }

    private static async Task<IResult> EraseAsync(string id, string? reason, ClaimsPrincipal user, HttpContext http, CustomerStore store, ILogger<CustomerStore> logger, CancellationToken cancellationToken)
    {
        if (reason is null || !AccessPolicy.ErasureReasons.Contains(reason))
        {
            return Results.ValidationProblem(new Dictionary<string, string[]>
            {
                ["reason"] = [$"reason is required, one of: {string.Join(", ", AccessPolicy.ErasureReasons)}."],
            });
        }

        switch (await store.EraseAsync(id, user.AuditPrincipal(), reason, http.TraceIdentifier, cancellationToken))
        {
            case ErasureOutcome.NotFound:
                return NotFound(id);
            case ErasureOutcome.AlreadyErased:
                return Results.Problem(statusCode: StatusCodes.Status410Gone, title: "Gone", detail: $"The personal data of customer {id} was already erased.");
            default:
                CustomerLog.Erased(logger, id, reason);
                return Results.NoContent();
        }
    }

    private static async Task<CustomerPii> DecryptAuditedAsync(CustomerStore store, CustomerRecord customer, ClaimsPrincipal user, HttpContext http, CancellationToken cancellationToken)
    {
        try
        {
            return await store.DecryptAsync(customer, cancellationToken);
        }
        catch (PiiIntegrityException e)
        {
            await store.RecordAccessAsync(Access(user, http, customer.Id, AuditOutcome.Failure, [e.Field], null, "integrity_failure"), cancellationToken);
            throw;
        }
    }

    private static AuditEvent Access(ClaimsPrincipal user, HttpContext http, string id, string outcome, string[] fields, string? purpose, string? detail) =>
        new(user.AuditPrincipal(), "customer.pii.read", outcome, "customer", id, fields, purpose, http.TraceIdentifier, detail);

    private static IResult NotFound(string id) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No customer with id {id}.");

    private static CustomerResponse Response(CustomerRecord c, CustomerPii? pii) =>
        new(c.Id, c.Country, c.RiskRating, c.Pep, c.Segment, c.KycStatus, c.CreatedAt, c.PiiErasedAt is not null, pii);
}
