namespace Compliance.Api.OfficerConsole;

/// <summary>An officer as stored (the password hash never leaves <see cref="OfficerStore"/> and the login).</summary>
internal sealed class OfficerRow
{
    public Guid Id { get; init; }

    public string Username { get; init; } = "";

    public string DisplayName { get; init; } = "";

    public string Role { get; init; } = "";

    public string PasswordHash { get; init; } = "";

    public Guid SecurityStamp { get; init; }

    public int FailedLogins { get; init; }

    public DateTime? LockedUntil { get; init; }

    public string TimeZone { get; init; } = "UTC";

    public DateTime CreatedAt { get; init; }

    public DateTime? LastLoginAt { get; init; }

    public DateTime? DisabledAt { get; init; }

    /// <summary>The TOTP secret, protected with Data Protection; null when two-step sign-in is off.</summary>
    public string? TotpSecret { get; init; }

    public long? TotpLastStep { get; init; }

    /// <summary>The identity provider's issuer and subject this account is bound to, after its first single sign-on.</summary>
    public string? OidcSubject { get; init; }

    /// <summary>How the officer appears as the principal of audit events and four-eyes checks.</summary>
    public string Principal => OfficerPrincipal.For(Username);
}

internal static class OfficerPrincipal
{
    public const string Prefix = "officer:";

    public static string For(string username) => Prefix + username;
}

/// <summary>Why a sign-in failed; the page shows the same message for all of them, the audit log the reason.</summary>
internal enum LoginResult
{
    SignedIn,
    UnknownUser,
    WrongPassword,
    LockedOut,
    Disabled,

    /// <summary>Two-step sign-in is on and no one-time code was given.</summary>
    CodeMissing,

    /// <summary>The one-time code is wrong, expired or already used.</summary>
    WrongCode,

    /// <summary>Single sign-on by someone other than the person the account is bound to.</summary>
    OtherSubject,
}
