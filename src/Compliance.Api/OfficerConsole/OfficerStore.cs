using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Compliance.Api.Audit;
using Dapper;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace Compliance.Api.OfficerConsole;

/// <summary>
/// Officers in PostgreSQL: creation (audited, in the same transaction), sign-in with lockout after
/// repeated failures (every attempt audited), and the look-ups sessions are checked against.
/// </summary>
internal sealed partial class OfficerStore(NpgsqlDataSource dataSource, AuditLog audit, TimeProvider time, IPasswordHasher<OfficerRow> hasher, IServiceProvider services)
{
    /// <summary>The Data Protection purpose that protects officers' TOTP secrets at rest.</summary>
    public const string TotpPurpose = "Compliance.OfficerConsole.Totp.v1";

    /// <summary>Failed sign-ins in a row that lock an account.</summary>
    public const int MaxFailedLogins = 5;

    /// <summary>How long a locked account stays locked.</summary>
    public static readonly TimeSpan Lockout = TimeSpan.FromMinutes(15);

    public const int MinPasswordLength = 12;

    private const string Columns = """
        id AS Id, username AS Username, display_name AS DisplayName, role AS Role, password_hash AS PasswordHash, security_stamp AS SecurityStamp,
        failed_logins AS FailedLogins, locked_until AS LockedUntil, time_zone AS TimeZone, created_at AS CreatedAt, last_login_at AS LastLoginAt,
        disabled_at AS DisabledAt, totp_secret AS TotpSecret, totp_last_step AS TotpLastStep, oidc_subject AS OidcSubject
        """;

    private const string Insert = """
        INSERT INTO officers (id, username, display_name, role, password_hash, security_stamp, time_zone, created_at, created_by)
        VALUES (@Id, @Username, @DisplayName, @Role, @PasswordHash, @SecurityStamp, @TimeZone, @At, @CreatedBy)
        ON CONFLICT (username) DO NOTHING
        """;

    private const string Failed = """
        UPDATE officers SET failed_logins = CASE WHEN failed_logins + 1 >= @Max THEN 0 ELSE failed_logins + 1 END,
                            locked_until = CASE WHEN failed_logins + 1 >= @Max THEN @LockedUntil ELSE locked_until END
        WHERE id = @Id
        RETURNING locked_until IS NOT NULL AND locked_until > @At
        """;

    private const string Succeeded = "UPDATE officers SET failed_logins = 0, locked_until = NULL, last_login_at = @At, password_hash = @PasswordHash WHERE id = @Id";

    // A one-time code counts once: the step only moves forward, under the row's own update.
    private const string UseStep = "UPDATE officers SET totp_last_step = @Step WHERE id = @Id AND (totp_last_step IS NULL OR totp_last_step < @Step)";

    private const string SetTotp = "UPDATE officers SET totp_secret = @Secret, totp_last_step = @Step WHERE id = @Id";

    public static bool IsValidUsername(string? username) => username is not null && UsernamePattern().IsMatch(username);

    /// <summary>A password to show once to a new officer: 20 characters from a 56-symbol alphabet without look-alikes.</summary>
    public static string GeneratePassword() =>
        RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 20);

    public async Task<OfficerRow?> FindAsync(string username, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<OfficerRow>(new CommandDefinition(
            $"SELECT {Columns} FROM officers WHERE username = @Username", new { Username = username }, cancellationToken: cancellationToken));
    }

    public async Task<OfficerRow?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<OfficerRow>(new CommandDefinition(
            $"SELECT {Columns} FROM officers WHERE id = @Id", new { Id = id }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<OfficerRow>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return [.. await connection.QueryAsync<OfficerRow>(new CommandDefinition($"SELECT {Columns} FROM officers ORDER BY username", cancellationToken: cancellationToken))];
    }

    /// <summary>Creates an officer; null when the username is taken. Callers validate the fields first.</summary>
    public async Task<OfficerRow?> CreateAsync(string username, string displayName, string role, string password, string timeZone, string createdBy, string? requestId,
        CancellationToken cancellationToken)
    {
        var row = new OfficerRow { Id = Guid.CreateVersion7(), Username = username, DisplayName = displayName, Role = role, SecurityStamp = Guid.NewGuid(), TimeZone = timeZone };
        var hash = hasher.HashPassword(row, password);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(Insert, new
        {
            row.Id, row.Username, row.DisplayName, row.Role, PasswordHash = hash, row.SecurityStamp, row.TimeZone, At = time.GetUtcNow(), CreatedBy = createdBy,
        }, transaction, cancellationToken: cancellationToken));
        if (inserted == 0)
        {
            return null;
        }

        await audit.AppendAsync(connection, transaction, new AuditEvent(createdBy, "officer.created", AuditOutcome.Success, "officer", username, RequestId: requestId,
            Detail: $"role {role}"), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return row;
    }

    /// <summary>
    /// Checks a sign-in. Unknown users cost a hash too, so timing does not tell which usernames exist;
    /// <see cref="MaxFailedLogins"/> wrong passwords in a row lock the account for <see cref="Lockout"/>.
    /// Every attempt is an audit event.
    /// </summary>
    public async Task<(LoginResult Result, OfficerRow? Officer)> SignInAsync(string username, string password, string? code, string? requestId,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var officer = IsValidUsername(username) ? await FindAsync(username, cancellationToken) : null;
        var verified = hasher.VerifyHashedPassword(officer ?? new OfficerRow(), officer?.PasswordHash ?? DummyHash.Value, password);
        long? step = null;
        var result = officer switch
        {
            null => LoginResult.UnknownUser,
            { DisabledAt: not null } => LoginResult.Disabled,
            { LockedUntil: { } until } when until > now.UtcDateTime => LoginResult.LockedOut,
            _ when verified == PasswordVerificationResult.Failed => LoginResult.WrongPassword,
            { TotpSecret: not null } when string.IsNullOrWhiteSpace(code) => LoginResult.CodeMissing,
            { TotpSecret: { } secret } when (step = Totp.Match(Secret(secret), code?.Trim(), now, officer.TotpLastStep)) is null => LoginResult.WrongCode,
            _ => LoginResult.SignedIn,
        };

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // A one-time code counts once, even when two sign-ins race with it.
        if (result == LoginResult.SignedIn && step is { } used
            && await connection.ExecuteAsync(new CommandDefinition(UseStep, new { officer!.Id, Step = used }, transaction, cancellationToken: cancellationToken)) == 0)
        {
            result = LoginResult.WrongCode;
        }

        var detail = result.ToString();
        if (result is LoginResult.WrongPassword or LoginResult.WrongCode or LoginResult.CodeMissing)
        {
            var locked = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(Failed, new { officer!.Id, Max = MaxFailedLogins, LockedUntil = now + Lockout, At = now },
                transaction, cancellationToken: cancellationToken));
            detail += locked ? $"; locked for {Lockout.TotalMinutes} minutes" : "";
        }
        else if (result == LoginResult.SignedIn)
        {
            var hash = verified == PasswordVerificationResult.SuccessRehashNeeded ? hasher.HashPassword(officer!, password) : officer!.PasswordHash;
            await connection.ExecuteAsync(new CommandDefinition(Succeeded, new { officer!.Id, At = now, PasswordHash = hash }, transaction, cancellationToken: cancellationToken));
        }

        // The subject is the name as typed only when it is a well-formed username: never echo arbitrary input into the log.
        await audit.AppendAsync(connection, transaction, new AuditEvent(officer?.Principal ?? "anonymous", "console.login",
            result == LoginResult.SignedIn ? AuditOutcome.Success : AuditOutcome.Denied, "officer", IsValidUsername(username) ? username : null, RequestId: requestId,
            Detail: detail), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (result, result == LoginResult.SignedIn ? officer : null);
    }

    private const string BindSubject = "UPDATE officers SET oidc_subject = @Subject WHERE id = @Id AND oidc_subject IS NULL";

    private const string ExternalSucceeded = "UPDATE officers SET failed_logins = 0, locked_until = NULL, last_login_at = @At WHERE id = @Id";

    /// <summary>
    /// Signs in an officer the identity provider vouched for: an enabled, unlocked account with that
    /// username, bound to the provider's subject at its first single sign-on and to no other afterwards.
    /// Every attempt is an audit event. Two-step sign-in is the provider's business here.
    /// </summary>
    public async Task<(LoginResult Result, OfficerRow? Officer)> SignInExternalAsync(string username, string subject, string? requestId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var officer = IsValidUsername(username) ? await FindAsync(username, cancellationToken) : null;
        var result = officer switch
        {
            null => LoginResult.UnknownUser,
            { DisabledAt: not null } => LoginResult.Disabled,
            { LockedUntil: { } until } when until > now.UtcDateTime => LoginResult.LockedOut,
            { OidcSubject: { } bound } when bound != subject => LoginResult.OtherSubject,
            _ => LoginResult.SignedIn,
        };

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (result == LoginResult.SignedIn)
        {
            await connection.ExecuteAsync(new CommandDefinition(BindSubject, new { officer!.Id, Subject = subject }, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(ExternalSucceeded, new { officer.Id, At = now }, transaction, cancellationToken: cancellationToken));
        }

        await audit.AppendAsync(connection, transaction, new AuditEvent(officer?.Principal ?? "anonymous", "console.login",
            result == LoginResult.SignedIn ? AuditOutcome.Success : AuditOutcome.Denied, "officer", IsValidUsername(username) ? username : null, RequestId: requestId,
            Detail: $"oidc; {result}"), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (result, result == LoginResult.SignedIn ? officer : null);
    }

    /// <summary>Turns two-step sign-in on with <paramref name="secret"/>, once the officer proved their app produces its codes (audited).</summary>
    public async Task EnableTotpAsync(OfficerRow officer, byte[] secret, long step, string? requestId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(officer);
        var protectedSecret = services.GetRequiredService<IDataProtectionProvider>().CreateProtector(TotpPurpose).Protect(Convert.ToBase64String(secret));
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(SetTotp, new { officer.Id, Secret = protectedSecret, Step = step }, transaction, cancellationToken: cancellationToken));
        await audit.AppendAsync(connection, transaction, new AuditEvent(officer.Principal, "officer.totp_enabled", AuditOutcome.Success, "officer", officer.Username,
            RequestId: requestId), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private byte[] Secret(string protectedSecret) =>
        Convert.FromBase64String(services.GetRequiredService<IDataProtectionProvider>().CreateProtector(TotpPurpose).Unprotect(protectedSecret));

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{1,63}$")]
    private static partial Regex UsernamePattern();

    // A hash of a random password, verified against for unknown users so they take as long as known ones.
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<OfficerRow>().HashPassword(new OfficerRow(), GeneratePassword()));
}
