namespace Compliance.Rules.Tests.Expressions.Support;

/// <summary>A registered custom type, like RulesEngine's ExpressionUtils.</summary>
public static class Utils
{
    public static bool CheckContains(string? value, string commaSeparatedList) =>
        value is not null && commaSeparatedList.Split(',').Contains(value, StringComparer.OrdinalIgnoreCase);

    public static int Twice(int value) => value * 2;

    public static decimal Fee(decimal amount, decimal rate) => Math.Round(amount * rate, 2);
}
