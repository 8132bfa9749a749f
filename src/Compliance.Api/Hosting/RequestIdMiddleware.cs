using System.Buffers;

namespace Compliance.Api.Hosting;

/// <summary>
/// Gives every request an id: the caller's <c>X-Request-Id</c> when it is a sane token, otherwise
/// a new one. It is echoed on the response, set as the trace identifier (so problem details carry
/// it) and put in the logging scope of every line written while handling the request.
/// </summary>
internal sealed class RequestIdMiddleware(RequestDelegate next, ILogger<RequestIdMiddleware> logger)
{
    public const string HeaderName = "X-Request-Id";

    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:");

    private static readonly Func<ILogger, string, IDisposable?> RequestScope = LoggerMessage.DefineScope<string>("RequestId:{RequestId}");

    public async Task InvokeAsync(HttpContext context)
    {
        string? incoming = context.Request.Headers[HeaderName];
        var requestId = incoming is { Length: > 0 and <= 64 } && !incoming.AsSpan().ContainsAnyExcept(Allowed)
            ? incoming
            : Guid.CreateVersion7().ToString("N");
        context.TraceIdentifier = requestId;
        context.Response.Headers[HeaderName] = requestId;
        using (RequestScope(logger, requestId))
        {
            await next(context);
        }
    }
}
