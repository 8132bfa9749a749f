using Compliance.Api.Auth;

namespace Compliance.Api.Audit;

/// <summary><c>GET /v1/audit</c>: page through the audit log (role <c>audit:read</c>).</summary>
internal static class AuditEndpoints
{
    private const int MaxLimit = 500;

    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/audit", ListAsync).RequireAuthorization(Roles.AuditRead).WithTags("Audit").WithName("ListAuditEvents").WithSummary("The audit log, oldest first, filtered by subject or action, paged").Produces<AuditPage>();
        return routes;
    }

    private static async Task<IResult> ListAsync(AuditStore store, long? after, int? limit, string? action, string? subject, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (after is < 0)
        {
            errors["after"] = ["after must be 0 or a row id from a previous page."];
        }

        if (limit is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"limit must be between 1 and {MaxLimit}."];
        }

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }

        var take = limit ?? 100;
        var rows = await store.PageAsync(after ?? 0, take, action, subject, cancellationToken);
        return Results.Ok(new AuditPage([.. rows.Select(AuditEntryResponse.From)], rows.Count == take ? rows[^1].Id : null));
    }
}
