namespace Compliance.Api.Checks;

/// <summary>The other side of the transaction (input <c>counterparty</c>).</summary>
internal sealed class CounterpartyFacts
{
    /// <summary>ISO 3166-1 alpha-2; empty when unknown.</summary>
    public string Country { get; init; } = "";

    /// <summary>True when this customer has never transacted with this counterparty before.</summary>
    public bool IsNew { get; init; }

    /// <summary><c>not_screened</c>, <c>clear</c>, <c>potential_match</c>, <c>confirmed_match</c>.</summary>
    public string ScreeningStatus { get; init; } = "not_screened";
}
