using System.Text.Json;
using static Compliance.Api.Storage.DbTime;

namespace Compliance.Api.RuleSets;

/// <summary>A row of <c>backtest_jobs</c>.</summary>
internal sealed class BacktestJobRow
{
    public Guid Id { get; init; }

    public string RuleSet { get; init; } = "";

    public int Version { get; init; }

    public DateTime RangeFrom { get; init; }

    public DateTime RangeTo { get; init; }

    public int MaxRows { get; init; }

    public string State { get; init; } = "";

    public int Scanned { get; init; }

    public int Total { get; init; }

    public string? Checkpoint { get; init; }

    public string? Result { get; init; }

    public string? Error { get; init; }

    public int Attempts { get; init; }

    public string RequestedBy { get; init; } = "";

    public DateTime CreatedAt { get; init; }

    public DateTime? FinishedAt { get; init; }

    public BacktestRange Range => new(Utc(RangeFrom), Utc(RangeTo), MaxRows);

    public BacktestTally Tally() => Checkpoint is null ? new BacktestTally() : JsonSerializer.Deserialize<BacktestTally>(Checkpoint, RuleSetStore.Json)!;

    public BacktestStatus Status() => new(Id, RuleSet, Version, State, Scanned, Total,
        Result is null ? null : JsonSerializer.Deserialize<BacktestResult>(Result, RuleSetStore.Json), Error, Attempts);
}
