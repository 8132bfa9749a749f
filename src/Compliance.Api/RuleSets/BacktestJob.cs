namespace Compliance.Api.RuleSets;

/// <summary>A running or finished backtest: progress is written by the replay and read by any request.</summary>
internal sealed class BacktestJob(Guid id, string ruleSet, int version, DateTimeOffset startedAt)
{
    private int _scanned;
    private int _total;
    private volatile BacktestResult? _result;
    private volatile string? _error;

    public Guid Id => id;

    public string RuleSet => ruleSet;

    public DateTimeOffset StartedAt => startedAt;

    public Task Completion { get; set; } = Task.CompletedTask;

    public void Progress(int scanned, int total)
    {
        Volatile.Write(ref _total, total);
        Volatile.Write(ref _scanned, scanned);
    }

    public void Complete(BacktestResult result) => _result = result;

    public void Fail(string error) => _error = error;

    public BacktestStatus Status()
    {
        var result = _result;
        var error = _error;
        var state = result is not null ? "completed" : error is not null ? "failed" : "running";
        return new BacktestStatus(id, ruleSet, version, state, Volatile.Read(ref _scanned), Volatile.Read(ref _total), result, error);
    }
}
