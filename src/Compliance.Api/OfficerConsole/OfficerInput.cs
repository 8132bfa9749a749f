namespace Compliance.Api.OfficerConsole;

/// <summary>What makes a new officer's details valid, the same for the console and the command line.</summary>
internal static class OfficerInput
{
    public static IEnumerable<string> Validate(string? username, string? displayName, string? role, string timeZone)
    {
        if (!OfficerStore.IsValidUsername(username))
        {
            yield return "Username: 2 to 64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit.";
        }

        if (string.IsNullOrWhiteSpace(displayName) || displayName.Trim().Length > 100)
        {
            yield return "Display name: 1 to 100 characters.";
        }

        if (!OfficerRoles.IsValid(role))
        {
            yield return $"Role: one of {string.Join(", ", OfficerRoles.All)}.";
        }

        if (!ConsoleTime.IsKnownZone(timeZone))
        {
            yield return "Time zone: an IANA time zone such as Europe/Berlin, or UTC.";
        }
    }
}
