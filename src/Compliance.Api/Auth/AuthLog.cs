namespace Compliance.Api.Auth;

internal static partial class AuthLog
{
    [LoggerMessage(2001, LogLevel.Information, "API key authentication failed: {Reason}")]
    public static partial void AuthenticationFailed(ILogger logger, string reason);

    [LoggerMessage(2002, LogLevel.Information, "API key {KeyId} created with roles {Roles} by {CreatedBy}")]
    public static partial void KeyCreated(ILogger logger, Guid keyId, string roles, Guid createdBy);

    [LoggerMessage(2003, LogLevel.Information, "API key {KeyId} revoked by {RevokedBy}")]
    public static partial void KeyRevoked(ILogger logger, Guid keyId, Guid revokedBy);

    [LoggerMessage(2004, LogLevel.Information, "Bootstrap admin key registered from configuration")]
    public static partial void BootstrapFromConfiguration(ILogger logger);

    [LoggerMessage(2005, LogLevel.Information, "Rate limit reached for API key {KeyId}")]
    public static partial void RateLimited(ILogger logger, string keyId);
}
