namespace Compliance.Api.RuleSets;

/// <summary>Bound from the <c>RuleSets</c> section.</summary>
internal sealed class RuleSetOptions
{
    public const string Section = "RuleSets";

    /// <summary>Rule set files that seed version 1 of each rule set the database does not have yet.</summary>
    public string SeedDirectory { get; set; } = Path.Combine(AppContext.BaseDirectory, "rules");

    /// <summary>How often each instance checks for a newly published version (the fallback to notifications).</summary>
    public int RefreshMilliseconds { get; set; } = 1000;

    /// <summary>The most decisions one backtest replays; a request may ask for fewer.</summary>
    public int BacktestMaxRows { get; set; } = 100_000;

    /// <summary>How long one backtest may run before it stops and reports what it replayed so far.</summary>
    public int BacktestMaxSeconds { get; set; } = 60;

    /// <summary>How often a running backtest saves its tally and cursor (a resumed job continues from the last one); also its heartbeat.</summary>
    public int BacktestCheckpointMilliseconds { get; set; } = 1000;

    /// <summary>How often each instance looks for backtests to resume (released at shutdown, or whose instance stopped heartbeating).</summary>
    public int BacktestResumeSeconds { get; set; } = 5;

    /// <summary>A running backtest with no checkpoint for this long is presumed orphaned (its instance crashed) and resumed elsewhere.</summary>
    public int BacktestStaleSeconds { get; set; } = 30;

    /// <summary>Finished backtests are kept this long, then deleted.</summary>
    public int BacktestRetentionDays { get; set; } = 30;

    /// <summary>How long <c>POST .../backtest</c> waits for the result before answering 202 with the job to poll.</summary>
    public int BacktestWaitMilliseconds { get; set; } = 2000;
}
