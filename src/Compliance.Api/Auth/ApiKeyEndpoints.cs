using System.Security.Claims;

namespace Compliance.Api.Auth;

/// <summary><c>/v1/admin/api-keys</c>: an admin creates, lists and revokes keys.</summary>
internal static class ApiKeyEndpoints
{
    public static IEndpointRouteBuilder MapApiKeys(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/admin/api-keys").RequireAuthorization(Roles.Admin).WithTags("Admin");
        group.MapPost("/", CreateAsync).WithName("CreateApiKey").WithSummary("Create an API key with roles (the secret is shown once)").Produces<CreatedApiKeyResponse>(StatusCodes.Status201Created);
        group.MapGet("/", ListAsync).WithName("ListApiKeys").WithSummary("API keys with their roles and state (never secrets)").Produces<List<ApiKeyResponse>>();
        group.MapDelete("/{id:guid}", RevokeAsync).WithName("RevokeApiKey").WithSummary("Revoke an API key at once").Produces(StatusCodes.Status204NoContent);
        return routes;
    }

    private static async Task<IResult> CreateAsync(
        CreateApiKeyRequest request, ClaimsPrincipal user, HttpContext http, ApiKeyStore store, ComplianceMetrics metrics, ILogger<ApiKeyStore> logger, CancellationToken cancellationToken)
    {
        var errors = Validate(request);
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }

        var roles = request.Roles!.Distinct(StringComparer.Ordinal).ToArray();
        var by = user.KeyId();
        var (key, secret) = await store.CreateAsync(request.Name!.Trim(), roles, request.RateLimitPerSecond, by, http.TraceIdentifier, cancellationToken);
        metrics.ApiKeyCreated();
        AuthLog.KeyCreated(logger, key.Id, string.Join(',', roles), by);
        return Results.Created($"/v1/admin/api-keys/{key.Id}",
            new CreatedApiKeyResponse(key.Id, key.Name, key.Roles, key.RateLimitPerSecond, key.CreatedAt, secret));
    }

    private static async Task<IResult> ListAsync(ApiKeyStore store, CancellationToken cancellationToken) =>
        Results.Ok((await store.ListAsync(cancellationToken)).Select(ApiKeyResponse.From));

    private static async Task<IResult> RevokeAsync(
        Guid id, ClaimsPrincipal user, HttpContext http, ApiKeyStore store, ApiKeyCache cache, ILogger<ApiKeyStore> logger, CancellationToken cancellationToken)
    {
        var by = user.KeyId();
        if (!await store.RevokeAsync(id, by, http.TraceIdentifier, cancellationToken))
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No API key with id {id}.");
        }

        cache.Evict(id);
        AuthLog.KeyRevoked(logger, id, by);
        return Results.NoContent();
    }

    private static Dictionary<string, string[]> Validate(CreateApiKeyRequest request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Trim().Length > 100)
        {
            errors["name"] = ["name is required, 1 to 100 characters."];
        }

        if (request.Roles is null || request.Roles.Length == 0)
        {
            errors["roles"] = [$"roles is required: one or more of {string.Join(", ", Roles.All)}."];
        }
        else if (request.Roles.Where(r => r is null || !Roles.All.Contains(r)).ToList() is { Count: > 0 } unknown)
        {
            errors["roles"] = [$"unknown role(s) {string.Join(", ", unknown.Select(r => $"'{r}'"))}; known roles: {string.Join(", ", Roles.All)}."];
        }

        if (request.RateLimitPerSecond is <= 0 or > 1_000_000)
        {
            errors["rateLimitPerSecond"] = ["rateLimitPerSecond must be between 1 and 1000000."];
        }

        return errors;
    }
}
