using System.Security.Cryptography;
using System.Text;

namespace Compliance.Api.Auth;

/// <summary>
/// Key secrets: 32 random bytes, base64url, behind a recognisable prefix so leaked keys can be
/// found by secret scanners. Only SHA-256 of the whole key is stored: the secret has 256 bits of
/// entropy, so a slow password hash would add cost without adding safety.
/// </summary>
internal static class ApiKeySecret
{
    public const string Prefix = "cmp_";

    public static string Generate() =>
        Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
