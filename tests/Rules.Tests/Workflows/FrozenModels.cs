using System.Text.Json;

namespace Compliance.Rules.Tests.Workflows;

/// <summary>Immutable facts, as the check API passes them: their messages can be formatted on first read.</summary>
public sealed class FrozenFacts
{
    public string Country { get; init; } = "";

    public int Count { get; init; }

    public decimal Amount { get; init; }

    public FrozenAddress? Address { get; init; }
}

public sealed record FrozenAddress(string City, string Zip);

/// <summary>Init-only, but a computed property could read anything: not frozen.</summary>
public sealed class ComputedFacts
{
    public DateTimeOffset At { get; init; }

    public int Hour => At.UtcDateTime.Hour;
}

/// <summary>Init-only, but a JsonElement's document can be disposed: not frozen.</summary>
public sealed class JsonHoldingFacts
{
    public JsonElement Metadata { get; init; }
}

/// <summary>Init-only, but a list can change: not frozen.</summary>
public sealed class ListHoldingFacts
{
    public List<int> Items { get; init; } = [];
}

/// <summary>Not sealed: a subclass could add mutable state behind a field of this type.</summary>
public class OpenFacts
{
    public string Name { get; init; } = "";
}

public sealed class HoldsOpenFacts
{
    public OpenFacts? Inner { get; init; }
}

/// <summary>Init-only, but a double may be NaN, which System.Text.Json refuses: formatted at execution.</summary>
public sealed class DoubleHoldingFacts
{
    public double Ratio { get; init; }
}
