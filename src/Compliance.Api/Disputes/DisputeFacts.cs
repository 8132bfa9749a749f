namespace Compliance.Api.Disputes;

/// <summary>
/// The dispute, as dispute rules see it (input <c>dispute</c>), next to the disputed transaction and
/// the customer as they were when the transaction was checked. No free text and no PII.
/// </summary>
internal sealed class DisputeFacts
{
    public string DisputeId { get; init; } = "";

    /// <summary><c>chargeback</c> (raised through the card scheme or bank) or <c>complaint</c> (raised by the customer with the client).</summary>
    public string Kind { get; init; } = "";

    /// <summary><c>fraud</c>, <c>not_received</c>, <c>not_as_described</c>, <c>duplicate</c>, <c>cancelled</c>, <c>other</c>.</summary>
    public string Reason { get; init; } = "";

    /// <summary>The disputed amount, in the transaction's currency (at most the transaction's amount).</summary>
    public decimal Amount { get; init; }

    public string Currency { get; init; } = "";

    /// <summary><see cref="Amount"/> in the base currency, at the rate the transaction was checked with.</summary>
    public decimal AmountBase { get; init; }

    /// <summary>True when only part of the transaction is disputed.</summary>
    public bool Partial { get; init; }

    /// <summary>Whole days from the transaction to the dispute.</summary>
    public int AgeDays { get; init; }

    /// <summary>The customer's other disputes opened in the 90 days before this one.</summary>
    public int PriorDisputes90Days { get; init; }

    /// <summary>Of those, how many were accepted (refunded).</summary>
    public int PriorAccepted90Days { get; init; }

    /// <summary>The transaction's decision at check time: <c>allow</c>, or <c>review</c> finally allowed by an officer.</summary>
    public string Decision { get; init; } = "";

    /// <summary>What the payment system reported: <c>completed</c>, or empty when it reported nothing.</summary>
    public string Outcome { get; init; } = "";
}
