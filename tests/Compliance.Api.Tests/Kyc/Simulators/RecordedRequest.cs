namespace Compliance.Api.Tests.Kyc.Simulators;

/// <summary>One API request as the simulator received it: the raw path and query, headers (repeated values joined with ", ") and body bytes.</summary>
public sealed record RecordedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
