namespace Compliance.Api;

/// <summary>The <c>Telemetry</c> section: what is traced and measured, and where it goes.</summary>
internal sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>Off: no OpenTelemetry providers at all (what the overhead measurement compares with).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>
    /// An OTLP collector (<c>http://collector:4317</c>) that traces and metrics are pushed to. Unset, the
    /// standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> variable is used; with neither, nothing is pushed.
    /// </summary>
    public string? OtlpEndpoint { get; init; }

    /// <summary>
    /// How <see cref="OtlpEndpoint"/> is spoken to: <c>grpc</c> (port 4317) or <c>http/protobuf</c>
    /// (port 4318; traces go to <c>/v1/traces</c>, metrics to <c>/v1/metrics</c> under it). Unset, the
    /// standard <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>, else gRPC.
    /// </summary>
    public string? OtlpProtocol { get; init; }

    /// <summary>Where Prometheus scrapes the metrics, admin API key required; empty turns the endpoint off.</summary>
    public string PrometheusPath { get; init; } = "/metrics";

    /// <summary>Share of traces kept (parent-based: a caller's sampled trace is always kept).</summary>
    public double TraceSampleRatio { get; init; } = 1.0;
}
