namespace Compliance.Rules;

/// <summary>A compiled GlobalParam or LocalParam: where its value lives in the slot array and how to compute it.</summary>
internal sealed class ParamNode(string name, int slot, Func<object?[], object?> evaluate)
{
    public string Name { get; } = name;

    public int Slot { get; } = slot;

    public Func<object?[], object?> Evaluate { get; } = evaluate;
}
