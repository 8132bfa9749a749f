namespace Compliance.Api.Cases;

/// <summary>
/// The state machine: open → in_review (claimed or assigned) → escalated → closed, and in_review →
/// closed. Assigning is allowed while the case is not closed. Every other move is refused with the
/// states named.
/// </summary>
internal static class CaseStates
{
    public const string Open = "open";
    public const string InReview = "in_review";
    public const string Escalated = "escalated";
    public const string Closed = "closed";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Open, InReview, Escalated, Closed };

    public static readonly IReadOnlySet<string> Resolutions = new HashSet<string>(StringComparer.Ordinal) { "approved", "declined", "reported" };

    /// <summary>The states each action may start from.</summary>
    public static IReadOnlyList<string> AllowedFrom(CaseAction action) => action switch
    {
        CaseAction.Claim => [Open],
        CaseAction.Assign => [Open, InReview, Escalated],
        CaseAction.Escalate => [InReview],
        CaseAction.Close => [InReview, Escalated],
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };
}

internal enum CaseAction
{
    Claim,
    Assign,
    Escalate,
    Close,
}
