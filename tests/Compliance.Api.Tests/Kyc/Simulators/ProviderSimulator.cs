using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Compliance.Api.Tests.Kyc.Simulators;

/// <summary>
/// A provider's API on a real Kestrel socket (http://127.0.0.1:random), so the clients go through
/// IHttpClientFactory, their handlers and the network stack as in production. Subclasses map the
/// provider's endpoints, check its credentials, and build signed callbacks with <see cref="Decide"/>.
/// Create one with the subclass's static <c>StartAsync</c>.
/// </summary>
public abstract class ProviderSimulator : IAsyncDisposable
{
    private const string BodyItem = "simulator.body";
    private readonly Lock _gate = new();
    private readonly List<RecordedRequest> _requests = [];
    private int _failCount;
    private int _failStatus;
    private TimeSpan? _failRetryAfter;
    private int _delayCount;
    private TimeSpan _delay;
    private WebApplication? _app;

    protected ProviderSimulator(string provider)
        : this(provider, Secret("whsec_"))
    {
    }

    /// <summary>For providers whose secrets have a format of their own (Standard Webhooks: whsec_ + base64 of 32 bytes).</summary>
    protected ProviderSimulator(string provider, string webhookSecret)
    {
        Provider = provider;
        WebhookSecret = webhookSecret;
    }

    public string Provider { get; }

    /// <summary>For <c>Kyc:Providers:&lt;p&gt;:BaseUrl</c>; includes the API's base path where it has one (Onfido's /v3.6).</summary>
    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Random per simulator; what <see cref="Decide"/> signs callbacks with unless told otherwise.</summary>
    public string WebhookSecret { get; }

    /// <summary>
    /// The signing time put into timestamped callback signatures (Stripe <c>t=</c>, Persona <c>t=</c>).
    /// Null (the default) signs with the real clock, as a provider signs at delivery; set it when the
    /// service under test runs on a fake clock.
    /// </summary>
    public DateTimeOffset? SignatureTime { get; set; }

    /// <summary>A snapshot, in arrival order, of every API request, including those failed or delayed on purpose.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>
    /// When set, <see cref="FailNext"/> and <see cref="DelayNext"/> apply only to requests it accepts
    /// (e.g. only <c>POST …/workflow_runs</c>); other requests pass untouched and do not use up the count.
    /// </summary>
    public Func<RecordedRequest, bool>? FaultFilter { get; set; }

    /// <summary>The API path prefix (Onfido: /v3.6), part of <see cref="BaseUrl"/>.</summary>
    protected virtual string BasePath => string.Empty;

    /// <summary>The next <paramref name="count"/> API requests get <paramref name="statusCode"/> (with Retry-After in whole seconds when given).</summary>
    public void FailNext(int count, int statusCode, TimeSpan? retryAfter = null)
    {
        lock (_gate)
        {
            _failCount = count;
            _failStatus = statusCode;
            _failRetryAfter = retryAfter;
        }
    }

    /// <summary>The next <paramref name="count"/> API requests wait <paramref name="delay"/> before being answered (or failed).</summary>
    public void DelayNext(int count, TimeSpan delay)
    {
        lock (_gate)
        {
            _delayCount = count;
            _delay = delay;
        }
    }

    /// <summary>The configuration for this provider: BaseUrl, credentials and WebhookSecrets:0, ready for ApiFactory.Set.</summary>
    public IDictionary<string, string?> Settings()
    {
        var prefix = $"Kyc:Providers:{Provider}:";
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            [prefix + "BaseUrl"] = BaseUrl.ToString(),
            [prefix + "WebhookSecrets:0"] = WebhookSecret,
        };
        foreach (var (key, value) in Credentials())
        {
            settings[prefix + key] = value;
        }

        return settings;
    }

    /// <summary>
    /// Moves the verification to <paramref name="outcome"/> (so a later fetch returns it) and returns
    /// the signed callback the provider would send: POST to the relative URI
    /// <c>/v1/kyc/callbacks/&lt;provider&gt;</c>. Every call is a new event (new event id). To send a
    /// duplicate, send <see cref="Clone"/> of the returned request (a request can be sent only once).
    /// </summary>
    public abstract HttpRequestMessage Decide(string providerRef, SimulatedOutcome outcome, DateTimeOffset at, string? secret = null);

    /// <summary>A copy of a callback made by <see cref="Decide"/>: same method, URI, headers and body bytes.</summary>
    public static HttpRequestMessage Clone(HttpRequestMessage original)
    {
        ArgumentNullException.ThrowIfNull(original);
        var copy = new HttpRequestMessage(original.Method, original.RequestUri);
        foreach (var (name, values) in original.Headers)
        {
            copy.Headers.TryAddWithoutValidation(name, values);
        }

        if (original.Content is not null)
        {
            // Decide's content is a ByteArrayContent, which reads synchronously and can be read again.
            var bytes = original.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
            copy.Content = new ByteArrayContent(bytes);
            foreach (var (name, values) in original.Content.Headers)
            {
                copy.Content.Headers.TryAddWithoutValidation(name, values);
            }
        }

        return copy;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Credentials as <c>Kyc:Providers:&lt;p&gt;:</c> keys (AppToken, SecretKey, ApiKey, ...).</summary>
    protected abstract IEnumerable<KeyValuePair<string, string?>> Credentials();

    /// <summary>Maps the provider's endpoints, relative to <see cref="BasePath"/>.</summary>
    protected abstract void Map(IEndpointRouteBuilder routes);

    /// <summary>Checks the request's credentials as the provider does; a result to answer with instead, or null to go on.</summary>
    protected abstract IResult? Authenticate(HttpContext context, byte[] body);

    protected async Task StartServerAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Use(HandleAsync);
        Map(BasePath.Length == 0 ? app : app.MapGroup(BasePath));
        await app.StartAsync();
        _app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        BaseUrl = new Uri(address.TrimEnd('/') + BasePath + "/");
    }

    /// <summary>The request body the recording middleware read.</summary>
    protected static byte[] Body(HttpContext context) => (byte[])context.Items[BodyItem]!;

    protected static JsonElement JsonBody(HttpContext context)
    {
        using var document = JsonDocument.Parse(Body(context));
        return document.RootElement.Clone();
    }

    protected static IResult Json(object body, int statusCode = StatusCodes.Status200OK) =>
        Results.Text(JsonSerializer.Serialize(body), "application/json", Encoding.UTF8, statusCode);

    /// <summary>A callback request: POST /v1/kyc/callbacks/&lt;provider&gt; with a JSON body and the given signature headers.</summary>
    protected HttpRequestMessage Callback(byte[] body, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/v1/kyc/callbacks/{Provider}", UriKind.Relative))
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    protected static string HexHmacSha256(string key, byte[] message) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), message));

    /// <summary>The unix seconds to sign a timestamped callback with (see <see cref="SignatureTime"/>).</summary>
    protected long SigningTimestamp() => (SignatureTime ?? TimeProvider.System.GetUtcNow()).ToUnixTimeSeconds();

    protected static string Secret(string prefix) => prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>A random id: <paramref name="prefix"/> then <paramref name="length"/> characters of [0-9a-z].</summary>
    protected static string NewId(string prefix, int length = 24) =>
        prefix + RandomNumberGenerator.GetString("0123456789abcdefghijklmnopqrstuvwxyz", length);

    private async Task HandleAsync(HttpContext context, RequestDelegate next)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        context.Items[BodyItem] = body;
        var target = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);

        TimeSpan? delay = null;
        (int Status, TimeSpan? RetryAfter)? failure = null;
        var recorded = new RecordedRequest(context.Request.Method, target, headers, body);
        var faultable = FaultFilter?.Invoke(recorded) ?? true;
        lock (_gate)
        {
            _requests.Add(recorded);
            if (faultable && _delayCount > 0)
            {
                _delayCount--;
                delay = _delay;
            }

            if (faultable && _failCount > 0)
            {
                _failCount--;
                failure = (_failStatus, _failRetryAfter);
            }
        }

        if (delay is { } wait)
        {
            try
            {
                await Task.Delay(wait, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        if (failure is { } fail)
        {
            context.Response.StatusCode = fail.Status;
            if (fail.RetryAfter is { } retryAfter)
            {
                context.Response.Headers.RetryAfter = ((long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            await context.Response.WriteAsync("{\"error\":\"simulated failure\"}", context.RequestAborted);
            return;
        }

        if (Authenticate(context, body) is { } refusal)
        {
            await refusal.ExecuteAsync(context);
            return;
        }

        await next(context);
    }
}
