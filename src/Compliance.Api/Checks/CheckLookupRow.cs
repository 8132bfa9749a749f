namespace Compliance.Api.Checks;

/// <summary>
/// What a check reads in one row besides velocity: the decision already stored under its
/// transaction id (a replay), the customer's facts, and whether the counterparty was paid before.
/// </summary>
internal sealed class CheckLookupRow : CustomerFactsRow
{
    public byte[]? RequestHash { get; init; }

    public string? Response { get; init; }

    public bool CounterpartySeenBefore { get; init; }

    public bool CustomerKnown { get; init; }
}
