using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;

namespace Compliance.Crypto;

/// <summary>
/// The few Key Vault JSON shapes the provider needs, read and written without reflection.
/// Key bytes never become managed strings: they are base64url-encoded straight into the request
/// buffer and decoded straight out of the response bytes, and those buffers are zeroed.
/// </summary>
internal static class KeyVaultJson
{
    /// <summary><c>{"alg":"RSA-OAEP-256","value":"&lt;base64url&gt;"}</c>; the caller zeroes the result.</summary>
    public static byte[] KeyOperationRequest(string algorithm, ReadOnlySpan<byte> value)
    {
        var encoded = ArrayPool<byte>.Shared.Rent(Base64Url.GetEncodedLength(value.Length));
        var buffer = new ArrayBufferWriter<byte>(256 + encoded.Length);
        try
        {
            var length = Base64Url.EncodeToUtf8(value, encoded);
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteString("alg", algorithm);
                writer.WriteString("value", encoded.AsSpan(0, length));
                writer.WriteEndObject();
            }

            return buffer.WrittenSpan.ToArray();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(encoded);
            ArrayPool<byte>.Shared.Return(encoded);
            buffer.Clear(); // ArrayBufferWriter.Clear zeroes what was written
        }
    }

    /// <summary>Reads <c>{"kid": "...", "value": "&lt;base64url&gt;"}</c> (KeyOperationResult).</summary>
    public static (string KeyId, byte[] Value) KeyOperationResult(ReadOnlySpan<byte> json)
    {
        string? kid = null;
        byte[]? value = null;
        var reader = new Utf8JsonReader(json);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("kid"u8))
            {
                reader.Read();
                kid = reader.GetString();
            }
            else if (reader.ValueTextEquals("value"u8))
            {
                reader.Read();
                value = DecodeLenient(reader.ValueSpan);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (kid is null || value is null)
        {
            if (value is not null)
            {
                CryptographicOperations.ZeroMemory(value);
            }

            throw new JsonException("The Key Vault answer lacks 'kid' or 'value'.");
        }

        return (kid, value);
    }

    /// <summary>Reads a KeyBundle (get key, rotate): <c>{"key":{"kid":...},"attributes":{"enabled":..,"created":..}}</c>.</summary>
    public static KekVersion KeyBundle(ReadOnlySpan<byte> json)
    {
        using var document = JsonDocument.Parse(json.ToArray());
        var root = document.RootElement;
        return Version(root.GetProperty("key").GetProperty("kid").GetString()!, root);
    }

    /// <summary>Reads a KeyListResult page: <c>{"value":[{"kid":...,"attributes":{...}}],"nextLink":...}</c>.</summary>
    public static (List<KekVersion> Items, string? NextLink) KeyList(ReadOnlySpan<byte> json)
    {
        using var document = JsonDocument.Parse(json.ToArray());
        var root = document.RootElement;
        var items = new List<KekVersion>();
        foreach (var item in root.GetProperty("value").EnumerateArray())
        {
            items.Add(Version(item.GetProperty("kid").GetString()!, item));
        }

        var next = root.TryGetProperty("nextLink", out var link) && link.ValueKind == JsonValueKind.String ? link.GetString() : null;
        return (items, string.IsNullOrEmpty(next) ? null : next);
    }

    /// <summary>Reads <c>{"error":{"code":"...","message":"..."}}</c>; nulls when the body is not that.</summary>
    public static (string? Code, string? Message) Error(ReadOnlySpan<byte> json)
    {
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            if (document.RootElement.TryGetProperty("error", out var error))
            {
                var code = error.TryGetProperty("code", out var c) ? c.GetString() : null;
                var message = error.TryGetProperty("message", out var m) ? m.GetString() : null;
                return (code, message);
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page, say): report the status alone.
        }

        return (null, null);
    }

    /// <summary>base64url without padding as the spec says; tolerates padding and the standard alphabet, as the service's own examples use it.</summary>
    public static byte[] DecodeLenient(ReadOnlySpan<byte> utf8)
    {
        var scratch = ArrayPool<byte>.Shared.Rent(utf8.Length);
        try
        {
            var length = 0;
            foreach (var b in utf8)
            {
                if (b == (byte)'=')
                {
                    break;
                }

                scratch[length++] = b switch
                {
                    (byte)'+' => (byte)'-',
                    (byte)'/' => (byte)'_',
                    _ => b,
                };
            }

            var text = scratch.AsSpan(0, length);
            var decoded = new byte[Base64Url.GetMaxDecodedLength(length)];
            if (Base64Url.DecodeFromUtf8(text, decoded, out _, out var written) != OperationStatus.Done)
            {
                CryptographicOperations.ZeroMemory(decoded);
                throw new JsonException("The Key Vault answer's 'value' is not base64url.");
            }

            if (written == decoded.Length)
            {
                return decoded;
            }

            var exact = decoded.AsSpan(0, written).ToArray();
            CryptographicOperations.ZeroMemory(decoded);
            return exact;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(scratch.AsSpan(0, utf8.Length));
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    private static KekVersion Version(string kid, JsonElement owner)
    {
        var version = kid[(kid.LastIndexOf('/') + 1)..];
        DateTimeOffset? created = null;
        var enabled = true;
        if (owner.TryGetProperty("attributes", out var attributes))
        {
            if (attributes.TryGetProperty("created", out var c) && c.ValueKind == JsonValueKind.Number)
            {
                created = DateTimeOffset.FromUnixTimeSeconds(c.GetInt64());
            }

            if (attributes.TryGetProperty("enabled", out var e) && e.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                enabled = e.GetBoolean();
            }
        }

        return new KekVersion(kid, version, created, enabled);
    }
}
