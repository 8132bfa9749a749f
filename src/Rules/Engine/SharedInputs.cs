namespace Compliance.Rules;

/// <summary>
/// The <see cref="RuleResultTree.Inputs"/> of one execution's rules that declare no LocalParams: the inputs and the
/// GlobalParams evaluated, made into a dictionary on first read. Most callers never read Inputs, and building the
/// dictionary for every execution cost more bytes than any other object of it except the results.
/// </summary>
/// <remarks>Reads the execution's own slot array, whose input and GlobalParam slots do not change after the GlobalParams ran.</remarks>
internal sealed class SharedInputs(CompiledWorkflow workflow, object?[] slots)
{
    private Dictionary<string, object>? _dictionary;

    /// <summary>How many GlobalParams were evaluated (all of them, or those before the one that failed).</summary>
    public int GlobalCount { get; set; }

    /// <summary>The same instance on every read, for every rule that shares it.</summary>
    public Dictionary<string, object> Dictionary => Volatile.Read(ref _dictionary) ?? Build();

    /// <summary>The dictionary of a result's Inputs: a <see cref="SharedInputs"/> made into one, or the dictionary itself.</summary>
    public static Dictionary<string, object> Of(object inputs) =>
        inputs as Dictionary<string, object> ?? ((SharedInputs)inputs).Dictionary;

    private Dictionary<string, object> Build()
    {
        // Same insertion order and overwrite rules as filling it while executing: inputs, then GlobalParams in order.
        var names = workflow.InputNameArray;
        var dictionary = new Dictionary<string, object>(names.Length + GlobalCount);
        for (var i = 0; i < names.Length; i++)
        {
            dictionary[names[i]] = slots[i]!;
        }

        for (var i = 0; i < GlobalCount; i++)
        {
            var global = workflow.Globals[i];
            dictionary[global.Name] = slots[global.Slot]!;
        }

        // Racing readers build equal dictionaries; the first one stored is the one every reader gets.
        return Interlocked.CompareExchange(ref _dictionary, dictionary, null) ?? dictionary;
    }
}
