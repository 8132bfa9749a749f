using Compliance.Api.Screening.Lists;

namespace Compliance.Api.Screening.Matching;

/// <summary>Who is screened: a name and whatever else is known about them.</summary>
internal sealed record ScreeningSubject(
    string Name,
    PartyKind Kind = PartyKind.Unknown,
    DateOnly? BirthDate = null,
    IReadOnlyList<string>? Countries = null,
    IReadOnlyList<string>? Identifiers = null);

/// <summary>One part of a hit's score: the name similarity, and what each other feature added or took away.</summary>
internal sealed record ScoreContribution(string Feature, double Value, string Detail);

/// <summary>
/// A list entry the subject may be: which of its names matched and how well, and why the score is
/// what it is. The subject's own name is not repeated here (it is the caller's PII).
/// </summary>
internal sealed record ScreeningHit(
    string List,
    long ListVersion,
    string EntryId,
    PartyKind Kind,
    string PrimaryName,
    string MatchedName,
    NameStrength MatchedNameStrength,
    double Score,
    IReadOnlyList<ScoreContribution> Contributions,
    IReadOnlyList<string> Programs)
{
    /// <summary>
    /// Who of a customer's parties matched, when not the customer: <c>company</c> (its registered name)
    /// or <c>officer:3</c> / <c>psc:0</c> (the position in the company look-up's parties). Null for the customer.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Party { get; init; }
}
