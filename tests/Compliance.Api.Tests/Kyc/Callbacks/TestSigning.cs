using System.Security.Cryptography;
using System.Text;

namespace Compliance.Api.Tests.Kyc.Callbacks;

/// <summary>
/// The tests' own signer, written against the providers' docs with the framework's HMAC directly (not the
/// production helpers), for the cases openssl vectors cannot cover (rotation, time windows).
/// </summary>
internal static class TestSigning
{
    public static string HexSha256(string key, byte[] message) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), message));

    public static string HexSha256(string key, string prefix, byte[] body) =>
        HexSha256(key, Encoding.UTF8.GetBytes(prefix).Concat(body).ToArray());

    public static string Base64Sha256(byte[] key, string prefix, byte[] body) =>
        Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(prefix).Concat(body).ToArray()));

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
