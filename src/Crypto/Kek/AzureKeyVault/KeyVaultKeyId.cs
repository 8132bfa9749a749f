namespace Compliance.Crypto;

/// <summary>
/// A parsed, versioned Key Vault key id: <c>https://{vault}/keys/{name}/{version}</c>.
/// </summary>
/// <remarks>
/// Stored key ids come from the database, so they are validated before use: the host must be the
/// configured vault (a tampered row must not send our bearer token, or a wrapped key, elsewhere)
/// and the id must carry a version (versionless ids break unwrap after the first rotation).
/// </remarks>
internal readonly record struct KeyVaultKeyId(string Name, string Version)
{
    public static bool TryParse(string keyId, Uri vault, out KeyVaultKeyId parsed, out string? problem)
    {
        parsed = default;
        if (!Uri.TryCreate(keyId, UriKind.Absolute, out var uri))
        {
            problem = "it is not an absolute URI";
            return false;
        }

        if (!string.Equals(uri.Scheme, vault.Scheme, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(uri.Authority, vault.Authority, StringComparison.OrdinalIgnoreCase))
        {
            problem = $"it does not belong to the configured vault {vault.GetLeftPart(UriPartial.Authority)}";
            return false;
        }

        var segments = uri.AbsolutePath.Trim('/').Split('/');
        if (segments.Length != 3 || !string.Equals(segments[0], "keys", StringComparison.OrdinalIgnoreCase))
        {
            problem = "it is not of the form https://{vault}/keys/{name}/{version}";
            return false;
        }

        if (!IsToken(segments[1]) || !IsToken(segments[2]))
        {
            problem = "its name or version has characters Key Vault does not use";
            return false;
        }

        parsed = new KeyVaultKeyId(segments[1], segments[2]);
        problem = null;
        return true;
    }

    private static bool IsToken(string value) =>
        value.Length is > 0 and <= 127 && value.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}
