using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace Compliance.Api.Webhooks;

internal static class WebhookExtensions
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.Section))
            .Validate(o => o.PollMilliseconds is >= 10 and <= 60_000, "Webhooks:PollMilliseconds must be between 10 and 60000")
            .Validate(o => o.BatchSize is >= 1 and <= 1000, "Webhooks:BatchSize must be between 1 and 1000")
            .Validate(o => o.FirstBackoffSeconds > 0 && o.MaxBackoffSeconds >= o.FirstBackoffSeconds, "Webhooks: backoff must be positive and MaxBackoffSeconds ≥ FirstBackoffSeconds")
            .Validate(o => o.MaxAttempts >= 1, "Webhooks:MaxAttempts must be at least 1")
            .Validate(o => o.AttemptTimeoutSeconds is >= 0.3 and <= 120, "Webhooks:AttemptTimeoutSeconds must be between 0.3 and 120")
            .Validate(o => o.PreviousSecretHours is >= 0 and <= 24 * 30, "Webhooks:PreviousSecretHours must be between 0 and 720")
            .ValidateOnStart();
        services.AddSingleton<WebhookOutbox>();
        services.AddSingleton<WebhookEndpointStore>();
        services.AddHostedService<WebhookDispatcher>();

        // Redirects are failures, not followed: a receiver moves by changing its URL here. Every connection
        // goes through the address check, so no URL reaches the service's own network unless allowed.
        services.AddHttpClient(WebhookDispatcher.ClientName)
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var options = sp.GetRequiredService<IOptionsMonitor<WebhookOptions>>();
                return new SocketsHttpHandler
                {
                    AllowAutoRedirect = false,
                    UseCookies = false,
                    UseProxy = false,
                    ConnectCallback = (context, cancellationToken) => WebhookAddresses.ConnectAsync(context, options.CurrentValue.AllowPrivateAddresses, cancellationToken),
                };
            })
            .AddStandardResilienceHandler()
            .Configure((HttpStandardResilienceOptions o, IServiceProvider sp) =>
            {
                var total = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<WebhookOptions>>().Value.AttemptTimeoutSeconds);
                o.TotalRequestTimeout.Timeout = total;
                o.AttemptTimeout.Timeout = total / 3;
                o.Retry.MaxRetryAttempts = 2;
                o.Retry.Delay = TimeSpan.FromMilliseconds(200);
                o.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(Math.Max(30, 2 * (total / 3).TotalSeconds));
            })
            .SelectPipelineByAuthority();
        return services;
    }
}
