namespace Compliance.Api.Audit;

internal static class AuditOutcome
{
    public const string Success = "success";
    public const string Denied = "denied";
    public const string Failure = "failure";
}
