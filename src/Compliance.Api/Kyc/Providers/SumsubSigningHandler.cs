using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Compliance.Api.Kyc.Providers;

/// <summary>
/// Signs each Sumsub request (spec §2). Placed inside the resilience handler, so every attempt gets a
/// fresh <c>X-App-Access-Ts</c>: a signature made once before the retry loop would go stale during a
/// Retry-After wait and Sumsub would refuse the retry with 401.
/// </summary>
internal sealed class SumsubSigningHandler(IOptions<KycOptions> options, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var settings = options.Value.For(KycProviders.Sumsub);
        if (settings?.AppToken is not { Length: > 0 } appToken || settings.SecretKey is not { Length: > 0 } secretKey)
        {
            throw new KycProviderException(KycProviders.Sumsub, KycProviderFailure.Refused, "sumsub is not configured (AppToken and SecretKey)");
        }

        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var ts = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Sign(secretKey, ts, request.Method.Method, request.RequestUri!.PathAndQuery, body);

        request.Headers.Remove("X-App-Token");
        request.Headers.Remove("X-App-Access-Ts");
        request.Headers.Remove("X-App-Access-Sig");
        request.Headers.TryAddWithoutValidation("X-App-Token", appToken);
        request.Headers.TryAddWithoutValidation("X-App-Access-Ts", ts);
        request.Headers.TryAddWithoutValidation("X-App-Access-Sig", signature);
        return await base.SendAsync(request, cancellationToken);
    }

    /// <summary>Lower-case hex HMAC-SHA256 over the ASCII of ts + METHOD + path-and-query, then the raw body bytes.</summary>
    internal static string Sign(string secretKey, string ts, string method, string pathAndQuery, byte[] body)
    {
        var prefix = Encoding.ASCII.GetBytes(ts + method.ToUpperInvariant() + pathAndQuery);
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message, prefix.Length);
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secretKey), message));
    }
}
