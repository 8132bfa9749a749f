using Compliance.Api.Storage;
using Npgsql;

namespace Compliance.Api.Health;

/// <summary>
/// <c>/health/live</c>: the process answers. <c>/health/ready</c>: start-up finished and the
/// database answers within a second, so a load balancer only sends traffic that can be served;
/// its body says whether that database is durable (<see cref="DatabaseDurability"/>).
/// </summary>
internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/health").AllowAnonymous().WithTags("Health").DisableRateLimiting();
        group.MapGet("/live", () => Results.Ok(new HealthResponse("live"))).WithName("Live").WithSummary("The process answers (liveness probe)")
            .Produces<HealthResponse>();
        group.MapGet("/ready", ReadyAsync).WithName("Ready")
            .WithSummary("Start-up finished and the database answers (readiness probe); says when the database is not durable")
            .Produces<ReadyResponse>().ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return routes;
    }

    private static async Task<IResult> ReadyAsync(DatabaseStartup startup, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (!startup.Ready)
        {
            return Unavailable("start-up has not finished");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(1));
        try
        {
            await using var connection = await services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync(timeout.Token);
            var durability = await DatabaseDurability.ReadAsync(connection, timeout.Token);
            return Results.Ok(new ReadyResponse("ready", new DatabaseHealth(durability.IsDurable, durability.Problems)));
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            return Unavailable("the database does not answer");
        }
    }

    private static IResult Unavailable(string why) =>
        Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not ready", detail: why);

    private sealed record HealthResponse(string Status);

    /// <summary>Ready, with whether the database keeps what it acknowledged (a warning to act on, not a reason to refuse traffic).</summary>
    private sealed record ReadyResponse(string Status, DatabaseHealth Database);

    private sealed record DatabaseHealth(bool Durable, IReadOnlyList<string> Problems);
}
