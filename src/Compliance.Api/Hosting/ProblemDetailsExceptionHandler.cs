using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace Compliance.Api.Hosting;

/// <summary>
/// Turns exceptions that reach the edge into problem details: bad request bodies are the caller's
/// 400, an unavailable database is 503 (fail closed), anything else stays a 500 and is logged as
/// the bug it is.
/// </summary>
internal sealed class ProblemDetailsExceptionHandler(IProblemDetailsService problemDetails, ILogger<ProblemDetailsExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = exception switch
        {
            BadHttpRequestException { InnerException: JsonException json } => (400, "Malformed JSON", JsonMessage(json)),
            BadHttpRequestException bad => (bad.StatusCode, "Bad request", bad.Message),
            NpgsqlException or TimeoutException => (503, "Service unavailable", "The database is unavailable; nothing was changed. Retry later."),
            Customers.PiiIntegrityException integrity => (500, "PII integrity failure", integrity.Detail),
            Compliance.Crypto.KeyProviderException => (503, "Key provider unavailable", "The key encryption key provider is unavailable; nothing was changed. Retry later."),
            _ => (500, "Internal error", "An unexpected error occurred; it has been logged with this request id."),
        };
        if (status >= 500)
        {
            HostingLog.UnhandledException(logger, exception.GetType().Name, exception);
        }

        httpContext.Response.StatusCode = status;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }

    // The JSON reader's message names the path and position; it never contains the body itself.
    private static string JsonMessage(JsonException e) =>
        e.Path is null ? "The request body is not valid JSON." : $"The request body is not valid JSON of the expected shape at {e.Path} (line {e.LineNumber + 1}, byte {e.BytePositionInLine}).";
}
