using System.Text.Json;
using Compliance.Api.Checks;

namespace Compliance.Benchmarks.Rules;

/// <summary>A realistic check: a 4,200 EUR transfer to a new payee abroad by a customer with some history.</summary>
internal static class PreTransactionFacts
{
    public static TransactionFacts Transaction { get; } = new()
    {
        TransactionId = "tx-bench-1", Type = "transfer", Direction = "outbound", Amount = 4200m, Currency = "EUR",
        AmountBase = 4200m, BaseCurrency = "EUR", Channel = "online", OccurredAt = new DateTimeOffset(2026, 11, 20, 14, 30, 0, TimeSpan.Zero),
    };

    public static CustomerFacts Customer { get; } = new()
    {
        Known = true, Id = "cust-1", KycStatus = "approved", KycLevel = "full", KycAgeDays = 200, RiskRating = "medium",
        Pep = false, Country = "DE", RelationshipDays = 420, Segment = "retail",
    };

    public static VelocityFacts Velocity { get; } = new()
    {
        Count1h = 1, Sum1h = 120m, Count24h = 3, Sum24h = 900m, Count7d = 9, Sum7d = 5400m, Count30d = 31, Sum30d = 18000m,
        CountToday = 2, SumToday = 700m, CountMonth = 25, SumMonth = 15500m, CounterpartyCount30d = 0, CounterpartySum30d = 0m,
        DistinctCounterparties24h = 2,
    };

    public static CounterpartyFacts Counterparty { get; } = new() { Country = "FR", IsNew = true, ScreeningStatus = "clear" };

    /// <summary>The same facts as JSON documents, as a caller without our types would pass them.</summary>
    public static JsonElement Json(object facts) => JsonSerializer.SerializeToElement(facts, facts.GetType(), JsonSerializerOptions.Web);
}
