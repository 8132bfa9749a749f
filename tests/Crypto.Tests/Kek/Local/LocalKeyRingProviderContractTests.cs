namespace Compliance.Crypto.Tests.Kek.Local;

public sealed class LocalKeyRingProviderContractTests : KeyEncryptionKeyProviderContractTests, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kek-contract-").FullName;
    private readonly LocalKeyRingProvider _provider;

    public LocalKeyRingProviderContractTests()
    {
        _provider = new LocalKeyRingProvider(new LocalKeyRingOptions { Name = "contract", KeyFilePath = Path.Combine(_directory, "kek.json") });
    }

    protected override IKeyEncryptionKeyProvider Provider => _provider;

    protected override string ExpectedName => "local";

    protected override string MissingVersionKeyId(string currentKeyId) => "local:contract:v99";

    public void Dispose()
    {
        _provider.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
