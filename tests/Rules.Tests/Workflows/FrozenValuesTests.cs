using System.Collections.Immutable;
using System.Dynamic;
using System.Text.Json;

namespace Compliance.Rules.Tests.Workflows;

public class FrozenValuesTests
{
    public static TheoryData<object?> Frozen => new()
    {
        null, "s", 1, 2L, 1.5m, 2.5, 1.5f, (Half)1, true, 'c', (byte)1, DayOfWeek.Monday, DateTime.UnixEpoch, DateTimeOffset.UnixEpoch,
        TimeSpan.FromSeconds(1), Guid.Empty, new DateOnly(2026, 1, 1), new Version(1, 2),
        new FrozenFacts { Country = "DE", Address = new FrozenAddress("Berlin", "10115") }, new FrozenAddress("a", "b"),
        new OpenFacts(), (int?)3, ImmutableArray.Create("a", "b"), ImmutableArray<FrozenAddress>.Empty,
    };

    public static TheoryData<object> NotFrozen => new()
    {
        new Order(), new ComputedFacts(), new JsonHoldingFacts(), new ListHoldingFacts(), new HoldsOpenFacts(),
        new List<int>(), new int[1], new ExpandoObject(), JsonDocument.Parse("{}").RootElement, new object(),
        new Dictionary<string, object>(), new Uri("https://example.org"), (Func<int>)(() => 1),
        double.NaN, double.PositiveInfinity, float.NaN, Half.NaN, new DoubleHoldingFacts(),
        ImmutableArray.Create(new List<int>()), ImmutableArray.Create(2.5), ImmutableArray.Create<object>("a"),
    };

    [Theory]
    [MemberData(nameof(Frozen))]
    public void IsFrozen_ImmutableValue_True(object? value)
    {
        FrozenValues.IsFrozen(value).Should().BeTrue();
    }

    [Theory]
    [MemberData(nameof(NotFrozen))]
    public void IsFrozen_ValueThatCanChange_False(object value)
    {
        FrozenValues.IsFrozen(value).Should().BeFalse();
    }
}
