namespace Compliance.Api.Disputes;

/// <summary>Where dispute cases go and how long officers have for them (section <c>Disputes</c>).</summary>
internal sealed class DisputeOptions
{
    public const string Section = "Disputes";

    /// <summary>The inbox of dispute cases an officer decides.</summary>
    public string Inbox { get; set; } = "disputes";

    /// <summary>The inbox of disputes a rule escalated (senior officers).</summary>
    public string EscalatedInbox { get; set; } = "disputes-escalated";

    /// <summary>An officer's time for a dispute in review, when the rule that sent it there sets no deadline.</summary>
    public int ReviewSlaHours { get; set; } = 72;

    /// <summary>An officer's time for an escalated dispute, when the rule sets no deadline.</summary>
    public int EscalatedSlaHours { get; set; } = 24;

    /// <summary>The client's time to send evidence, when the rule asking for it sets no deadline.</summary>
    public int EvidenceHours { get; set; } = 168;

    /// <summary>How often each instance looks for evidence deadlines that passed.</summary>
    public int DeadlineSweepSeconds { get; set; } = 30;
}
