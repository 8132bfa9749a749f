namespace Compliance.Rules.Tests.Expressions.Support;

/// <summary>An object passed as an input whose instance methods rules call (RulesEngine's "utils" parameter).</summary>
public sealed class Scorer
{
    public int Threshold { get; set; } = 10;

    public bool IsHigh(int score) => score > Threshold;

    public string Label(string name, int level) => $"{name}-{level}";
}
