using System.Collections.Immutable;

namespace Compliance.Api.Checks;

/// <summary>The other side of the transaction (input <c>counterparty</c>).</summary>
internal sealed class CounterpartyFacts
{
    /// <summary>ISO 3166-1 alpha-2; empty when unknown.</summary>
    public string Country { get; init; } = "";

    /// <summary>True when this customer has never transacted with this counterparty before.</summary>
    public bool IsNew { get; init; }

    /// <summary>
    /// <c>not_screened</c> (no name given, or no list imported), <c>clear</c> or <c>potential_match</c>:
    /// the counterparty's name screened against the sanctions lists during the check.
    /// </summary>
    public string ScreeningStatus { get; init; } = "not_screened";

    // An immutable array and a decimal, not a list and a double: the rules engine can then prove these
    // facts cannot change (Compliance.Rules FrozenValues), and formats the placeholders of a fired
    // rule's message when it is read instead of serializing the whole object for each one during
    // evaluation (bench/RESULTS.md: ExecuteAllRulesAsync on the pre-transaction set 2.8 µs with a list
    // and a double here, 1.0 µs with these).

    /// <summary>The list entries the name may be, as <c>list:entryId</c>, best first.</summary>
    public ImmutableArray<string> ScreeningMatches { get; init; } = [];

    /// <summary>The best match's score, 0 to 1 (0 when none).</summary>
    public decimal ScreeningScore { get; init; }
}
