using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Compliance.Api.Tests.Infrastructure;

/// <summary>
/// A small OpenID Connect provider on loopback for the console's single sign-on tests: discovery,
/// JWKS, an authorization endpoint that signs in <see cref="NextUser"/> at once, and a token endpoint
/// that answers with an RS256-signed ID token carrying the request's nonce (OpenID Connect Core 1.0).
/// </summary>
internal sealed class OidcProvider : IAsyncDisposable
{
    public const string ClientId = "compliance-console";

    private readonly RSA _key = RSA.Create(2048);
    private readonly ConcurrentDictionary<string, (string Nonce, string Subject, string Username)> _codes = new();
    private WebApplication _app = null!;

    public string Authority { get; private set; } = "";

    /// <summary>Who the provider signs in next: its subject and the username claim.</summary>
    public (string Subject, string Username) NextUser { get; set; } = ("sub-1", "someone");

    public static async Task<OidcProvider> StartAsync()
    {
        var provider = new OidcProvider();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        provider._app = builder.Build();
        provider.Map(provider._app);
        await provider._app.StartAsync();
        provider.Authority = provider._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return provider;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _key.Dispose();
    }

    private void Map(WebApplication app)
    {
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Authority,
            ["authorization_endpoint"] = Authority + "/authorize",
            ["token_endpoint"] = Authority + "/token",
            ["jwks_uri"] = Authority + "/jwks",
            ["response_types_supported"] = new[] { "code" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        app.MapGet("/jwks", () =>
        {
            var p = _key.ExportParameters(false);
            return Results.Json(new { keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = "k1", n = Base64Url(p.Modulus!), e = Base64Url(p.Exponent!) } } });
        });
        app.MapGet("/authorize", (HttpRequest request) =>
        {
            var code = Guid.NewGuid().ToString("N");
            _codes[code] = (request.Query["nonce"].ToString(), NextUser.Subject, NextUser.Username);
            return Results.Redirect($"{request.Query["redirect_uri"]}?code={code}&state={Uri.EscapeDataString(request.Query["state"].ToString())}");
        });
        app.MapPost("/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            if (!_codes.TryRemove(form["code"].ToString(), out var grant))
            {
                return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
            }

            var now = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
            var idToken = Sign(new Dictionary<string, object>
            {
                ["iss"] = Authority, ["aud"] = ClientId, ["sub"] = grant.Subject, ["preferred_username"] = grant.Username, ["nonce"] = grant.Nonce,
                ["iat"] = now, ["nbf"] = now, ["exp"] = now + 300,
            });
            return Results.Json(new { access_token = "unused", token_type = "Bearer", expires_in = 300, id_token = idToken });
        });
    }

    private string Sign(Dictionary<string, object> claims)
    {
        var header = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new { alg = "RS256", typ = "JWT", kid = "k1" }));
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(claims));
        var signature = _key.SignData(Encoding.ASCII.GetBytes($"{header}.{payload}"), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{header}.{payload}.{Base64Url(signature)}";
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
