namespace Compliance.Api.Auth;

/// <summary>Bound from the <c>Auth</c> section.</summary>
internal sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>Requests per second per key unless the key sets its own limit.</summary>
    public int DefaultRateLimitPerSecond { get; set; } = 1000;

    /// <summary>
    /// How long a verified key is trusted without asking the database. Revocation is immediate
    /// on the instance that revokes, and reaches other instances within this time.
    /// </summary>
    public int KeyCacheSeconds { get; set; } = 5;

    /// <summary>The first admin key, from <c>COMPLIANCE_BOOTSTRAP_ADMIN_KEY</c> when set.</summary>
    public string? BootstrapAdminKey { get; set; }
}
