namespace Compliance.Api.Auth;

/// <summary>A stored key, without its secret.</summary>
internal sealed record ApiKey(Guid Id, string Name, string[] Roles, int? RateLimitPerSecond, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>Body of <c>POST /v1/admin/api-keys</c>.</summary>
internal sealed record CreateApiKeyRequest(string? Name, string[]? Roles, int? RateLimitPerSecond);

/// <summary>The created key; <see cref="Key"/> is the secret and is never shown again.</summary>
internal sealed record CreatedApiKeyResponse(Guid Id, string Name, string[] Roles, int? RateLimitPerSecond, DateTimeOffset CreatedAt, [property: SecretData] string Key)
{
    public override string ToString() => Classified.Describe(this);
}

internal sealed record ApiKeyResponse(Guid Id, string Name, string[] Roles, int? RateLimitPerSecond, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
{
    public static ApiKeyResponse From(ApiKey key) => new(key.Id, key.Name, key.Roles, key.RateLimitPerSecond, key.CreatedAt, key.RevokedAt);
}
