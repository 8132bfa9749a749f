using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Compliance.Api.Webhooks;

/// <summary>
/// Delivers due outbox events: signs each with the endpoint's secrets (Standard Webhooks headers) and
/// POSTs it through the <c>webhooks</c> client (the standard resilience handler: attempt and total
/// timeouts, quick retries, a circuit breaker per receiver). A failure is retried by the outbox with
/// exponential backoff until <see cref="WebhookOptions.MaxAttempts"/>, then the event is dead.
/// </summary>
internal sealed class WebhookDispatcher(
    WebhookOutbox outbox, WebhookEndpointStore endpoints, IHttpClientFactory clients, IOptions<WebhookOptions> options, TimeProvider time,
    ComplianceMetrics metrics, ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public const string ClientName = "webhooks";

    // How often the outbox lag is measured: one small query, not one per poll.
    private static readonly TimeSpan LagEvery = TimeSpan.FromSeconds(5);

    private long _lagMeasuredAt;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var lease = TimeSpan.FromSeconds(settings.AttemptTimeoutSeconds + 5);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (_lagMeasuredAt == 0 || time.GetElapsedTime(_lagMeasuredAt) >= LagEvery)
                {
                    _lagMeasuredAt = time.GetTimestamp();
                    var oldest = await outbox.OldestPendingAsync(stoppingToken);
                    metrics.OutboxLag(oldest is { } at ? Math.Max(0, (time.GetUtcNow() - at).TotalSeconds) : 0);
                }

                var due = await outbox.ClaimAsync(settings.BatchSize, time.GetUtcNow(), lease, stoppingToken);
                if (due.Count > 0)
                {
                    await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = stoppingToken },
                        async (row, ct) => await DeliverAsync(row, settings, ct));
                    continue;
                }
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                WebhookLog.DispatchFailed(logger, e.GetType().Name);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Claimed events not finished are due again when their lease ends.
                return;
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(settings.PollMilliseconds), time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task DeliverAsync(OutboxRow row, WebhookOptions settings, CancellationToken cancellationToken)
    {
        int? status = null;
        string failure;
        var endpoint = await endpoints.FindAsync(row.KeyId, cancellationToken);
        if (endpoint is null)
        {
            await outbox.FailedAsync(row.Id, null, "the API key has no webhook endpoint", null, cancellationToken);
            WebhookLog.Dead(logger, row.EventId, row.Attempts, "no endpoint");
            return;
        }

        if (!settings.Allows(new Uri(endpoint.Url)))
        {
            // The allow-list changed since the URL was set: never send, say why.
            await outbox.FailedAsync(row.Id, null, "the endpoint's host is not in Webhooks:AllowedHosts", null, cancellationToken);
            WebhookLog.Dead(logger, row.EventId, row.Attempts, "host not allowed");
            return;
        }

        try
        {
            var body = Encoding.UTF8.GetBytes(row.Body);
            var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
            var secrets = await endpoints.SigningSecretsAsync(endpoint, cancellationToken);
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Add("webhook-id", row.EventId.ToString());
            request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.Add("webhook-signature", WebhookSigner.Signature(row.EventId.ToString(), timestamp, body, secrets));
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                await outbox.DeliveredAsync(row.Id, status.Value, time.GetUtcNow(), CancellationToken.None);
                WebhookLog.Delivered(logger, row.EventId, row.EventType, row.Attempts);
                return;
            }

            failure = $"HTTP {status}";
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
#pragma warning disable CA1031 // Any failure to deliver is a failed attempt: recorded and retried, never a crash of the dispatcher.
        catch (Exception e)
#pragma warning restore CA1031
        {
            // The handler wraps what the connect callback throws; a refused address says why, anything else only what failed.
            failure = Refusal(e)?.Message ?? e.GetType().Name;
        }

        if (row.Attempts >= settings.MaxAttempts)
        {
            await outbox.FailedAsync(row.Id, status, failure, null, CancellationToken.None);
            WebhookLog.Dead(logger, row.EventId, row.Attempts, failure);
            return;
        }

        // Exponential backoff with ±10% jitter, so receivers coming back are not hit by every sender at once.
        var delay = Math.Min(settings.FirstBackoffSeconds * Math.Pow(2, row.Attempts - 1), settings.MaxBackoffSeconds)
            * (0.9 + (Random.Shared.NextDouble() * 0.2));
        await outbox.FailedAsync(row.Id, status, failure, time.GetUtcNow().AddSeconds(delay), CancellationToken.None);
        WebhookLog.Failed(logger, row.EventId, row.Attempts, failure, delay);
    }

    private static WebhookAddressRefusedException? Refusal(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is WebhookAddressRefusedException refused)
            {
                return refused;
            }
        }

        return null;
    }
}
