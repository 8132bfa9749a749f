using System.Security.Claims;
using Compliance.Api.Auth;
using Compliance.Api.Storage;
using Microsoft.Extensions.Options;

namespace Compliance.Api.Webhooks;

/// <summary>
/// <c>/v1/webhooks</c>: a client (an API key with <c>checks:write</c>) sets where its events go,
/// rotates its signing secret, and lists and redelivers its deliveries. Each key sees only its own.
/// </summary>
internal static class WebhookEndpoints
{
    private const int MaxLimit = 500;

    public static IEndpointRouteBuilder MapWebhooks(this IEndpointRouteBuilder routes)
    {
        var webhooks = routes.MapGroup("/v1/webhooks").WithTags("Webhooks").RequireAuthorization(Roles.ChecksWrite);
        webhooks.MapPut("/endpoint", SetAsync).WithName("SetWebhookEndpoint").WithSummary("Set this API key's webhook endpoint").Produces<EndpointResponse>();
        webhooks.MapGet("/endpoint", GetAsync).WithName("GetWebhookEndpoint").WithSummary("This API key's webhook endpoint").Produces<EndpointResponse>();
        webhooks.MapPost("/endpoint/rotate", RotateAsync).WithName("RotateWebhookSecret").WithSummary("Rotate the webhook signing secret; the previous one keeps signing alongside for 24 h").Produces<EndpointResponse>();
        webhooks.MapGet("/deliveries", ListAsync).WithName("ListWebhookDeliveries").WithSummary("Webhook deliveries, newest first, with their state").Produces<DeliveryPage>();
        webhooks.MapPost("/deliveries/{id:long}/redeliver", RedeliverAsync).WithName("RedeliverWebhook").WithSummary("Deliver a webhook event again").Produces<DeliveryResponse>(StatusCodes.Status202Accepted);
        return routes;
    }

    private static async Task<IResult> SetAsync(
        EndpointRequest body, ClaimsPrincipal user, WebhookEndpointStore store, IOptions<WebhookOptions> options, CancellationToken cancellationToken)
    {
        if (body.Url is null || body.Url.Length > 2000 || !Uri.TryCreate(body.Url, UriKind.Absolute, out var url)
            || url.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(url.UserInfo) || !string.IsNullOrEmpty(url.Fragment))
        {
            return Results.ValidationProblem(new Dictionary<string, string[]>
            {
                ["url"] = ["url must be an absolute http or https URL without credentials or fragment (at most 2000 characters)."],
            });
        }

        if (!options.Value.Allows(url))
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["url"] = [$"{url.Host} is not among the hosts webhooks may go to (Webhooks:AllowedHosts)."] });
        }

        // A name is checked when each delivery connects (it may resolve differently later); an address can be refused now.
        if (!options.Value.AllowPrivateAddresses && (url.IsLoopback || (System.Net.IPAddress.TryParse(url.DnsSafeHost, out var address) && !WebhookAddresses.IsPublic(address))))
        {
            return Results.ValidationProblem(new Dictionary<string, string[]>
            {
                ["url"] = [$"{url.Host} is a loopback, private or reserved address; webhooks go to public addresses (Webhooks:AllowPrivateAddresses)."],
            });
        }

        return Results.Ok(await store.SetUrlAsync(user.KeyId(), url.ToString(), cancellationToken));
    }

    private static async Task<IResult> GetAsync(ClaimsPrincipal user, WebhookEndpointStore store, CancellationToken cancellationToken) =>
        await store.FindAsync(user.KeyId(), cancellationToken) is { } row
            ? Results.Ok(new EndpointResponse(row.Url, null, DbTime.Utc(row.PreviousUntil)))
            : NoEndpoint();

    private static async Task<IResult> RotateAsync(ClaimsPrincipal user, WebhookEndpointStore store, CancellationToken cancellationToken) =>
        await store.RotateAsync(user.KeyId(), cancellationToken) is { } rotated ? Results.Ok(rotated) : NoEndpoint();

    private static async Task<IResult> ListAsync(
        ClaimsPrincipal user, WebhookOutbox outbox, string? state, long? after, int? limit, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (state is not null and not ("pending" or "delivered" or "dead"))
        {
            errors["state"] = ["state must be pending, delivered or dead."];
        }

        if (limit is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"limit must be between 1 and {MaxLimit}."];
        }

        if (after is < 0)
        {
            errors["after"] = ["after must be 0 or an id from a previous page."];
        }

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }

        var take = limit ?? 100;
        var rows = await outbox.PageAsync(user.KeyId(), state, after ?? 0, take, cancellationToken);
        return Results.Ok(new DeliveryPage([.. rows.Select(r => r.ToResponse())], rows.Count == take ? rows[^1].Id : null));
    }

    private static async Task<IResult> RedeliverAsync(long id, ClaimsPrincipal user, WebhookOutbox outbox, TimeProvider time, CancellationToken cancellationToken) =>
        await outbox.RedeliverAsync(user.KeyId(), id, time.GetUtcNow(), cancellationToken) is { } row
            ? Results.Accepted(null, row.ToResponse())
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No webhook delivery {id} for this API key.");

    private static IResult NoEndpoint() =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "This API key has no webhook endpoint; PUT /v1/webhooks/endpoint sets one.");
}
