namespace Compliance.Api.Auth;

/// <summary>The roles an API key can hold. Each grants exactly what it names: least privilege.</summary>
internal static class Roles
{
    public const string ChecksWrite = "checks:write";
    public const string RulesEdit = "rules:edit";
    public const string RulesApprove = "rules:approve";
    public const string PiiRead = "pii:read";
    public const string AuditRead = "audit:read";

    /// <summary>Start identity verifications and screenings at KYC providers.</summary>
    public const string KycWrite = "kyc:write";
    /// <summary>Read the review queue and cases (with the decisions' facts, no PII).</summary>
    public const string CasesRead = "cases:read";

    /// <summary>Claim, assign, escalate and close cases.</summary>
    public const string CasesWrite = "cases:write";
    /// <summary>Screen a name against the sanctions lists and read the lists' versions.</summary>
    public const string ScreeningRead = "screening:read";
    public const string Admin = "admin";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        ChecksWrite, RulesEdit, RulesApprove, PiiRead, AuditRead, KycWrite, CasesRead, CasesWrite, ScreeningRead, Admin,
    };
}
