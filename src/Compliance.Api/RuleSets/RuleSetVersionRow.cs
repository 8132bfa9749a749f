namespace Compliance.Api.RuleSets;

/// <summary>A stored rule set version, as Dapper reads it.</summary>
internal sealed class RuleSetVersionRow
{
    public string RuleSet { get; init; } = "";

    public int Version { get; init; }

    public string Status { get; init; } = "";

    public string Workflow { get; init; } = "";

    public string Settings { get; init; } = "{}";

    public string? Tests { get; init; }

    public string ContentHash { get; init; } = "";

    public string Author { get; init; } = "";

    public int? BasedOn { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime? SubmittedAt { get; init; }

    /// <summary>Who approved or rejected it.</summary>
    public string? ReviewedBy { get; init; }

    public DateTime? ReviewedAt { get; init; }

    public string? PublishedBy { get; init; }

    public DateTime? PublishedAt { get; init; }

    public DateTime? RetiredAt { get; init; }

    /// <summary>Why it exists or ended as it did: a rejection's reason, "rollback to 3", "emergency rollback to 3".</summary>
    public string? Note { get; init; }
}
