using System.Security.Cryptography;

namespace Compliance.Crypto.Tests.Kek.Local;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // the key file guard is Unix mode bits
public sealed class LocalKeyRingProviderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kek-local-").FullName;

    private string KeyFile => Path.Combine(_directory, "keys", "kek.json");

    [Fact]
    public async Task FirstUse_CreatesKeyFileReadableOnlyByOwner()
    {
        using var provider = FileProvider();

        await provider.GetCurrentKeyIdAsync();

        File.Exists(KeyFile).Should().BeTrue();
        File.GetUnixFileMode(KeyFile).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Theory]
    [InlineData(UnixFileMode.GroupRead)]
    [InlineData(UnixFileMode.OtherRead)]
    [InlineData(UnixFileMode.GroupWrite)]
    public async Task Load_FileAccessibleByOthers_IsRefused(UnixFileMode extra)
    {
        using (var creator = FileProvider())
        {
            await creator.GetCurrentKeyIdAsync();
        }

        File.SetUnixFileMode(KeyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | extra);
        using var provider = FileProvider();

        var act = () => provider.GetCurrentKeyIdAsync();

        (await act.Should().ThrowAsync<KeyProviderException>())
            .WithMessage("*accessible by group or others*chmod 600*");
    }

    [Fact]
    public async Task RotateAsync_KeepsFileOwnerOnlyAndPersistsVersions()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        KekWrapResult wrapped;
        string rotated;
        using (var provider = FileProvider())
        {
            wrapped = await provider.WrapAsync(key);
            rotated = await provider.RotateAsync();
        }

        File.GetUnixFileMode(KeyFile).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Directory.GetFiles(Path.GetDirectoryName(KeyFile)!).Should().ContainSingle("the temporary file is renamed over the key file");
        using var reopened = FileProvider();
        (await reopened.GetCurrentKeyIdAsync()).Should().Be(rotated).And.Be("local:test:v2");
        (await reopened.UnwrapAsync(wrapped.KeyId, wrapped.Algorithm, wrapped.WrappedKey)).Should().Equal(key);
    }

    [Fact]
    public async Task UnwrapAsync_VersionRotatedByAnotherProcess_ReloadsFile()
    {
        using var reader = FileProvider();
        await reader.GetCurrentKeyIdAsync();
        using var rotator = FileProvider();
        await rotator.RotateAsync();
        var key = RandomNumberGenerator.GetBytes(32);
        var wrapped = await rotator.WrapAsync(key);

        var unwrapped = await reader.UnwrapAsync(wrapped.KeyId, wrapped.Algorithm, wrapped.WrappedKey);

        unwrapped.Should().Equal(key);
    }

    [Fact]
    public async Task ConfiguredKeys_LastIsCurrentAndAllUnwrap()
    {
        var v1 = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var v2 = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        using var old = new LocalKeyRingProvider(new LocalKeyRingOptions { Name = "cfg", Keys = [v1] });
        using var provider = new LocalKeyRingProvider(new LocalKeyRingOptions { Name = "cfg", Keys = [v1, v2] });
        var key = RandomNumberGenerator.GetBytes(32);
        var wrappedUnderV1 = await old.WrapAsync(key);

        (await provider.GetCurrentKeyIdAsync()).Should().Be("local:cfg:v2");
        (await provider.UnwrapAsync(wrappedUnderV1.KeyId, wrappedUnderV1.Algorithm, wrappedUnderV1.WrappedKey)).Should().Equal(key);
    }

    [Fact]
    public async Task ConfiguredKeys_RotateAsync_IsRefusedWithAdvice()
    {
        using var provider = new LocalKeyRingProvider(new LocalKeyRingOptions { Keys = [Convert.ToBase64String(new byte[32])] });

        var act = () => provider.RotateAsync();

        await act.Should().ThrowAsync<KeyProviderException>().WithMessage("*appending a new base64 key*");
    }

    [Fact]
    public void ConfiguredKeys_WrongLength_IsRefused()
    {
        var act = () => new LocalKeyRingProvider(new LocalKeyRingOptions { Keys = [Convert.ToBase64String(new byte[16])] });

        act.Should().Throw<CryptographicException>().WithMessage("*32 bytes*");
    }

    [Fact]
    public async Task UnwrapAsync_KeyIdOfAnotherRing_IsRefused()
    {
        var k = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        using var ringA = new LocalKeyRingProvider(new LocalKeyRingOptions { Name = "a", Keys = [k] });
        using var ringB = new LocalKeyRingProvider(new LocalKeyRingOptions { Name = "b", Keys = [k] });
        var wrapped = await ringA.WrapAsync(new byte[32]);

        var act = () => ringB.UnwrapAsync(wrapped.KeyId, wrapped.Algorithm, wrapped.WrappedKey);

        await act.Should().ThrowAsync<KeyProviderException>().WithMessage("*not a key id of the local key ring 'b'*");
    }

    [Fact]
    public async Task UnwrapAsync_IdRelabelledToAnotherVersion_FailsAuthentication()
    {
        // Same key bytes under two version labels: only the AAD (the key id) tells them apart.
        var k = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        using var provider = new LocalKeyRingProvider(new LocalKeyRingOptions { Name = "r", Keys = [k, k] });
        var wrapped = await provider.WrapAsync(new byte[32]);

        var act = () => provider.UnwrapAsync("local:r:v1", wrapped.Algorithm, wrapped.WrappedKey);

        await act.Should().ThrowAsync<KeyProviderException>().WithMessage("*failed authentication*");
    }

    [Fact]
    public async Task Load_CorruptFile_ThrowsKeyProviderException()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(KeyFile)!);
        await File.WriteAllTextAsync(KeyFile, "{ not json");
        File.SetUnixFileMode(KeyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        using var provider = FileProvider();

        var act = () => provider.GetCurrentKeyIdAsync();

        await act.Should().ThrowAsync<KeyProviderException>().WithMessage("*not a valid*");
    }

    [Fact]
    public async Task KeyFile_DoesNotContainWrappedKeysPlaintext()
    {
        using var provider = FileProvider();
        var dek = RandomNumberGenerator.GetBytes(32);
        await provider.WrapAsync(dek);

        var file = await File.ReadAllTextAsync(KeyFile);

        file.Should().NotContain(Convert.ToBase64String(dek));
        file.Should().Contain("compliance-local-keyring/v1");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private LocalKeyRingProvider FileProvider() => new(new LocalKeyRingOptions { Name = "test", KeyFilePath = KeyFile });
}
