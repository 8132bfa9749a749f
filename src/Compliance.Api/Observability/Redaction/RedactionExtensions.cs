using Microsoft.Extensions.Compliance.Redaction;

namespace Compliance.Api;

/// <summary>
/// Logging by data class: the host's loggers redact every classified value (a <see cref="LoggerMessageAttribute"/>
/// parameter, a <c>[LogProperties]</c> member) before any provider sees it. Personal and secret data
/// become <c>[redacted]</c>, customer references a keyed pseudonym, anything classified that has no
/// redactor of its own <c>[redacted]</c> too.
/// </summary>
internal static class RedactionExtensions
{
    public static ILoggingBuilder AddComplianceRedaction(this ILoggingBuilder logging)
    {
        // No per-tag discriminator: a customer's pseudonym is the same whatever a message calls the
        // parameter, so all of a customer's lines correlate and one `keys log-pseudonym` finds them.
        logging.EnableRedaction(o => o.ApplyDiscriminator = false);
        logging.Services.AddRedaction(redaction => redaction
            .SetRedactor<RedactedMarker>(DataClasses.Personal, DataClasses.Secret)
            .SetRedactor<CustomerPseudonymRedactor>(DataClasses.Pseudonym)
            .SetFallbackRedactor<RedactedMarker>());

        // HttpClient's own log lines carry every request URI, and provider URIs hold customer
        // references (Sumsub's externalUserId): outgoing calls are measured by ProviderMetricsHandler
        // and traced by OpenTelemetry (path ids masked) instead.
        logging.Services.ConfigureHttpClientDefaults(http => http.RemoveAllLoggers());
        return logging;
    }
}
