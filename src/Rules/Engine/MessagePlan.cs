namespace Compliance.Rules;

/// <summary>
/// A top-level rule's parsed ErrorMessage and, for each root name it reads, the slot holding the value its Inputs
/// dictionary maps that name to (-1: not in Inputs). Valid for a rule that ended without an error, when every GlobalParam
/// and every LocalParam of the rule has been evaluated into its slot.
/// </summary>
internal sealed class MessagePlan(MessageTemplate template, int[] rootSlots)
{
    public MessageTemplate Template { get; } = template;

    public int[] RootSlots { get; } = rootSlots;

    public static MessagePlan? For(RuleNode node, string[] inputNames, ParamNode[] globals)
    {
        if (node.Rule.ErrorMessage is not { } text)
        {
            return null;
        }

        var template = MessageTemplate.Parse(text);
        var slots = new int[template.Roots.Length];
        for (var i = 0; i < slots.Length; i++)
        {
            slots[i] = SlotOf(template.Roots[i], node.Locals, inputNames, globals);
        }

        return new MessagePlan(template, slots);
    }

    // Inputs is filled with the inputs, then the GlobalParams, then the rule's LocalParams: the last one named so wins.
    private static int SlotOf(string name, ParamNode[] locals, string[] inputNames, ParamNode[] globals)
    {
        for (var i = locals.Length - 1; i >= 0; i--)
        {
            if (string.Equals(locals[i].Name, name, StringComparison.Ordinal))
            {
                return locals[i].Slot;
            }
        }

        for (var i = globals.Length - 1; i >= 0; i--)
        {
            if (string.Equals(globals[i].Name, name, StringComparison.Ordinal))
            {
                return globals[i].Slot;
            }
        }

        return Array.LastIndexOf(inputNames, name);
    }
}
