using System.Collections.Immutable;
using System.Text.Json;

namespace Compliance.Rules.Tests.Workflows;

// Copies of src/Compliance.Api/Checks/*Facts.cs (internal to the API): the shapes the shipped rule set runs on.
public sealed class TransactionFacts
{
    public string TransactionId { get; init; } = "";

    public string Type { get; init; } = "";

    public string Direction { get; init; } = "outbound";

    public decimal Amount { get; init; }

    public string Currency { get; init; } = "";

    public decimal AmountBase { get; init; }

    public string BaseCurrency { get; init; } = "EUR";

    public string Channel { get; init; } = "";

    public DateTimeOffset OccurredAt { get; init; }

    public int HourUtc => OccurredAt.UtcDateTime.Hour;

    public JsonElement Metadata { get; init; } = JsonDocument.Parse("{}").RootElement.Clone();
}

public sealed class CustomerFacts
{
    public bool Known { get; init; }

    public string Id { get; init; } = "";

    public string KycStatus { get; init; } = "none";

    public string KycLevel { get; init; } = "";

    public DateTimeOffset? KycVerifiedAt { get; init; }

    public int? KycAgeDays { get; init; }

    public string ScreeningStatus { get; init; } = "not_screened";

    public string RiskRating { get; init; } = "medium";

    public bool Pep { get; init; }

    public string Country { get; init; } = "";

    public int RelationshipDays { get; init; }

    public string Segment { get; init; } = "";
}

public sealed class VelocityFacts
{
    public int Count1h { get; init; }

    public decimal Sum1h { get; init; }

    public int Count24h { get; init; }

    public decimal Sum24h { get; init; }

    public int Count7d { get; init; }

    public decimal Sum7d { get; init; }

    public int Count30d { get; init; }

    public decimal Sum30d { get; init; }

    public int CountToday { get; init; }

    public decimal SumToday { get; init; }

    public int CountMonth { get; init; }

    public decimal SumMonth { get; init; }

    public int WithdrawalCountToday { get; init; }

    public decimal WithdrawalSumToday { get; init; }

    public int CounterpartyCount30d { get; init; }

    public decimal CounterpartySum30d { get; init; }

    public int DistinctCounterparties24h { get; init; }
}

public sealed class CounterpartyFacts
{
    public string Country { get; init; } = "";

    public bool IsNew { get; init; }

    public string ScreeningStatus { get; init; } = "not_screened";

    public ImmutableArray<string> ScreeningMatches { get; init; } = [];

    public decimal ScreeningScore { get; init; }
}
