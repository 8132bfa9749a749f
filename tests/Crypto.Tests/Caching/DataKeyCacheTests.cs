using System.Security.Cryptography;

namespace Compliance.Crypto.Tests.Caching;

public sealed class DataKeyCacheTests : IDisposable
{
    private static readonly EncryptionContext Context = new("kyc_subject", "email", "cust-1");

    private readonly ManualTimeProvider _time = new();
    private readonly List<DataKey> _loaded = [];
    private int _loads;

    [Fact]
    public async Task GetOrLoadAsync_Miss_LoadsOnceThenHits()
    {
        using var cache = CreateCache();
        var id = DataKeyId.New();

        using (var first = await cache.GetOrLoadAsync(id, Loader(id)))
        using (var second = await cache.GetOrLoadAsync(id, Loader(id)))
        {
            second.Key.Should().BeSameAs(first.Key);
        }

        _loads.Should().Be(1);
        cache.Count.Should().Be(1);
    }

    [Fact]
    public async Task GetOrLoadAsync_ConcurrentMisses_UnwrapOnce()
    {
        using var cache = CreateCache();
        var id = DataKeyId.New();
        var release = new TaskCompletionSource();
        Func<CancellationToken, Task<DataKey>> slowLoader = async ct =>
        {
            Interlocked.Increment(ref _loads);
            await release.Task;
            return Track(TestKeys.RandomWithId(id));
        };

        var callers = Enumerable.Range(0, 50).Select(_ => Task.Run(async () => await cache.GetOrLoadAsync(id, slowLoader))).ToArray();
        await Task.Delay(100);
        release.SetResult();
        var leases = await Task.WhenAll(callers);

        _loads.Should().Be(1, "concurrent misses for one key share one unwrap");
        leases.Select(l => l.Key).Distinct().Should().ContainSingle();
        foreach (var lease in leases)
        {
            lease.Dispose();
        }
    }

    [Fact]
    public async Task GetOrLoadAsync_LoaderFails_AllWaitersSeeItAndNothingIsCached()
    {
        using var cache = CreateCache();
        var id = DataKeyId.New();
        var release = new TaskCompletionSource();
        Func<CancellationToken, Task<DataKey>> failing = async ct =>
        {
            Interlocked.Increment(ref _loads);
            await release.Task;
            throw new KeyProviderException("test", null, "Key Vault said no.");
        };

        // Started from this thread: every call is registered before the load is released.
        var callers = Enumerable.Range(0, 5).Select(_ => cache.GetOrLoadAsync(id, failing).AsTask()).ToArray();
        release.SetResult();

        foreach (var caller in callers)
        {
            await caller.Invoking(async c => await c).Should().ThrowAsync<KeyProviderException>();
        }

        _loads.Should().Be(1);
        cache.Count.Should().Be(0);
        using var retry = await cache.GetOrLoadAsync(id, Loader(id));
        _loads.Should().Be(2, "a failure is not cached");
    }

    [Fact]
    public async Task GetOrLoadAsync_AfterTimeToLive_ReloadsAndZeroesOldKey()
    {
        using var cache = CreateCache(new DataKeyCacheOptions { TimeToLive = TimeSpan.FromMinutes(5) });
        var id = DataKeyId.New();
        (await cache.GetOrLoadAsync(id, Loader(id))).Dispose();
        var first = _loaded[0];

        _time.Advance(TimeSpan.FromMinutes(4));
        (await cache.GetOrLoadAsync(id, Loader(id))).Dispose();
        _loads.Should().Be(1);

        _time.Advance(TimeSpan.FromMinutes(1));
        using var lease = await cache.GetOrLoadAsync(id, Loader(id));

        _loads.Should().Be(2);
        lease.Key.Should().NotBeSameAs(first);
        first.IsDestroyed.Should().BeTrue();
        first.KeyBufferIsZero().Should().BeTrue();
    }

    [Fact]
    public async Task RemoveExpired_ExpiredEntries_AreEvictedAndZeroed()
    {
        using var cache = CreateCache(new DataKeyCacheOptions { TimeToLive = TimeSpan.FromMinutes(5) });
        var id = DataKeyId.New();
        (await cache.GetOrLoadAsync(id, Loader(id))).Dispose();

        _time.Advance(TimeSpan.FromMinutes(6));
        cache.RemoveExpired();

        cache.Count.Should().Be(0);
        _loaded[0].KeyBufferIsZero().Should().BeTrue();
    }

    [Fact]
    public async Task GetOrLoadAsync_MaxEncryptionsReached_ReloadsEntry()
    {
        using var cache = CreateCache(new DataKeyCacheOptions { MaxEncryptionsPerEntry = 3 });
        var id = DataKeyId.New();
        for (var i = 0; i < 3; i++)
        {
            using var lease = await cache.GetOrLoadAsync(id, Loader(id));
            FieldEncryptor.Encrypt(lease.Key, "x", Context);
        }

        _loads.Should().Be(1);

        using var fresh = await cache.GetOrLoadAsync(id, Loader(id));

        _loads.Should().Be(2, "the entry served its 3 encryptions");
        _loaded[0].IsDestroyed.Should().BeTrue();
    }

    [Fact]
    public async Task GetOrLoadAsync_DecryptionsOnly_DoNotExhaustEntry()
    {
        using var cache = CreateCache(new DataKeyCacheOptions { MaxEncryptionsPerEntry = 2 });
        var id = DataKeyId.New();
        byte[] envelope;
        using (var lease = await cache.GetOrLoadAsync(id, Loader(id)))
        {
            envelope = FieldEncryptor.Encrypt(lease.Key, "x", Context);
        }

        for (var i = 0; i < 10; i++)
        {
            using var lease = await cache.GetOrLoadAsync(id, Loader(id));
            FieldEncryptor.DecryptString(lease.Key, envelope, Context).Should().Be("x");
        }

        _loads.Should().Be(1, "only encryptions count towards the entry's limit");
    }

    [Fact]
    public async Task GetOrLoadAsync_BeyondMaxEntries_EvictsLeastRecentlyUsed()
    {
        using var cache = CreateCache(new DataKeyCacheOptions { MaxEntries = 2 });
        var a = DataKeyId.New();
        var b = DataKeyId.New();
        var c = DataKeyId.New();
        (await cache.GetOrLoadAsync(a, Loader(a))).Dispose();
        (await cache.GetOrLoadAsync(b, Loader(b))).Dispose();
        (await cache.GetOrLoadAsync(a, Loader(a))).Dispose(); // a is now more recent than b

        (await cache.GetOrLoadAsync(c, Loader(c))).Dispose();

        cache.Count.Should().Be(2);
        cache.TryGet(b, out _).Should().BeFalse();
        cache.TryGet(a, out var leaseA).Should().BeTrue();
        leaseA!.Dispose();
        _loaded.Single(k => k.Id == b).KeyBufferIsZero().Should().BeTrue();
    }

    [Fact]
    public async Task Remove_LeasedKey_StaysUsableUntilLeaseDisposed()
    {
        using var cache = CreateCache();
        var id = DataKeyId.New();
        var lease = await cache.GetOrLoadAsync(id, Loader(id));

        cache.Remove(id).Should().BeTrue();

        lease.Key.IsDestroyed.Should().BeFalse();
        FieldEncryptor.Encrypt(lease.Key, "still fine", Context).Should().NotBeEmpty();
        lease.Dispose();
        _loaded[0].IsDestroyed.Should().BeTrue();
        _loaded[0].KeyBufferIsZero().Should().BeTrue();
    }

    [Fact]
    public async Task Remove_WhileLoading_DiscardsTheLoadedKey()
    {
        using var cache = CreateCache();
        var id = DataKeyId.New();
        var release = new TaskCompletionSource();
        DataKey? loaded = null;
        var pending = cache.GetOrLoadAsync(id, async ct =>
        {
            await release.Task;
            return loaded = TestKeys.RandomWithId(id);
        }).AsTask();

        cache.Remove(id).Should().BeTrue("a load was in flight");
        release.SetResult();

        await pending.Invoking(async p => await p).Should().ThrowAsync<CryptographicException>().WithMessage("*removed from the cache*");
        cache.Count.Should().Be(0);
        loaded!.IsDestroyed.Should().BeTrue();
        using var next = await cache.GetOrLoadAsync(id, Loader(id));
        next.Key.Should().NotBeSameAs(loaded, "later loads work normally");
    }

    [Fact]
    public async Task Dispose_ZeroesEveryCachedKey()
    {
        var cache = CreateCache();
        for (var i = 0; i < 3; i++)
        {
            var id = DataKeyId.New();
            (await cache.GetOrLoadAsync(id, Loader(id))).Dispose();
        }

        cache.Dispose();

        _loaded.Should().HaveCount(3).And.OnlyContain(k => k.IsDestroyed && k.KeyBufferIsZero());
        var act = async () => await cache.GetOrLoadAsync(DataKeyId.New(), Loader(DataKeyId.New()));
        await act.Should().ThrowAsync<ObjectDisposedException>();
    }

    [Fact]
    public async Task GetOrLoadAsync_LoadingCallerCancels_WaiterLoadsItself()
    {
        using var cache = CreateCache();
        var id = DataKeyId.New();
        using var cts = new CancellationTokenSource();
        var first = cache.GetOrLoadAsync(id, async ct =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return TestKeys.RandomWithId(id);
        }, cts.Token).AsTask();
        var waiter = cache.GetOrLoadAsync(id, Loader(id)).AsTask();

        await cts.CancelAsync();

        await first.Invoking(async t => await t).Should().ThrowAsync<OperationCanceledException>();
        using var lease = await waiter;
        lease.Key.Id.Should().Be(id);
    }

    [Fact]
    public async Task DataKeyService_LeaseAsync_WithCache_UnwrapsOnce()
    {
        var directory = Directory.CreateTempSubdirectory("cache-svc-").FullName;
        try
        {
            using var provider = new LocalKeyRingProvider(new LocalKeyRingOptions { KeyFilePath = Path.Combine(directory, "k.json") });
            using var cache = CreateCache();
            var counting = new CountingProvider(provider);
            var service = new DataKeyService(counting, cache: cache);
            using var created = await service.CreateDataKeyAsync("cust-1");
            var envelope = FieldEncryptor.Encrypt(created.Key, "v", Context);

            using (var lease = await service.LeaseAsync(created.Wrapped))
            using (var again = await service.LeaseAsync(created.Wrapped))
            {
                FieldEncryptor.DecryptString(again.Key, envelope, Context).Should().Be("v");
                again.Key.Should().BeSameAs(lease.Key);
            }

            counting.Unwraps.Should().Be(1);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    public void Dispose()
    {
        foreach (var key in _loaded)
        {
            key.Dispose();
        }
    }

    private DataKeyCache CreateCache(DataKeyCacheOptions? options = null) => new(options, _time);

    private Func<CancellationToken, Task<DataKey>> Loader(DataKeyId id) => _ =>
    {
        Interlocked.Increment(ref _loads);
        return Task.FromResult(Track(TestKeys.RandomWithId(id)));
    };

    private DataKey Track(DataKey key)
    {
        lock (_loaded)
        {
            _loaded.Add(key);
        }

        return key;
    }

    private sealed class CountingProvider(IKeyEncryptionKeyProvider inner) : IKeyEncryptionKeyProvider
    {
        private int _unwraps;

        public int Unwraps => _unwraps;

        public string Name => inner.Name;

        public Task<string> GetCurrentKeyIdAsync(CancellationToken cancellationToken = default) => inner.GetCurrentKeyIdAsync(cancellationToken);

        public Task<KekWrapResult> WrapAsync(ReadOnlyMemory<byte> plaintextKey, CancellationToken cancellationToken = default) => inner.WrapAsync(plaintextKey, cancellationToken);

        public Task<byte[]> UnwrapAsync(string keyId, string algorithm, ReadOnlyMemory<byte> wrappedKey, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _unwraps);
            return inner.UnwrapAsync(keyId, algorithm, wrappedKey, cancellationToken);
        }

        public Task<string> RotateAsync(CancellationToken cancellationToken = default) => inner.RotateAsync(cancellationToken);

        public Task<IReadOnlyList<KekVersion>> ListVersionsAsync(CancellationToken cancellationToken = default) => inner.ListVersionsAsync(cancellationToken);
    }
}
