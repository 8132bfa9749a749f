namespace Compliance.Api.RuleSets;

internal static partial class RuleSetLog
{
    [LoggerMessage(5001, LogLevel.Information, "Seeded rule set {RuleSet} version 1 from {File}")]
    public static partial void Seeded(ILogger logger, string ruleSet, string file);

    [LoggerMessage(5002, LogLevel.Information, "Rule set {RuleSet} version {Version} ({ContentHash}) now serves checks")]
    public static partial void Loaded(ILogger logger, string ruleSet, int version, string contentHash);

    [LoggerMessage(5003, LogLevel.Warning, "Could not refresh the published rule set: {Reason}")]
    public static partial void RefreshFailed(ILogger logger, string reason);
}
