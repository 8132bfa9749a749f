namespace Compliance.Rules;

/// <summary>
/// One registered version of a workflow and its compiled snapshots, one per input shape. Replacing a workflow
/// replaces the entry, so snapshots of the old version can never be mixed with the new one.
/// </summary>
internal sealed class WorkflowEntry(Workflow workflow)
{
    // Copy-on-write array: readers scan it without locks; writers swap it with a compare-and-exchange.
    private CompiledWorkflow[] _compiled = [];

    public Workflow Workflow { get; } = workflow;

    public CompiledWorkflow? Find(ReadOnlySpan<string> names, ReadOnlySpan<Type> types)
    {
        foreach (var candidate in Volatile.Read(ref _compiled))
        {
            if (Matches(candidate, names, types))
            {
                return candidate;
            }
        }

        return null;
    }

    public CompiledWorkflow? Find(RuleParameter[] parameters)
    {
        foreach (var candidate in Volatile.Read(ref _compiled))
        {
            if (Matches(candidate, parameters))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Stores a snapshot, replacing one of the same shape and dropping the oldest beyond <paramref name="limit"/>.</summary>
    public void Store(CompiledWorkflow compiled, int limit)
    {
        while (true)
        {
            var current = Volatile.Read(ref _compiled);
            var next = current
                .Where(c => !c.InputNameArray.AsSpan().SequenceEqual(compiled.InputNameArray) || !c.InputTypeArray.AsSpan().SequenceEqual(compiled.InputTypeArray))
                .Append(compiled)
                .ToArray();
            if (limit > 0 && next.Length > limit)
            {
                next = next[^limit..];
            }

            if (ReferenceEquals(Interlocked.CompareExchange(ref _compiled, next, current), current))
            {
                return;
            }
        }
    }

    private static bool Matches(CompiledWorkflow candidate, ReadOnlySpan<string> names, ReadOnlySpan<Type> types)
    {
        var candidateNames = candidate.InputNameArray;
        var candidateTypes = candidate.InputTypeArray;
        if (candidateNames.Length != names.Length)
        {
            return false;
        }

        for (var i = 0; i < names.Length; i++)
        {
            if (candidateTypes[i] != types[i] || !string.Equals(candidateNames[i], names[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Matches(CompiledWorkflow candidate, RuleParameter[] parameters)
    {
        var candidateNames = candidate.InputNameArray;
        var candidateTypes = candidate.InputTypeArray;
        if (candidateNames.Length != parameters.Length)
        {
            return false;
        }

        for (var i = 0; i < parameters.Length; i++)
        {
            if (candidateTypes[i] != parameters[i].Type || !string.Equals(candidateNames[i], parameters[i].Name, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
