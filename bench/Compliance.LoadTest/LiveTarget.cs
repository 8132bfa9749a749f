namespace Compliance.LoadTest;

/// <summary>The floor: <c>GET /health/live</c>, anonymous, no database.</summary>
internal sealed class LiveTarget : ILoadTarget
{
    private static readonly Uri Path = new("/health/live", UriKind.Relative);

    public HttpRequestMessage Create(long sequence) => new(HttpMethod.Get, Path);
}
