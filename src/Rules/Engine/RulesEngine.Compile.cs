namespace Compliance.Rules;

public partial class RulesEngine
{
    /// <summary>
    /// Compiles (or takes from the cache) the current version of a workflow for inputs named input1..inputN of the given
    /// types, for the allocation-free <see cref="CompiledWorkflow.Evaluate(ReadOnlySpan{object}, Span{RuleOutcome})"/> path.
    /// A cache hit allocates nothing, so calling this per request follows <see cref="AddOrUpdateWorkflow"/> at no cost.
    /// </summary>
    /// <param name="workflowName">A registered workflow.</param>
    /// <param name="inputTypes">The static type of each input; <see cref="object"/> or a JSON/dictionary type binds members late.</param>
    /// <exception cref="ArgumentException">The workflow is not registered.</exception>
    /// <exception cref="RuleException">An injected workflow is missing.</exception>
    public CompiledWorkflow Compile(string workflowName, params Type[] inputTypes)
    {
        ArgumentNullException.ThrowIfNull(workflowName);
        ArgumentNullException.ThrowIfNull(inputTypes);
        return GetCompiled(workflowName, PositionalNames.For(inputTypes.Length), inputTypes);
    }

    /// <summary>
    /// Compiles (or takes from the cache) a workflow for one input named input1 of type <typeparamref name="TInput"/>;
    /// allocation-free on a cache hit. Evaluate with <see cref="CompiledWorkflow.Evaluate(object, Span{RuleOutcome})"/>.
    /// </summary>
    public CompiledWorkflow Compile<TInput>(string workflowName)
    {
        ArgumentNullException.ThrowIfNull(workflowName);
        return GetCompiled(workflowName, PositionalNames.For(1), InputTypeOf<TInput>.Types);
    }

    /// <summary>Compiles (or takes from the cache) a workflow for named inputs; only the parameters' names and types matter.</summary>
    public CompiledWorkflow Compile(string workflowName, IReadOnlyList<RuleParameter> inputShape)
    {
        ArgumentNullException.ThrowIfNull(workflowName);
        ArgumentNullException.ThrowIfNull(inputShape);
        return GetCompiled(workflowName, [.. inputShape.Select(p => p.Name)], [.. inputShape.Select(p => p.Type)]);
    }

    /// <summary>
    /// Finds every problem of a workflow without executing it: RulesEngine's structural checks, then the syntax of every
    /// expression (GlobalParams, LocalParams, rule expressions, OutputExpression actions) with line:column positions.
    /// Types are not checked because the inputs are unknown; use the overload with inputs for that.
    /// </summary>
    public IReadOnlyList<WorkflowProblem> Validate(Workflow workflow)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        var problems = StructuralProblems(workflow);
        var compiler = ExpressionCompilers.Create(_settings, []);
        var name = workflow.WorkflowName ?? "";
        foreach (var (global, index) in (workflow.GlobalParams ?? []).Select((g, i) => (g, i)))
        {
            AddSyntax(problems, compiler, name, null, $"GlobalParams[{global?.Name ?? index.ToString(System.Globalization.CultureInfo.InvariantCulture)}]", global?.Expression);
        }

        foreach (var rule in workflow.Rules ?? [])
        {
            if (rule is not null)
            {
                SyntaxOfRule(problems, compiler, name, rule, rule.RuleName);
            }
        }

        return problems;
    }

    /// <summary>
    /// Finds every problem of a workflow for inputs of the given types (named input1..inputN): the structural checks plus
    /// binding every expression (OutputExpression actions included) in the scope it will run in, so unknown members and
    /// type errors are reported too, with positions. Injected workflows are not included.
    /// </summary>
    public IReadOnlyList<WorkflowProblem> Validate(Workflow workflow, params Type[] inputTypes)
    {
        ArgumentNullException.ThrowIfNull(inputTypes);
        return Validate(workflow, [.. inputTypes.Select((type, i) => RuleParameter.Create($"input{i + 1}", type))]);
    }

    /// <summary>As <see cref="Validate(Workflow, Type[])"/> for named inputs; only the parameters' names and types matter.</summary>
    public IReadOnlyList<WorkflowProblem> Validate(Workflow workflow, IReadOnlyList<RuleParameter> inputShape)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(inputShape);
        var problems = StructuralProblems(workflow);
        if (problems.Count > 0)
        {
            return problems;
        }

        var rules = workflow.Rules?.Where(r => r.Enabled).ToList() ?? [];
        var settings = new ReSettings(_settings) { EnableParallelRuleCompilation = false };
        WorkflowCompiler.Compile(
            workflow.WorkflowName, rules, workflow.GlobalParams, [.. inputShape.Select(p => p.Name)], [.. inputShape.Select(p => p.Type)], settings, [], problems);
        return problems;
    }

    private static List<WorkflowProblem> StructuralProblems(Workflow workflow)
    {
        var name = workflow.WorkflowName ?? "";
        var problems = WorkflowStructure.Check(workflow)
            .Select(p => new WorkflowProblem(name, p.RulePath, p.Field, null, null, p.Message))
            .ToList();
        AddOperatorCaseProblems(problems, name, workflow.Rules, null);
        return problems;
    }

    private static void AddOperatorCaseProblems(List<WorkflowProblem> problems, string workflowName, IEnumerable<Rule>? rules, string? parentPath)
    {
        foreach (var rule in rules ?? [])
        {
            if (rule is null)
            {
                continue;
            }

            var path = parentPath is null ? rule.RuleName : $"{parentPath}/{rule.RuleName}";
            if (rule.Operator is { } op && !WorkflowStructure.IsNestedOperator(op) && op.ToUpperInvariant() is "AND" or "ANDALSO" or "OR" or "ORELSE")
            {
                problems.Add(new WorkflowProblem(workflowName, path, "Operator", null, null,
                    $"Operator '{op}' passes RulesEngine's validation but its compiler matches operators case-sensitively, so the rule always fails; write And, AndAlso, Or or OrElse"));
            }

            AddOperatorCaseProblems(problems, workflowName, rule.Rules, path);
        }
    }

    private void SyntaxOfRule(List<WorkflowProblem> problems, Expressions.ExpressionCompiler compiler, string workflowName, Rule rule, string path)
    {
        foreach (var local in rule.LocalParams ?? [])
        {
            AddSyntax(problems, compiler, workflowName, path, $"LocalParams[{local?.Name}]", local?.Expression);
        }

        if (rule.Operator is null)
        {
            AddSyntax(problems, compiler, workflowName, path, "Expression", rule.Expression);
        }

        OutputExpressionSyntax(problems, compiler, workflowName, rule, path);
        foreach (var child in rule.Rules ?? [])
        {
            if (child is not null)
            {
                SyntaxOfRule(problems, compiler, workflowName, child, $"{path}/{child.RuleName}");
            }
        }
    }

    private static void OutputExpressionSyntax(List<WorkflowProblem> problems, Expressions.ExpressionCompiler compiler, string workflowName, Rule rule, string path)
    {
        foreach (var (field, action) in new[] { ("Actions.OnSuccess", rule.Actions?.OnSuccess), ("Actions.OnFailure", rule.Actions?.OnFailure) })
        {
            if (action is not null && string.Equals(action.Name, "OutputExpression", StringComparison.OrdinalIgnoreCase)
                && new ActionContext(action.Context, new RuleResultTree()).TryGetContext<string>("expression", out var expression))
            {
                AddSyntax(problems, compiler, workflowName, path, field, expression);
            }
        }
    }

    private static void AddSyntax(List<WorkflowProblem> problems, Expressions.ExpressionCompiler compiler, string workflowName, string? path, string field, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        foreach (var diagnostic in compiler.Parse(text))
        {
            problems.Add(new WorkflowProblem(workflowName, path, field, diagnostic.Line, diagnostic.Column, diagnostic.Message));
        }
    }
}
