using Compliance.Api.Auth;
using Microsoft.AspNetCore.Authorization;

namespace Compliance.Api.OfficerConsole;

/// <summary>Who may see and change rule sets in the console: the same roles as the API's rule-set endpoints.</summary>
internal static class ConsoleRuleSets
{
    public const string ReadPolicy = "console:rules:read";

    public static AuthorizationBuilder AddConsoleRuleSetPolicies(this AuthorizationBuilder builder) =>
        builder.AddPolicy(ReadPolicy, p => p.AddAuthenticationSchemes(ConsoleAuth.Scheme).RequireAuthenticatedUser()
            .RequireRole(Roles.RulesEdit, Roles.RulesApprove, Roles.Admin));
}
