namespace Compliance.Rules;

/// <summary>Why a workflow document could not be read: the message, the JSON path and the 1-based line and column.</summary>
public sealed record WorkflowJsonError(string Message, string? Path, int? Line, int? Column)
{
    /// <inheritdoc/>
    public override string ToString() =>
        (Line, Path) switch
        {
            (not null, not null) => $"{Path} (line {Line}, column {Column}): {Message}",
            (not null, null) => $"line {Line}, column {Column}: {Message}",
            _ => Message,
        };
}
