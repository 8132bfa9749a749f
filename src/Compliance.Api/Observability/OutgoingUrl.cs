namespace Compliance.Api;

/// <summary>
/// What an outgoing call's span records of its URL: scheme, host, port and the path's words, with
/// every segment that holds a digit (an id, a customer reference, a company number) as <c>{id}</c>
/// and no query: <c>https://api.sumsub.com/resources/applicants/{id}/one</c>.
/// </summary>
internal static class OutgoingUrl
{
    public static string Masked(Uri uri)
    {
        var segments = uri.AbsolutePath.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            if (segments[i].Any(char.IsAsciiDigit) || segments[i].Contains('='))
            {
                segments[i] = "{id}";
            }
        }

        return $"{uri.Scheme}://{uri.Authority}{string.Join('/', segments)}";
    }
}
