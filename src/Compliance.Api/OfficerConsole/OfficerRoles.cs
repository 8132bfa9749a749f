using Compliance.Api.Auth;

namespace Compliance.Api.OfficerConsole;

/// <summary>
/// What each kind of officer may do, as the same permissions API keys hold, so console pages and the
/// API share one authorization model. Least privilege: an admin manages officers and reads the audit
/// log; it does not work cases or read PII.
/// </summary>
internal static class OfficerRoles
{
    public const string Officer = "officer";
    public const string SeniorOfficer = "senior_officer";
    public const string Auditor = "auditor";
    public const string Admin = "admin";

    public static readonly IReadOnlyDictionary<string, string[]> Permissions = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [Officer] = [Roles.CasesRead, Roles.CasesWrite, Roles.RulesEdit, Roles.KycWrite, Roles.ScreeningRead],
        [SeniorOfficer] = [Roles.CasesRead, Roles.CasesWrite, Roles.RulesEdit, Roles.RulesApprove, Roles.PiiRead, Roles.KycWrite, Roles.ScreeningRead],
        [Auditor] = [Roles.AuditRead, Roles.CasesRead],
        [Admin] = [Roles.Admin, Roles.AuditRead],
    };

    public static IEnumerable<string> All => Permissions.Keys;

    public static bool IsValid(string? role) => role is not null && Permissions.ContainsKey(role);
}
