using Compliance.Api.Auth;
using Compliance.Crypto;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Compliance.Api;

/// <summary>
/// OpenTelemetry for the host: traces of every request through the check path (ASP.NET Core, the
/// service's own spans, Npgsql's commands, outgoing HTTP to providers and webhook receivers) and
/// metrics (ASP.NET Core, HttpClient, Npgsql, the runtime, the service's meters), pushed over OTLP
/// when a collector is configured and scrapeable in Prometheus format at an admin-only endpoint.
/// </summary>
internal static class TelemetryExtensions
{
    public static IServiceCollection AddComplianceTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        services.AddSingleton(settings);
        if (!settings.Enabled)
        {
            return services;
        }

        // Our own setting names the collector's base address; the standard OTEL_EXPORTER_OTLP_* variables
        // are left to the exporter, which reads them itself (and appends the signal paths over HTTP).
        var otlp = settings.OtlpEndpoint is { Length: > 0 } || configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] is { Length: > 0 };
        var protocol = OtlpProtocol(settings.OtlpProtocol ?? configuration["OTEL_EXPORTER_OTLP_PROTOCOL"]);
        if (settings.OtlpEndpoint is { Length: > 0 } given && !(Uri.TryCreate(given, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            throw new Storage.StartupException($"Telemetry:OtlpEndpoint must be an http or https address such as http://collector:4317, not '{given}'");
        }

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("compliance", serviceInstanceId: Environment.MachineName))
            .WithTracing(tracing =>
            {
                tracing
                    .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(settings.TraceSampleRatio)))
                    .AddSource(ComplianceTelemetry.SourceName)
                    .AddAspNetCoreInstrumentation(o =>
                    {
                        // Probes and scrapes every few seconds are noise, not requests.
                        o.Filter = http => !http.Request.Path.StartsWithSegments("/health") && !http.Request.Path.StartsWithSegments(settings.PrometheusPath);

                        // Paths hold customer ids (/v1/customers/cust-42/pii): spans keep the route template instead.
                        o.EnrichWithHttpResponse = (activity, response) => activity.SetTag("url.path", RouteTemplate(response.HttpContext));
                    })
                    .AddHttpClientInstrumentation(o =>
                    {
                        // Provider paths hold customer references and company numbers: keep the words, mask the ids.
                        o.EnrichWithHttpRequestMessage = (activity, request) =>
                        {
                            if (request.RequestUri is { IsAbsoluteUri: true } uri)
                            {
                                activity.SetTag("url.full", OutgoingUrl.Masked(uri));
                            }
                        };
                    })
                    .AddNpgsql();
                if (otlp)
                {
                    tracing.AddOtlpExporter(o => ConfigureOtlp(o, settings, protocol, "v1/traces"));
                }
            })
            .WithMetrics(metrics =>
            {
                metrics
                    .AddMeter(ComplianceMetrics.MeterName, DataKeyCacheMetrics.MeterName, "Npgsql")
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation();
                if (settings.PrometheusPath.Length > 0)
                {
                    metrics.AddPrometheusExporter();
                }

                if (otlp)
                {
                    metrics.AddOtlpExporter(o => ConfigureOtlp(o, settings, protocol, "v1/metrics"));
                }
            });
        return services;
    }

    private static OpenTelemetry.Exporter.OtlpExportProtocol OtlpProtocol(string? configured) => configured switch
    {
        null or "" or "grpc" => OpenTelemetry.Exporter.OtlpExportProtocol.Grpc,
        "http/protobuf" => OpenTelemetry.Exporter.OtlpExportProtocol.HttpProtobuf,
        _ => throw new Storage.StartupException($"Telemetry:OtlpProtocol must be grpc or http/protobuf, not '{configured}'"),
    };

    private static void ConfigureOtlp(OpenTelemetry.Exporter.OtlpExporterOptions options, TelemetryOptions settings, OpenTelemetry.Exporter.OtlpExportProtocol protocol, string signalPath)
    {
        options.Protocol = protocol;
        if (settings.OtlpEndpoint is { Length: > 0 } endpoint)
        {
            // Over HTTP an endpoint set in code is used as is, so the signal's path is added here.
            options.Endpoint = protocol == OpenTelemetry.Exporter.OtlpExportProtocol.HttpProtobuf
                ? new Uri(endpoint.TrimEnd('/') + "/" + signalPath)
                : new Uri(endpoint);
        }
    }

    /// <summary>The matched route's template (<c>/v1/customers/{id}</c>), or <c>(unmatched)</c>: never the path as sent.</summary>
    private static string RouteTemplate(HttpContext context) =>
        context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } template } ? "/" + template.TrimStart('/') : "(unmatched)";

    /// <summary>The Prometheus scraping endpoint, for admin API keys only (scrapers send <c>Authorization: Bearer</c>).</summary>
    public static IEndpointRouteBuilder MapComplianceMetrics(this IEndpointRouteBuilder routes)
    {
        var settings = routes.ServiceProvider.GetRequiredService<TelemetryOptions>();
        if (settings.Enabled && settings.PrometheusPath.Length > 0)
        {
            routes.MapPrometheusScrapingEndpoint(settings.PrometheusPath).RequireAuthorization(Roles.Admin).WithTags("Operations")
                .WithDescription("Metrics in Prometheus text format (admin API key).");
        }

        return routes;
    }
}
