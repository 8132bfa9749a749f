using System.Net.Http.Headers;

namespace Compliance.LoadTest;

/// <summary>
/// <c>GET /v1/cases?inbox=…&amp;limit=50</c>: the first page of an inbox's queue, what an officer opens
/// most; alternating between the whole queue and its open cases.
/// </summary>
internal sealed class CasesTarget(string apiKey, string inbox) : ILoadTarget
{
    private readonly AuthenticationHeaderValue _authorization = new("Bearer", apiKey);
    private readonly Uri _all = new($"/v1/cases?inbox={Uri.EscapeDataString(inbox)}&limit=50", UriKind.Relative);
    private readonly Uri _open = new($"/v1/cases?inbox={Uri.EscapeDataString(inbox)}&state=open&limit=50", UriKind.Relative);

    public HttpRequestMessage Create(long sequence)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, sequence % 2 == 0 ? _all : _open);
        request.Headers.Authorization = _authorization;
        return request;
    }
}
