using System.Security.Cryptography;

namespace Compliance.Crypto.Tests.Kek.Intermediate;

public sealed class IntermediateKeyProviderContractTests : KeyEncryptionKeyProviderContractTests, IDisposable
{
    private readonly LocalKeyRingProvider _kek = new(new LocalKeyRingOptions { Name = "root", Keys = [Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))] });
    private readonly IntermediateKeyProvider _provider;

    public IntermediateKeyProviderContractTests()
    {
        _provider = new IntermediateKeyProvider(_kek, new InMemoryIntermediateKeyStore(), "tenant-a");
    }

    protected override IKeyEncryptionKeyProvider Provider => _provider;

    protected override string ExpectedName => "intermediate";

    protected override string MissingVersionKeyId(string currentKeyId) => "kwk:tenant-a:v99";

    public void Dispose()
    {
        _provider.Dispose();
        _kek.Dispose();
    }
}
