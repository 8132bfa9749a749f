using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Compliance.Crypto.Tests.Kek.AzureKeyVault;

/// <summary>
/// A local HTTPS endpoint (Kestrel on 127.0.0.1, random port, self-signed certificate) that
/// implements the slice of Key Vault's key REST contract the provider uses, with real RSA keys:
/// get key, list versions (paged), rotate, wrapkey (versioned or not), unwrapkey with
/// RSA-OAEP-256, bearer-token checks, Key Vault's error JSON, and injectable faults (429 +
/// Retry-After, 5xx, arbitrary errors).
/// </summary>
public sealed class FakeKeyVaultServer : IAsyncDisposable
{
    public const string Token = "test-token";
    public const string ApiVersion = "7.5";
    private const int PageSize = 2;

    private readonly WebApplication _app;
    private readonly X509Certificate2 _certificate;
    private readonly ConcurrentDictionary<string, List<KeyVersion>> _keys = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<Fault> _faults = new();
    private long _clock = 1_790_000_000;

    private FakeKeyVaultServer(WebApplication app, X509Certificate2 certificate)
    {
        _app = app;
        _certificate = certificate;
    }

    public Uri BaseUri { get; private set; } = null!;

    /// <summary>Every request as "METHOD /path", in order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public static async Task<FakeKeyVaultServer> StartAsync()
    {
        var certificate = CreateCertificate();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(certificate)));
        var app = builder.Build();
        var server = new FakeKeyVaultServer(app, certificate);
        server.Map(app);
        await app.StartAsync();
        server.BaseUri = new Uri(app.Urls.Single());
        return server;
    }

    /// <summary>A client transport that trusts only this server's certificate.</summary>
    public KeyVaultClientOptions ClientOptions()
    {
        var thumbprint = _certificate.Thumbprint;
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert?.Thumbprint == thumbprint,
        };
        return new KeyVaultClientOptions { Transport = new Azure.Core.Pipeline.HttpClientTransport(handler) };
    }

    public string CreateKey(string name)
    {
        var versions = _keys.GetOrAdd(name, _ => []);
        lock (versions)
        {
            return AddVersion(name, versions).Kid(BaseUri, name);
        }
    }

    public void Disable(string kid)
    {
        var (name, version) = Split(kid);
        var versions = _keys[name];
        lock (versions)
        {
            versions.Single(v => v.Version == version).Enabled = false;
        }
    }

    /// <summary>The next request is answered with this status, optional Retry-After and error body.</summary>
    public void InjectFault(int status, string code, string message, string? retryAfter = null) =>
        _faults.Enqueue(new Fault(status, code, message, retryAfter));

    public int FaultsPending => _faults.Count;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        foreach (var version in _keys.Values.SelectMany(v => v))
        {
            version.Rsa.Dispose();
        }

        _certificate.Dispose();
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.Parse("2026-01-01", CultureInfo.InvariantCulture), DateTimeOffset.Parse("2036-01-01", CultureInfo.InvariantCulture));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), password: null);
    }

    private static (string Name, string Version) Split(string kid)
    {
        var parts = new Uri(kid).AbsolutePath.Trim('/').Split('/');
        return (parts[1], parts[2]);
    }

    private static IResult Error(int status, string code, string message) =>
        Results.Json(new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } }, statusCode: status);

    private KeyVersion AddVersion(string name, List<KeyVersion> versions)
    {
        var version = new KeyVersion(Guid.NewGuid().ToString("N"), RSA.Create(2048), Interlocked.Increment(ref _clock));
        versions.Add(version);
        return version;
    }

    private void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            Requests.Enqueue($"{context.Request.Method} {context.Request.Path}");
            context.Response.Headers["x-ms-request-id"] = Guid.NewGuid().ToString();
            if (_faults.TryDequeue(out var fault))
            {
                if (fault.RetryAfter is not null)
                {
                    context.Response.Headers.RetryAfter = fault.RetryAfter;
                }

                await Error(fault.Status, fault.Code, fault.Message).ExecuteAsync(context);
                return;
            }

            if (context.Request.Headers.Authorization != $"Bearer {Token}")
            {
                context.Response.Headers.WWWAuthenticate = "Bearer authorization=\"https://login.microsoftonline.com/tenant\", resource=\"https://vault.azure.net\"";
                await Error(401, "Unauthorized", "AKV10000: Request is missing a Bearer or PoP token.").ExecuteAsync(context);
                return;
            }

            if (context.Request.Query["api-version"] != ApiVersion)
            {
                await Error(400, "BadParameter", "The specified version is not recognized.").ExecuteAsync(context);
                return;
            }

            await next(context);
        });

        app.MapGet("/keys/{name}", (string name) =>
            WithKey(name, versions => Results.Json(Bundle(name, versions[^1]))));

        app.MapGet("/keys/{name}/versions", (string name, int? skip) => WithKey(name, versions =>
        {
            var start = skip ?? 0;
            var page = new JsonArray([.. versions.Skip(start).Take(PageSize).Select(v => (JsonNode)new JsonObject
            {
                ["kid"] = v.Kid(BaseUri, name),
                ["attributes"] = Attributes(v),
            })]);
            var next = start + PageSize < versions.Count ? new Uri(BaseUri, $"keys/{name}/versions?api-version={ApiVersion}&skip={start + PageSize}").ToString() : null;
            return Results.Json(new JsonObject { ["value"] = page, ["nextLink"] = next });
        }));

        app.MapPost("/keys/{name}/rotate", (string name) => WithKey(name, versions =>
            Results.Json(Bundle(name, AddVersion(name, versions)))));

        app.MapPost("/keys/{name}/wrapkey", async (string name, HttpRequest request) =>
            await WrapAsync(name, version: null, request));

        app.MapPost("/keys/{name}/{version}/wrapkey", async (string name, string version, HttpRequest request) =>
            await WrapAsync(name, version, request));

        app.MapPost("/keys/{name}/{version}/unwrapkey", async (string name, string version, HttpRequest request) =>
        {
            var (alg, value) = await ReadOperationAsync(request);
            return WithVersion(name, version, "unwrapKey", v =>
            {
                if (alg != "RSA-OAEP-256")
                {
                    return Error(400, "BadParameter", $"Unsupported algorithm: {alg}");
                }

                try
                {
                    var plaintext = v.Rsa.Decrypt(value, RSAEncryptionPadding.OaepSHA256);
                    return Results.Json(new JsonObject { ["kid"] = v.Kid(BaseUri, name), ["value"] = Base64Url.EncodeToString(plaintext) });
                }
                catch (CryptographicException)
                {
                    return Error(400, "BadParameter", "Unable to decrypt specified value with this key.");
                }
            });
        });
    }

    private async Task<IResult> WrapAsync(string name, string? version, HttpRequest request)
    {
        var (alg, value) = await ReadOperationAsync(request);
        if (alg != "RSA-OAEP-256")
        {
            return Error(400, "BadParameter", $"Unsupported algorithm: {alg}");
        }

        return WithVersion(name, version, "wrapKey", v =>
            Results.Json(new JsonObject { ["kid"] = v.Kid(BaseUri, name), ["value"] = Base64Url.EncodeToString(v.Rsa.Encrypt(value, RSAEncryptionPadding.OaepSHA256)) }));
    }

    private static async Task<(string? Alg, byte[] Value)> ReadOperationAsync(HttpRequest request)
    {
        var body = await JsonDocument.ParseAsync(request.Body);
        var alg = body.RootElement.GetProperty("alg").GetString();
        var value = Base64Url.DecodeFromChars(body.RootElement.GetProperty("value").GetString());
        return (alg, value);
    }

    private IResult WithKey(string name, Func<List<KeyVersion>, IResult> action)
    {
        if (!_keys.TryGetValue(name, out var versions))
        {
            return Error(404, "KeyNotFound", $"A key with (name/id) {name} was not found in this key vault.");
        }

        lock (versions)
        {
            return action(versions);
        }
    }

    private IResult WithVersion(string name, string? version, string operation, Func<KeyVersion, IResult> action) => WithKey(name, versions =>
    {
        var found = version is null ? versions[^1] : versions.Find(v => v.Version == version);
        if (found is null)
        {
            return Error(404, "KeyNotFound", $"A key with (name/id) {name}/{version} was not found in this key vault.");
        }

        return found.Enabled ? action(found) : Error(403, "Forbidden", $"Operation {operation} is not allowed on a disabled key.");
    });

    private JsonObject Bundle(string name, KeyVersion version)
    {
        var parameters = version.Rsa.ExportParameters(includePrivateParameters: false);
        return new JsonObject
        {
            ["key"] = new JsonObject
            {
                ["kid"] = version.Kid(BaseUri, name),
                ["kty"] = "RSA",
                ["key_ops"] = new JsonArray("wrapKey", "unwrapKey"),
                ["n"] = Base64Url.EncodeToString(parameters.Modulus),
                ["e"] = Base64Url.EncodeToString(parameters.Exponent),
            },
            ["attributes"] = Attributes(version),
        };
    }

    private static JsonObject Attributes(KeyVersion version) => new()
    {
        ["enabled"] = version.Enabled,
        ["created"] = version.Created,
        ["updated"] = version.Created,
    };

    private sealed record Fault(int Status, string Code, string Message, string? RetryAfter);

    private sealed class KeyVersion(string version, RSA rsa, long created)
    {
        public string Version { get; } = version;

        public RSA Rsa { get; } = rsa;

        public long Created { get; } = created;

        public bool Enabled { get; set; } = true;

        public string Kid(Uri baseUri, string name) => new Uri(baseUri, $"keys/{name}/{Version}").ToString();
    }
}
