namespace Compliance.Rules.Compat.Tests;

/// <summary>A custom type registered with both engines (ReSettings.CustomTypes): static helpers rules may call.</summary>
public static class CompatUtils
{
    public static bool IsEven(long value) => value % 2 == 0;

    public static bool InList(string value, string commaSeparated) => commaSeparated.Split(',').Contains(value);

    public static string Shout(string value) => value.ToUpperInvariant() + "!";

    public static decimal Percent(decimal value, decimal percent) => value * percent / 100m;

    public static int Clamp(int value, int min, int max) => Math.Clamp(value, min, max);
}
