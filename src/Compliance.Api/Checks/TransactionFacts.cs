using System.Text.Json;

namespace Compliance.Api.Checks;

/// <summary>The transaction being checked, as rules see it (input <c>transaction</c>).</summary>
internal sealed class TransactionFacts
{
    public string TransactionId { get; init; } = "";

    /// <summary><c>transfer</c>, <c>card_payment</c>, <c>withdrawal</c>, <c>deposit</c>, ...</summary>
    public string Type { get; init; } = "";

    /// <summary><c>outbound</c> or <c>inbound</c>.</summary>
    public string Direction { get; init; } = "outbound";

    /// <summary>In <see cref="Currency"/>.</summary>
    public decimal Amount { get; init; }

    /// <summary>ISO 4217.</summary>
    public string Currency { get; init; } = "";

    /// <summary><see cref="Amount"/> converted to the rule set's base currency: compare limits with this.</summary>
    public decimal AmountBase { get; init; }

    public string BaseCurrency { get; init; } = "EUR";

    /// <summary><c>online</c>, <c>mobile</c>, <c>branch</c>, <c>atm</c>, <c>pos</c>, ...</summary>
    public string Channel { get; init; } = "";

    public DateTimeOffset OccurredAt { get; init; }

    /// <summary>Hour of <see cref="OccurredAt"/> in UTC, 0 to 23.</summary>
    public int HourUtc => OccurredAt.UtcDateTime.Hour;

    /// <summary>The client's free-form object, for rules that need what the schema lacks; empty when none was sent.</summary>
    public JsonElement Metadata { get; init; } = EmptyObject;

    private static JsonElement EmptyObject { get; } = JsonDocument.Parse("{}").RootElement.Clone();
}
