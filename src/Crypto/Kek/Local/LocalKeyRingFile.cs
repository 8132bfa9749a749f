using System.Security.Cryptography;
using System.Text.Json;

namespace Compliance.Crypto;

/// <summary>
/// Reads and writes the local key ring file, and guards its permissions.
/// </summary>
/// <remarks>
/// <code>
/// {
///   "format": "compliance-local-keyring/v1",
///   "name": "compliance",
///   "keys": [ { "version": 1, "created": "2026-11-21T11:17:56+00:00", "key": "&lt;base64 of 32 bytes&gt;" } ]
/// }
/// </code>
/// Keys go to and from the file as bytes (never as managed strings) and every buffer that held them
/// is zeroed. Writes go to a 0600 temporary file in the same directory, then an atomic rename.
/// </remarks>
internal static class LocalKeyRingFile
{
    public const string Format = "compliance-local-keyring/v1";

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    public static List<LocalKek> Read(string path, string ringName)
    {
        ThrowIfExposed(path);
        var bytes = File.ReadAllBytes(path);
        try
        {
            return Parse(bytes, path, ringName);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            throw new KeyProviderException(LocalKeyRingProvider.ProviderName, null, $"The key ring file '{path}' is not a valid {Format} file.", ex);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>Creates the file only if it does not exist; returns false if another process won the race.</summary>
    public static bool TryCreate(string path, string ringName, IReadOnlyList<LocalKek> keys)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(directory))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(directory);
            }
            else
            {
                Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        try
        {
            Write(path, ringName, keys, FileMode.CreateNew);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }
    }

    /// <summary>Replaces the file atomically (temporary 0600 file + rename).</summary>
    public static void Replace(string path, string ringName, IReadOnlyList<LocalKek> keys)
    {
        var temporary = $"{path}.{Convert.ToHexString(RandomNumberGenerator.GetBytes(6))}.tmp";
        try
        {
            Write(temporary, ringName, keys, FileMode.CreateNew);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Refuses a key file that anyone but its owner can read, write or execute.</summary>
    public static void ThrowIfExposed(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return; // ACLs, not mode bits; documented as unsupported for production on Windows.
        }

        var mode = File.GetUnixFileMode(path);
        if ((mode & GroupOrOther) != 0)
        {
            throw new KeyProviderException(
                LocalKeyRingProvider.ProviderName,
                null,
                $"The key ring file '{path}' is accessible by group or others (mode {ToOctal(mode)}); it must be readable only by the service's user: chmod 600 '{path}'.");
        }
    }

    private static void Write(string path, string ringName, IReadOnlyList<LocalKek> keys, FileMode mode)
    {
        using var buffer = new MemoryStream();
        try
        {
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            {
                writer.WriteStartObject();
                writer.WriteString("format", Format);
                writer.WriteString("name", ringName);
                writer.WriteStartArray("keys");
                foreach (var key in keys)
                {
                    writer.WriteStartObject();
                    writer.WriteNumber("version", key.Version);
                    if (key.CreatedOn is { } created)
                    {
                        writer.WriteString("created", created);
                    }

                    writer.WriteBase64String("key", key.Key);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = OwnerOnly;
            }

            using var file = new FileStream(path, options);
            file.Write(buffer.GetBuffer(), 0, (int)buffer.Length);
            file.Flush(flushToDisk: true);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer.GetBuffer());
        }
    }

    private static List<LocalKek> Parse(byte[] bytes, string path, string ringName)
    {
        using var document = JsonDocument.Parse(bytes);
        var root = document.RootElement;
        if (root.GetProperty("format").GetString() != Format)
        {
            throw new FormatException($"Unknown key ring format in '{path}'.");
        }

        var name = root.GetProperty("name").GetString();
        if (name != ringName)
        {
            throw new KeyProviderException(LocalKeyRingProvider.ProviderName, null, $"The key ring file '{path}' holds ring '{name}', but ring '{ringName}' is configured.");
        }

        var keys = new List<LocalKek>();
        foreach (var item in root.GetProperty("keys").EnumerateArray())
        {
            var material = item.GetProperty("key").GetBytesFromBase64();
            try
            {
                DateTimeOffset? created = item.TryGetProperty("created", out var c) ? c.GetDateTimeOffset() : null;
                keys.Add(new LocalKek(item.GetProperty("version").GetInt32(), created, material));
            }
            finally
            {
                CryptographicOperations.ZeroMemory(material);
            }
        }

        if (keys.Count == 0 || keys.Select(k => k.Version).Distinct().Count() != keys.Count)
        {
            throw new FormatException($"The key ring file '{path}' must hold at least one key and unique versions.");
        }

        keys.Sort((a, b) => a.Version.CompareTo(b.Version));
        return keys;
    }

    private static string ToOctal(UnixFileMode mode) => Convert.ToString((int)mode, 8).PadLeft(4, '0');
}
