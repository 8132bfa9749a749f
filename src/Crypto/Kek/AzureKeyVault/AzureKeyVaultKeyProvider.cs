using System.Security.Cryptography;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Compliance.Crypto;

/// <summary>
/// A KEK provider that wraps data keys with an RSA key in Azure Key Vault (RSA-OAEP-256), calling
/// the REST API on Azure.Core's <see cref="HttpPipeline"/> (the Keys SDK is not used).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Wrap: <c>POST {vault}/keys/{name}/wrapkey?api-version=V</c> (versionless: the service uses
/// the latest version) and the <c>kid</c> it answers, the full versioned id, is what we persist.</item>
/// <item>Unwrap: <c>POST {vault}/keys/{name}/{version}/unwrapkey</c> with exactly the stored id,
/// after checking it names the configured vault.</item>
/// <item>Current version: <c>GET {vault}/keys/{name}</c>. Versions: <c>GET {vault}/keys/{name}/versions</c>
/// (following nextLink). Rotate: <c>POST {vault}/keys/{name}/rotate</c> (needs the keys/rotate permission).</item>
/// <item>Auth: a bearer token for <see cref="AzureKeyVaultOptions.Scope"/> from the given
/// <see cref="TokenCredential"/> (Azure.Identity's DefaultAzureCredential, ManagedIdentityCredential, ...).</item>
/// <item>Throttling: 429/408/5xx are retried by <see cref="KeyVaultRetryPolicy"/>, honouring
/// Retry-After up to <see cref="AzureKeyVaultOptions.MaxRetryAfter"/>; other errors are mapped to
/// <see cref="KeyProviderException"/> with the service's code, message and x-ms-request-id.</item>
/// </list>
/// </remarks>
public sealed class AzureKeyVaultKeyProvider : IKeyEncryptionKeyProvider
{
    public const string ProviderName = "azure-key-vault";
    public const string WrapAlgorithm = "RSA-OAEP-256";

    private readonly AzureKeyVaultOptions _options;
    private readonly HttpPipeline _pipeline;
    private readonly Uri _vault;

    public AzureKeyVaultKeyProvider(AzureKeyVaultOptions options, TokenCredential credential, KeyVaultClientOptions? clientOptions = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentException.ThrowIfNullOrEmpty(options.KeyName);
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxRetries);
        _options = options;
        _vault = new Uri(options.VaultUri.GetLeftPart(UriPartial.Authority));
        clientOptions ??= new KeyVaultClientOptions();
        clientOptions.RetryPolicy = new KeyVaultRetryPolicy(options.MaxRetries, options.RetryDelay, options.MaxRetryAfter);
        _pipeline = HttpPipelineBuilder.Build(
            clientOptions,
            perCallPolicies: [],
            perRetryPolicies: [new BearerTokenAuthenticationPolicy(credential, options.Scope)],
            new ResponseClassifier());
    }

    public string Name => ProviderName;

    public async Task<string> GetCurrentKeyIdAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Get, $"keys/{_options.KeyName}");
        await SendAsync(message, "get key", _options.KeyName, cancellationToken);
        return Parse(message, "get key", _options.KeyName, KeyVaultJson.KeyBundle).KeyId;
    }

    public async Task<KekWrapResult> WrapAsync(ReadOnlyMemory<byte> plaintextKey, CancellationToken cancellationToken = default)
    {
        var body = KeyVaultJson.KeyOperationRequest(WrapAlgorithm, plaintextKey.Span);
        try
        {
            using var message = CreateMessage(RequestMethod.Post, $"keys/{_options.KeyName}/wrapkey", body);
            await SendAsync(message, "wrapkey", _options.KeyName, cancellationToken);
            var (kid, wrapped) = Parse(message, "wrapkey", _options.KeyName, KeyVaultJson.KeyOperationResult);
            if (!KeyVaultKeyId.TryParse(kid, _vault, out _, out var problem))
            {
                throw new KeyProviderException(Name, kid, $"Key Vault answered wrapkey with key id '{kid}', which is unusable: {problem}.");
            }

            return new KekWrapResult(kid, WrapAlgorithm, wrapped);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(body);
        }
    }

    public async Task<byte[]> UnwrapAsync(string keyId, string algorithm, ReadOnlyMemory<byte> wrappedKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyId);
        if (algorithm != WrapAlgorithm)
        {
            throw new KeyProviderException(Name, keyId, $"This provider unwraps only {WrapAlgorithm}, not '{algorithm}'.");
        }

        if (!KeyVaultKeyId.TryParse(keyId, _vault, out var id, out var problem))
        {
            throw new KeyProviderException(Name, keyId, $"Cannot unwrap with key id '{keyId}': {problem}.");
        }

        var body = KeyVaultJson.KeyOperationRequest(WrapAlgorithm, wrappedKey.Span);
        using var message = CreateMessage(RequestMethod.Post, $"keys/{id.Name}/{id.Version}/unwrapkey", body);
        try
        {
            await SendAsync(message, "unwrapkey", keyId, cancellationToken);
            return Parse(message, "unwrapkey", keyId, KeyVaultJson.KeyOperationResult).Value;
        }
        finally
        {
            ClearResponse(message);
        }
    }

    public async Task<string> RotateAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Post, $"keys/{_options.KeyName}/rotate", body: null);
        await SendAsync(message, "rotate", _options.KeyName, cancellationToken);
        return Parse(message, "rotate", _options.KeyName, KeyVaultJson.KeyBundle).KeyId;
    }

    public async Task<IReadOnlyList<KekVersion>> ListVersionsAsync(CancellationToken cancellationToken = default)
    {
        var versions = new List<KekVersion>();
        Uri? next = BuildUri($"keys/{_options.KeyName}/versions");
        for (var page = 0; next is not null; page++)
        {
            if (page == 1000)
            {
                throw new KeyProviderException(Name, _options.KeyName, "Key Vault's version list did not end after 1000 pages.");
            }

            using var message = CreateMessage(RequestMethod.Get, next);
            await SendAsync(message, "list versions", _options.KeyName, cancellationToken);
            var (items, link) = Parse(message, "list versions", _options.KeyName, KeyVaultJson.KeyList);
            versions.AddRange(items);
            next = null;
            if (link is not null)
            {
                // Follow only links into our own vault, never elsewhere with our token.
                if (!Uri.TryCreate(link, UriKind.Absolute, out var linkUri) || !string.Equals(linkUri.Authority, _vault.Authority, StringComparison.OrdinalIgnoreCase))
                {
                    throw new KeyProviderException(Name, _options.KeyName, "Key Vault's nextLink points outside the configured vault.");
                }

                next = linkUri;
            }
        }

        return [.. versions.OrderBy(v => v.CreatedOn ?? DateTimeOffset.MinValue)];
    }

    public override string ToString() => $"AzureKeyVaultKeyProvider {_vault.Host}/keys/{_options.KeyName}";

    private static T Parse<T>(HttpMessage message, string operation, string key, ParseBody<T> parse)
    {
        try
        {
            return parse(message.Response.Content.ToMemory().Span);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new KeyProviderException(ProviderName, key, $"Key Vault's answer to {operation} for '{key}' could not be read.", ex);
        }
    }

    /// <summary>Zeroes Azure.Core's buffered copy of an unwrap response, which holds a plaintext key.</summary>
    private static void ClearResponse(HttpMessage message)
    {
        if (message.HasResponse && message.Response.ContentStream is MemoryStream buffered && buffered.TryGetBuffer(out var bytes))
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    private Uri BuildUri(string path)
    {
        var uri = new RequestUriBuilder();
        uri.Reset(_vault);
        uri.AppendPath(path, escape: false);
        uri.AppendQuery("api-version", _options.ApiVersion);
        return uri.ToUri();
    }

    private HttpMessage CreateMessage(RequestMethod method, string path, byte[]? body = null)
    {
        var message = CreateMessage(method, BuildUri(path));
        if (body is not null)
        {
            message.Request.Headers.Add("Content-Type", "application/json");
            message.Request.Content = RequestContent.Create(body);
        }

        return message;
    }

    private HttpMessage CreateMessage(RequestMethod method, Uri uri)
    {
        var message = _pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(uri);
        message.Request.Headers.Add("Accept", "application/json");
        return message;
    }

    private async Task SendAsync(HttpMessage message, string operation, string key, CancellationToken cancellationToken)
    {
        try
        {
            await _pipeline.SendAsync(message, cancellationToken);
        }
        catch (RequestFailedException ex)
        {
            throw new KeyProviderException(Name, key, $"Key Vault {operation} for '{key}' could not be sent: {ex.Message}", ex) { IsTransient = true };
        }

        var response = message.Response;
        if (response.Status is >= 200 and < 300)
        {
            return;
        }

        var (code, serviceMessage) = KeyVaultJson.Error(response.Content.ToMemory().Span);
        response.Headers.TryGetValue("x-ms-request-id", out var requestId);
        var retryAfter = KeyVaultRetryPolicy.RetryAfter(response);
        throw new KeyProviderException(Name, key, Describe(operation, key, response.Status, code, serviceMessage, requestId, retryAfter))
        {
            Status = response.Status,
            ErrorCode = code,
            RequestId = requestId,
            IsTransient = response.Status is 408 or 429 or >= 500,
        };
    }

    private static string Describe(string operation, string key, int status, string? code, string? serviceMessage, string? requestId, TimeSpan? retryAfter)
    {
        var hint = status switch
        {
            400 when operation == "unwrapkey" => " The wrapped key does not belong to this key version, or the algorithm is wrong: unwrap must use the exact versioned key id returned by wrap.",
            401 => " Check the credential and the token scope.",
            403 => " The identity lacks the key permission (wrapKey/unwrapKey/get/list/rotate), the key version is disabled, or the vault firewall refuses us.",
            404 => " The key or version does not exist (wrong name, or deleted).",
            429 => retryAfter is { } wait ? $" Throttled: the service asks to wait {wait.TotalSeconds:0.#} s; retries were exhausted or the wait is longer than allowed." : " Throttled; retries were exhausted.",
            _ => string.Empty,
        };
        var request = requestId is null ? string.Empty : $" (x-ms-request-id {requestId})";
        return $"Key Vault {operation} for '{key}' failed with HTTP {status} {code ?? "(no error code)"}: {serviceMessage ?? "(no message)"}.{hint}{request}";
    }

    private delegate T ParseBody<out T>(ReadOnlySpan<byte> json);
}
