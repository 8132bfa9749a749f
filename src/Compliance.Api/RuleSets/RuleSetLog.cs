namespace Compliance.Api.RuleSets;

internal static partial class RuleSetLog
{
    [LoggerMessage(5001, LogLevel.Information, "Seeded rule set {RuleSet} version 1 from {File}")]
    public static partial void Seeded(ILogger logger, string ruleSet, string file);

    [LoggerMessage(5002, LogLevel.Information, "Rule set {RuleSet} version {Version} ({ContentHash}) now serves checks")]
    public static partial void Loaded(ILogger logger, string ruleSet, int version, string contentHash);

    [LoggerMessage(5003, LogLevel.Warning, "Could not refresh the published rule set: {Reason}")]
    public static partial void RefreshFailed(ILogger logger, string reason);

    [LoggerMessage(5004, LogLevel.Information, "Rule set {RuleSet} version {Version} is now {Status}")]
    public static partial void VersionChanged(ILogger logger, string ruleSet, int version, string status);

    [LoggerMessage(5005, LogLevel.Information, "Listening for published rule sets on channel {Channel}")]
    public static partial void Listening(ILogger logger, string channel);

    [LoggerMessage(5006, LogLevel.Warning, "Lost the rule set notification connection ({Reason}); reconnecting, polling meanwhile")]
    public static partial void ListenFailed(ILogger logger, string reason);

    [LoggerMessage(5007, LogLevel.Information, "Backtest {Id} of rule set {RuleSet} version {Version} finished")]
    public static partial void BacktestFinished(ILogger logger, Guid id, string ruleSet, int version);

    [LoggerMessage(5008, LogLevel.Warning, "Backtest {Id} failed: {Reason}")]
    public static partial void BacktestFailed(ILogger logger, Guid id, string reason);
}
