namespace Compliance.Rules.Tests.Workflows;

/// <summary>Typed facts with a computed property, like the check API's TransactionFacts.HourUtc.</summary>
public sealed class HourFacts
{
    public decimal Amount { get; init; }

    public DateTimeOffset OccurredAt { get; init; }

    public int HourUtc => OccurredAt.UtcDateTime.Hour;
}
