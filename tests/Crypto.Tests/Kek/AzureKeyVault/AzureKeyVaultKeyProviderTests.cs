using System.Diagnostics;
using System.Security.Cryptography;

namespace Compliance.Crypto.Tests.Kek.AzureKeyVault;

public sealed class AzureKeyVaultKeyProviderTests : IClassFixture<FakeKeyVaultServerFixture>
{
    private readonly FakeKeyVaultServer _server;
    private readonly string _keyName = "kek-" + Guid.NewGuid().ToString("N")[..8];
    private readonly FakeTokenCredential _credential = new();

    public AzureKeyVaultKeyProviderTests(FakeKeyVaultServerFixture fixture)
    {
        _server = fixture.Server;
        _server.CreateKey(_keyName);
    }

    [Fact]
    public async Task WrapAsync_AsksForTheVaultScope()
    {
        await CreateProvider().WrapAsync(new byte[32]);

        _credential.Scopes.Should().Contain("https://vault.azure.net/.default");
    }

    [Fact]
    public async Task WrapAsync_ReturnsVersionedKeyIdOfTheVault()
    {
        var wrapped = await CreateProvider().WrapAsync(new byte[32]);

        wrapped.KeyId.Should().MatchRegex($"^https://127\\.0\\.0\\.1:\\d+/keys/{_keyName}/[0-9a-f]{{32}}$");
        wrapped.Algorithm.Should().Be("RSA-OAEP-256");
        wrapped.WrappedKey.Length.Should().Be(256, "RSA-2048 OAEP output is the modulus size");
    }

    [Fact]
    public async Task UnwrapAsync_CallsTheStoredVersionsEndpoint()
    {
        var provider = CreateProvider();
        var wrapped = await provider.WrapAsync(new byte[32]);
        var version = wrapped.KeyId[(wrapped.KeyId.LastIndexOf('/') + 1)..];

        await provider.UnwrapAsync(wrapped.KeyId, wrapped.Algorithm, wrapped.WrappedKey);

        _server.Requests.Should().Contain($"POST /keys/{_keyName}/{version}/unwrapkey");
    }

    [Fact]
    public async Task WrapAsync_ThrottledWithRetryAfter_WaitsAndRetries()
    {
        var provider = CreateProvider();
        _server.InjectFault(429, "Throttled", "Request was not processed because too many requests were received.", retryAfter: "1");
        var before = _server.Requests.Count;
        var clock = Stopwatch.StartNew();

        var wrapped = await provider.WrapAsync(new byte[32]);

        clock.Elapsed.Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(900), "Retry-After: 1 must be honoured");
        _server.Requests.Count.Should().Be(before + 2);
        wrapped.KeyId.Should().Contain(_keyName);
    }

    [Fact]
    public async Task WrapAsync_RetryAfterLongerThanAllowed_FailsAtOnceAsTransient()
    {
        var provider = CreateProvider();
        _server.InjectFault(429, "Throttled", "Too many requests.", retryAfter: "3600");
        var before = _server.Requests.Count;

        var act = () => provider.WrapAsync(new byte[32]);

        var error = (await act.Should().ThrowAsync<KeyProviderException>()).Which;
        error.Status.Should().Be(429);
        error.ErrorCode.Should().Be("Throttled");
        error.IsTransient.Should().BeTrue();
        error.Message.Should().Contain("wait 3600 s");
        _server.Requests.Count.Should().Be(before + 1);
    }

    [Fact]
    public async Task WrapAsync_ThrottledBeyondMaxRetries_ThrowsThrottled()
    {
        var provider = CreateProvider(maxRetries: 2);
        for (var i = 0; i < 3; i++)
        {
            _server.InjectFault(429, "Throttled", "Too many requests.", retryAfter: "0");
        }

        var act = () => provider.WrapAsync(new byte[32]);

        (await act.Should().ThrowAsync<KeyProviderException>()).Which.Status.Should().Be(429);
        _server.FaultsPending.Should().Be(0, "the first try and two retries each met a 429");
    }

    [Fact]
    public async Task GetCurrentKeyIdAsync_ServiceUnavailableOnce_Retries()
    {
        var provider = CreateProvider();
        _server.InjectFault(503, "ServiceUnavailable", "Try again.");

        var current = await provider.GetCurrentKeyIdAsync();

        current.Should().Contain(_keyName);
    }

    [Fact]
    public async Task WrapAsync_Forbidden_MapsErrorJsonAndRequestId()
    {
        var provider = CreateProvider();
        _server.InjectFault(403, "Forbidden", "The user, group or application does not have keys wrapKey permission.");

        var act = () => provider.WrapAsync(new byte[32]);

        var error = (await act.Should().ThrowAsync<KeyProviderException>()).Which;
        error.Status.Should().Be(403);
        error.ErrorCode.Should().Be("Forbidden");
        error.IsTransient.Should().BeFalse();
        error.RequestId.Should().NotBeNullOrEmpty();
        error.Message.Should().Contain("HTTP 403 Forbidden").And.Contain("does not have keys wrapKey permission").And.Contain("x-ms-request-id");
    }

    [Fact]
    public async Task UnwrapAsync_WrongVersion_ExplainsTheVersionMismatch()
    {
        var provider = CreateProvider();
        var wrapped = await provider.WrapAsync(RandomNumberGenerator.GetBytes(32));
        var newer = await provider.RotateAsync();

        var act = () => provider.UnwrapAsync(newer, wrapped.Algorithm, wrapped.WrappedKey);

        var error = (await act.Should().ThrowAsync<KeyProviderException>()).Which;
        error.Status.Should().Be(400);
        error.ErrorCode.Should().Be("BadParameter");
        error.Message.Should().Contain("Unable to decrypt specified value with this key").And.Contain("exact versioned key id");
    }

    [Fact]
    public async Task UnwrapAsync_DisabledVersion_ThrowsForbidden()
    {
        var provider = CreateProvider();
        var wrapped = await provider.WrapAsync(RandomNumberGenerator.GetBytes(32));
        _server.Disable(wrapped.KeyId);

        var act = () => provider.UnwrapAsync(wrapped.KeyId, wrapped.Algorithm, wrapped.WrappedKey);

        (await act.Should().ThrowAsync<KeyProviderException>()).Which.Status.Should().Be(403);
    }

    [Fact]
    public async Task GetCurrentKeyIdAsync_UnknownKey_ThrowsKeyNotFound()
    {
        var provider = CreateProvider(keyName: "no-such-key");

        var act = () => provider.GetCurrentKeyIdAsync();

        var error = (await act.Should().ThrowAsync<KeyProviderException>()).Which;
        error.Status.Should().Be(404);
        error.ErrorCode.Should().Be("KeyNotFound");
    }

    [Fact]
    public async Task WrapAsync_RejectedToken_ThrowsUnauthorized()
    {
        var provider = new AzureKeyVaultKeyProvider(
            new AzureKeyVaultOptions { VaultUri = _server.BaseUri, KeyName = _keyName },
            new FakeTokenCredential("expired"),
            _server.ClientOptions());

        var act = () => provider.WrapAsync(new byte[32]);

        var error = (await act.Should().ThrowAsync<KeyProviderException>()).Which;
        error.Status.Should().Be(401);
        error.Message.Should().Contain("credential");
    }

    [Fact]
    public async Task UnwrapAsync_VersionlessKeyId_IsRefusedLocally()
    {
        var provider = CreateProvider();
        var before = _server.Requests.Count;

        var act = () => provider.UnwrapAsync(new Uri(_server.BaseUri, $"keys/{_keyName}").ToString(), "RSA-OAEP-256", new byte[256]);

        await act.Should().ThrowAsync<KeyProviderException>().WithMessage("*keys/{name}/{version}*");
        _server.Requests.Count.Should().Be(before, "nothing is sent for an id we cannot trust");
    }

    [Fact]
    public async Task ListVersionsAsync_ManyVersions_FollowsNextLink()
    {
        var provider = CreateProvider();
        for (var i = 0; i < 4; i++)
        {
            await provider.RotateAsync();
        }

        var versions = await provider.ListVersionsAsync();

        versions.Should().HaveCount(5);
        _server.Requests.Count(r => r == $"GET /keys/{_keyName}/versions").Should().Be(3, "the fake serves two versions per page");
    }

    [Fact]
    public void KeyOperationResult_StandardBase64WithPadding_IsAccepted()
    {
        var json = """{"kid":"https://v/keys/k/1","value":"+/8="}"""u8;

        var (_, value) = KeyVaultJson.KeyOperationResult(json);

        value.Should().Equal(0xfb, 0xff);
    }

    private AzureKeyVaultKeyProvider CreateProvider(int maxRetries = 3, string? keyName = null) => new(
        new AzureKeyVaultOptions
        {
            VaultUri = _server.BaseUri,
            KeyName = keyName ?? _keyName,
            MaxRetries = maxRetries,
            RetryDelay = TimeSpan.FromMilliseconds(10),
            MaxRetryAfter = TimeSpan.FromSeconds(5),
        },
        _credential,
        _server.ClientOptions());
}
