using System.Text;
using System.Xml.Linq;
using Compliance.Crypto;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace Compliance.Api.OfficerConsole;

/// <summary>
/// Data Protection's key ring in PostgreSQL, so every instance signs and reads the same console
/// cookies and a restart does not sign every officer out. The XML of each key holds its secret, so it
/// is stored only as envelope ciphertext under a data key of its own (KEK-wrapped, rewrapped by
/// <c>keys rewrap</c>), bound to its row.
/// </summary>
internal sealed class DataProtectionKeyStore(IServiceProvider services, TimeProvider time) : IXmlRepository
{
    private const string SelectAll = """
        SELECT id AS Id, data_key_id AS DataKeyId, kek_provider AS KekProvider, kek_id AS KekId, algorithm AS Algorithm, wrapped_key AS WrappedKey,
               ciphertext AS Ciphertext
        FROM data_protection_keys ORDER BY created_at, id
        """;

    private const string Insert = """
        INSERT INTO data_protection_keys (id, friendly_name, data_key_id, kek_provider, kek_id, algorithm, wrapped_key, ciphertext, created_at)
        VALUES (@Id, @FriendlyName, @DataKeyId, @KekProvider, @KekId, @Algorithm, @WrappedKey, @Ciphertext, @At)
        """;

    // Data Protection calls these synchronously, rarely (start-up, key creation every 90 days); there is no request thread to starve.
    public IReadOnlyCollection<XElement> GetAllElements() => Task.Run(() => ReadAllAsync(CancellationToken.None)).GetAwaiter().GetResult();

    public void StoreElement(XElement element, string friendlyName) => Task.Run(() => StoreAsync(element, friendlyName, CancellationToken.None)).GetAwaiter().GetResult();

    // Resolved on first use, not when Data Protection builds its options: with a local cluster the
    // database only exists once the command has started it.
    private NpgsqlDataSource DataSource => services.GetRequiredService<NpgsqlDataSource>();

    private CryptoServices Crypto => services.GetRequiredService<CryptoServices>();

    public async Task<IReadOnlyCollection<XElement>> ReadAllAsync(CancellationToken cancellationToken)
    {
        var crypto = Crypto;
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
        var elements = new List<XElement>();
        foreach (var row in await connection.QueryAsync<KeyRow>(new CommandDefinition(SelectAll, cancellationToken: cancellationToken)))
        {
            using var key = await crypto.DataKeys.UnwrapAsync(
                new WrappedKey(new DataKeyId(row.DataKeyId), Subject(row.Id), row.KekProvider, row.KekId, row.Algorithm, row.WrappedKey), 1, cancellationToken);
            elements.Add(XElement.Parse(FieldEncryptor.DecryptString(key, row.Ciphertext, Context(row.Id))));
        }

        return elements;
    }

    public async Task StoreAsync(XElement element, string friendlyName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(element);
        var id = Guid.CreateVersion7();
        using var created = await Crypto.DataKeys.CreateDataKeyAsync(Subject(id), cancellationToken);
        var wrapped = created.Wrapped;
        var ciphertext = FieldEncryptor.Encrypt(created.Key, Encoding.UTF8.GetBytes(element.ToString(SaveOptions.DisableFormatting)), Context(id));
        await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(Insert, new
        {
            Id = id, FriendlyName = friendlyName, DataKeyId = wrapped.DataKeyId.Value, KekProvider = wrapped.ProviderName, wrapped.KekId, wrapped.Algorithm,
            WrappedKey = wrapped.Ciphertext.ToArray(), Ciphertext = ciphertext, At = time.GetUtcNow(),
        }, cancellationToken: cancellationToken));
    }

    /// <summary>The subject each key's data key is bound to (also how <c>keys rewrap</c> names it).</summary>
    public static string Subject(Guid id) => $"dataprotection:{id:N}";

    private static EncryptionContext Context(Guid id) => new("data_protection_keys", "xml", Subject(id));

    private sealed class KeyRow
    {
        public Guid Id { get; init; }

        public Guid DataKeyId { get; init; }

        public string KekProvider { get; init; } = "";

        public string KekId { get; init; } = "";

        public string Algorithm { get; init; } = "";

        public byte[] WrappedKey { get; init; } = [];

        public byte[] Ciphertext { get; init; } = [];
    }
}
