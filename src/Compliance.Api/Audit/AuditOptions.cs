namespace Compliance.Api.Audit;

/// <summary>Bound from the <c>Audit</c> section.</summary>
internal sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>How often the heads of every hash chain are checkpointed into the audit log.</summary>
    public int CheckpointMinutes { get; set; } = 5;
}
