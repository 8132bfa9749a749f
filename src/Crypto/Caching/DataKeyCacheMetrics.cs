using System.Diagnostics.Metrics;

namespace Compliance.Crypto;

/// <summary>
/// The data key cache's hits and misses on the <c>Compliance.Crypto</c> meter, which the host's
/// telemetry exports: a low hit rate means every PII read pays a KEK unwrap.
/// </summary>
public static class DataKeyCacheMetrics
{
    public const string MeterName = "Compliance.Crypto";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Lookups = Meter.CreateCounter<long>(
        "compliance.cache.lookups", description: "Cache lookups by cache and result (hit: served from memory; miss: loaded)");

    private static readonly KeyValuePair<string, object?> Cache = new("cache", "data_key");

    internal static void Hit() => Lookups.Add(1, Cache, new KeyValuePair<string, object?>("result", "hit"));

    internal static void Miss() => Lookups.Add(1, Cache, new KeyValuePair<string, object?>("result", "miss"));
}
