using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Compliance.Api.Webhooks;

/// <summary>
/// Standard Webhooks signatures: <c>webhook-signature: v1,&lt;base64 HMAC-SHA256 over
/// "{webhook-id}.{webhook-timestamp}.{body}"&gt;</c>, one per active secret, space separated.
/// Secrets are 32 random bytes, shown to clients as <c>whsec_&lt;base64&gt;</c>.
/// </summary>
internal static class WebhookSigner
{
    public const string SecretPrefix = "whsec_";

    public static byte[] NewSecret() => RandomNumberGenerator.GetBytes(32);

    public static string Format(ReadOnlySpan<byte> secret) => SecretPrefix + Convert.ToBase64String(secret);

    /// <summary>The <c>webhook-signature</c> header value for the body, signed with every secret given.</summary>
    public static string Signature(string eventId, long timestamp, ReadOnlySpan<byte> body, IEnumerable<byte[]> secrets)
    {
        var prefix = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{eventId}.{timestamp}."));
        var content = new byte[prefix.Length + body.Length];
        prefix.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(prefix.Length));
        return string.Join(' ', secrets.Select(secret => "v1," + Convert.ToBase64String(HMACSHA256.HashData(secret, content))));
    }
}
