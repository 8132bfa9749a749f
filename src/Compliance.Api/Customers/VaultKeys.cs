using System.Security.Cryptography;
using Compliance.Crypto;
using Microsoft.Extensions.Options;

namespace Compliance.Api.Customers;

/// <summary>
/// Builds the crypto services from configuration, filling in development defaults: a local key
/// ring file and a blind-index root key generated on first start, readable only by this user.
/// Production sets <c>Crypto__KekProvider=azure-key-vault</c> and a root key from a secret store.
/// </summary>
internal static class VaultKeys
{
    private const string RootKeyFile = "blind-index-root.key";

    public static CryptoServices Create(IConfiguration configuration, IOptions<VaultOptions> vault, TimeProvider time)
    {
        var options = configuration.GetSection("Crypto").Get<CryptoOptions>() ?? new CryptoOptions();
        var directory = Path.GetFullPath(vault.Value.KeyDirectory);
        if (options.KekProvider == LocalKeyRingProvider.ProviderName && options.LocalKeyRing is null or { KeyFilePath: null, Keys: null })
        {
            EnsurePrivateDirectory(directory);
            options = options with { LocalKeyRing = (options.LocalKeyRing ?? new LocalKeyRingOptions()) with { KeyFilePath = Path.Combine(directory, "kek-ring.json") } };
        }

        if (string.IsNullOrEmpty(options.BlindIndexRootKey))
        {
            EnsurePrivateDirectory(directory);
            options = options with { BlindIndexRootKey = ReadOrCreateRootKey(Path.Combine(directory, RootKeyFile)) };
        }

        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new Storage.StartupException($"invalid Crypto configuration: {string.Join(" ", problems)}");
        }

        return CryptoServices.Create(options, time, options.KekProvider == LocalKeyRingProvider.ProviderName ? null : new Azure.Identity.DefaultAzureCredential());
    }

    private static void EnsurePrivateDirectory(string directory)
    {
        if (!Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static string ReadOrCreateRootKey(string path)
    {
        if (File.Exists(path))
        {
            if ((File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) != 0)
            {
                throw new Storage.StartupException($"{path} is readable by other users; restrict it with chmod 600");
            }

            return File.ReadAllText(path).Trim();
        }

        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        using (var stream = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(key);
        }

        return key;
    }
}
