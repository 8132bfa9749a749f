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

    [LoggerMessage(5007, LogLevel.Information, "Backtest {Id} of rule set {RuleSet} version {Version} finished")]
    public static partial void BacktestFinished(ILogger logger, Guid id, string ruleSet, int version);

    [LoggerMessage(5008, LogLevel.Warning, "Backtest {Id} failed: {Reason}")]
    public static partial void BacktestFailed(ILogger logger, Guid id, string reason);

    [LoggerMessage(5011, LogLevel.Information, "Resumed backtest {Id} (attempt {Attempt}) at {Scanned} of {Total} decisions")]
    public static partial void BacktestResumed(ILogger logger, Guid id, int attempt, int scanned, int total);

    [LoggerMessage(5012, LogLevel.Information, "Released backtest {Id} at {Scanned} of {Total} decisions for another instance to resume")]
    public static partial void BacktestReleased(ILogger logger, Guid id, int scanned, int total);

    [LoggerMessage(5013, LogLevel.Warning, "Backtest {Id} was taken over by another instance; stopped here")]
    public static partial void BacktestTakenOver(ILogger logger, Guid id);

    [LoggerMessage(5014, LogLevel.Warning, "Could not look for backtests to resume ({Reason}); trying again later")]
    public static partial void BacktestResumeFailed(ILogger logger, string reason);
}
