namespace Compliance.Api.Cases;

/// <summary>Where review cases go and how long officers have for them (section <c>Cases</c>).</summary>
internal sealed class CaseOptions
{
    public const string Section = "Cases";

    /// <summary>
    /// A review of a customer joins that customer's open case when the case was opened at most this many
    /// hours before; after that a new case opens (the earlier one may be stale context).
    /// </summary>
    public int JoinWindowHours { get; set; } = 24;

    /// <summary>Routes by reason code or rule tag, first match per code or tag; a review matching none goes to <see cref="DefaultInbox"/>.</summary>
    public List<CaseRoute> Routes { get; set; } =
    [
        new() { ReasonCodePrefix = "SANCTIONS_", Inbox = "sanctions", Priority = 1, SlaHours = 4 },
        new() { ReasonCodePrefix = "CUSTOMER_SANCTIONS_", Inbox = "sanctions", Priority = 1, SlaHours = 4 },
        new() { ReasonCodePrefix = "SCREENING_", Inbox = "sanctions", Priority = 1, SlaHours = 4 },
        new() { ReasonCodePrefix = "KYC_", Inbox = "kyc", Priority = 2, SlaHours = 24 },
        new() { Tag = "aml", Inbox = "aml", Priority = 2, SlaHours = 24 },
    ];

    public string DefaultInbox { get; set; } = "review";

    public int DefaultPriority { get; set; } = 2;

    public int DefaultSlaHours { get; set; } = 24;

    /// <summary>Reason codes that never open a case on their own (a review only for them is left to the payment system).</summary>
    public List<string> NoCaseFor { get; set; } = [];
}

/// <summary>
/// Reviews whose reason code starts with <see cref="ReasonCodePrefix"/>, or asked for by a rule tagged
/// <see cref="Tag"/> (its <c>Properties.tags</c>), go to <see cref="Inbox"/>. A route names one of the two.
/// </summary>
internal sealed class CaseRoute
{
    public string ReasonCodePrefix { get; set; } = "";

    public string Tag { get; set; } = "";

    public string Inbox { get; set; } = "";

    public int Priority { get; set; } = 2;

    public int SlaHours { get; set; } = 24;
}
