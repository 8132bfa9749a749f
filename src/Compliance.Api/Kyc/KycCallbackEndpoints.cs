using System.Security.Cryptography;
using System.Text.Json;
using Compliance.Api.Audit;
using Compliance.Api.Common;
using Compliance.Api.Kyc.Callbacks;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Compliance.Api.Kyc;

/// <summary>
/// <c>POST /v1/kyc/callbacks/{provider}</c>: the providers' signed callbacks. The signature is checked
/// over the raw bytes before anything is parsed; a valid event is stored, then acknowledged, and
/// applied by <see cref="KycInboxProcessor"/>. No API key: the signature is the authentication.
/// </summary>
internal static class KycCallbackEndpoints
{
    public static IEndpointRouteBuilder MapKycCallbacks(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/kyc/callbacks/{provider}", ReceiveAsync).AllowAnonymous().WithTags("KYC").WithName("ReceiveKycCallback").WithSummary("A provider's signed callback (the signature authenticates it)").Produces<CallbackAcknowledgement>();
        return routes;
    }

    private static async Task<IResult> ReceiveAsync(
        string provider, HttpContext http, KycCallbackHandlers handlers, KycInbox inbox, KycInboxSignal signal, IOptions<KycOptions> options,
        NpgsqlDataSource dataSource, AuditLog audit, RejectedCallbackThrottle throttle, TimeProvider time, ILogger<KycInbox> logger, CancellationToken cancellationToken)
    {
        if (!handlers.TryGet(provider, out var verifier, out var reader))
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No callbacks are accepted for '{provider}'.");
        }

        var body = await LimitedBody.ReadAsync(http.Request, options.Value.MaxCallbackBytes, cancellationToken);
        if (body is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large",
                detail: $"Callbacks are limited to {options.Value.MaxCallbackBytes} bytes.");
        }

        var secrets = options.Value.For(provider)?.WebhookSecrets.Where(s => !string.IsNullOrEmpty(s)).ToList() ?? [];
        var verification = secrets.Count == 0
            ? WebhookVerification.Fail(WebhookFailure.NoSecret)
            : verifier.Verify(http.Request.Headers, body, secrets, time.GetUtcNow(), TimeSpan.FromSeconds(options.Value.SignatureToleranceSeconds));
        if (!verification.IsValid)
        {
            var failure = verification.Failure!.Value.ToString();
            var audited = throttle.ShouldAudit(provider);
            KycLog.CallbackRejected(logger, provider, failure, audited);
            if (audited)
            {
                await audit.AppendAsync(dataSource, new AuditEvent(
                    $"provider:{provider}", KycAuditActions.CallbackRejected, AuditOutcome.Denied, "kyc_callback", provider, RequestId: http.TraceIdentifier,
                    Detail: $"{failure} from {http.Connection.RemoteIpAddress}"), cancellationToken);
            }

            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: "The callback signature is missing or invalid.");
        }

        KycCallbackEvent callback;
        try
        {
            using var document = JsonDocument.Parse(body);
            callback = reader.Read(document.RootElement, http.Request.Headers, body);
        }
        catch (JsonException)
        {
            KycLog.CallbackMalformed(logger, provider, "malformed JSON");
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed JSON", detail: "The callback body is not valid JSON.");
        }
        catch (KycEventFormatException e)
        {
            KycLog.CallbackMalformed(logger, provider, e.Message);
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not an event", detail: e.Message);
        }

        var stored = await inbox.ReceiveAsync(provider, callback, SHA256.HashData(body), http.TraceIdentifier, cancellationToken);
        KycLog.CallbackStored(logger, provider, callback.EventType, duplicate: !stored);
        if (stored)
        {
            signal.Notify();
        }

        return Results.Ok(new CallbackAcknowledgement(Received: true, Duplicate: !stored));
    }
}
