using System.Collections.Immutable;
using System.Linq.Expressions;
using Compliance.Rules.Expressions;

namespace Compliance.Rules;

/// <summary>
/// Compiles a workflow for one input shape. Slots: inputs first, then GlobalParams, then every LocalParam of the
/// tree (each top-level rule owns a contiguous range, so rules can compile in parallel).
/// With a problem list it also reports every bind diagnostic (for <see cref="RulesEngine.Validate(Workflow, IReadOnlyList{RuleParameter})"/>).
/// </summary>
internal sealed class WorkflowCompiler
{
    private const int ParallelThreshold = 32;

    private readonly ReSettings _settings;
    private readonly ExpressionCompiler _compiler;
    private readonly string _workflowName;
    private readonly List<WorkflowProblem>? _problems;

    private WorkflowCompiler(ReSettings settings, ExpressionCompiler compiler, string workflowName, List<WorkflowProblem>? problems)
    {
        _settings = settings;
        _compiler = compiler;
        _workflowName = workflowName;
        _problems = problems;
    }

    public static CompiledWorkflow Compile(
        string workflowName,
        IReadOnlyList<Rule> rules,
        IEnumerable<ScopedParam>? globalParams,
        string[] inputNames,
        Type[] inputTypes,
        ReSettings settings,
        ImmutableArray<WorkflowDependency> dependencies,
        List<WorkflowProblem>? problems = null)
    {
        var compiler = new WorkflowCompiler(settings, ExpressionCompilers.Create(settings, inputTypes), workflowName, problems);
        return compiler.Compile(rules, globalParams, inputNames, inputTypes, dependencies);
    }

    private CompiledWorkflow Compile(
        IReadOnlyList<Rule> rules, IEnumerable<ScopedParam>? globalParams, string[] inputNames, Type[] inputTypes, ImmutableArray<WorkflowDependency> dependencies)
    {
        var scope = new List<ParameterExpression>();
        var slotOf = new Dictionary<ParameterExpression, int>();
        for (var i = 0; i < inputNames.Length; i++)
        {
            var input = Expression.Parameter(inputTypes[i], inputNames[i]);
            scope.Add(input);
            slotOf[input] = i;
        }

        var next = inputNames.Length;
        var globals = new List<ParamNode>();
        GlobalParamError? globalError = null;
        if (_settings.EnableScopedParams && globalParams is not null)
        {
            foreach (var global in globalParams)
            {
                if (inputNames.Contains(global.Name, StringComparer.Ordinal))
                {
                    // RulesEngine fails every rule with it (ExecuteActionWorkflowAsync throws it instead).
                    globalError = new GlobalParamError(global.Name, RuleMessages.GlobalCollision(global.Name), AtRunTime: true);
                    break;
                }

                var node = CompileParam(global, scope, slotOf, next, null, "GlobalParams", out var error);
                if (node is null && _problems is not null)
                {
                    AddPlaceholder(global.Name, scope, slotOf, next++);
                    continue;
                }

                if (node is null)
                {
                    globalError = new GlobalParamError(global.Name, error!);
                    break;
                }

                globals.Add(node);
                next++;
            }
        }

        var bases = new int[rules.Count];
        for (var i = 0; i < rules.Count; i++)
        {
            bases[i] = next;
            next += CountLocals(rules[i]);
        }

        var nodes = new RuleNode[rules.Count];
        if (globalError is not null)
        {
            // Every rule fails with the GlobalParam's error; nothing else is worth compiling.
            for (var i = 0; i < rules.Count; i++)
            {
                nodes[i] = new RuleNode { Rule = rules[i], HasActions = HasActions(rules[i]) };
            }
        }
        else if (_settings.EnableParallelRuleCompilation && rules.Count >= ParallelThreshold && _problems is null)
        {
            Parallel.For(0, rules.Count, i => nodes[i] = CompileTopLevel(rules[i], scope, slotOf, bases[i]));
        }
        else
        {
            for (var i = 0; i < rules.Count; i++)
            {
                nodes[i] = CompileTopLevel(rules[i], scope, slotOf, bases[i]);
            }
        }

        return new CompiledWorkflow(_workflowName, inputNames, inputTypes, [.. globals], globalError, nodes, CompileRuns(nodes), next, _settings, dependencies);
    }

    /// <summary>Every stretch of consecutive rules with a bound body, compiled as runs of up to <see cref="FusedRun.MaxRules"/>.</summary>
    private FusedRun[] CompileRuns(RuleNode[] nodes)
    {
        if (_problems is not null)
        {
            // Validation keeps only the problems; its rules' delegates are compiled only if something asks for one.
            return [];
        }

        var stretches = new List<(int Start, int Count)>();
        for (var i = 0; i < nodes.Length;)
        {
            if (nodes[i].Body is null)
            {
                i++;
                continue;
            }

            var count = 1;
            while (count < FusedRun.MaxRules && i + count < nodes.Length && nodes[i + count].Body is not null)
            {
                count++;
            }

            stretches.Add((i, count));
            i += count;
        }

        var runs = new FusedRun[stretches.Count];
        void CompileOne(int r)
        {
            var (start, count) = stretches[r];
            runs[r] = FusedRun.Compile(start, new ArraySegment<RuleNode>(nodes, start, count));
        }

        if (_settings.EnableParallelRuleCompilation && runs.Length > 1)
        {
            Parallel.For(0, runs.Length, CompileOne);
        }
        else
        {
            for (var r = 0; r < runs.Length; r++)
            {
                CompileOne(r);
            }
        }

        return runs;
    }

    private RuleNode CompileTopLevel(Rule rule, List<ParameterExpression> scope, Dictionary<ParameterExpression, int> slotOf, int firstSlot)
    {
        var next = firstSlot;
        return CompileRule(rule, rule.RuleName, [.. scope], new Dictionary<ParameterExpression, int>(slotOf), ref next, topLevel: true);
    }

    /// <param name="topLevel">A top-level leaf without LocalParams keeps its bound body for a <see cref="FusedRun"/> instead of compiling it alone.</param>
    private RuleNode CompileRule(Rule rule, string path, List<ParameterExpression> scope, Dictionary<ParameterExpression, int> slotOf, ref int next, bool topLevel = false)
    {
        var hasActions = HasActions(rule);
        var locals = new List<ParamNode>();
        if (_settings.EnableScopedParams && rule.LocalParams is not null)
        {
            scope = [.. scope];
            foreach (var local in rule.LocalParams)
            {
                var node = CompileParam(local, scope, slotOf, next, path, "LocalParams", out var error);
                if (node is null && _problems is not null)
                {
                    AddPlaceholder(local.Name, scope, slotOf, next++);
                    continue;
                }

                if (node is null)
                {
                    var message = RuleMessages.ScopedCompile(rule.RuleName, error!, local.Name);
                    return new RuleNode { Rule = rule, HasActions = hasActions, CompileError = message, CompileException = RuleException.ForRule(message, rule) };
                }

                locals.Add(node);
                next++;
            }
        }

        ValidateOutputExpressions(rule, path, scope);
        if (WorkflowStructure.IsNestedOperator(rule.Operator) && rule.Rules?.Any() == true)
        {
            var children = new List<RuleNode>();
            foreach (var child in rule.Rules.Where(c => c.Enabled))
            {
                children.Add(CompileRule(child, $"{path}/{child.RuleName}", scope, slotOf, ref next));
            }

            return new RuleNode
            {
                Rule = rule,
                Locals = [.. locals],
                Children = [.. children],
                IsAnd = rule.Operator is "And" or "AndAlso",
                HasActions = hasActions || children.Any(c => c.HasActions),
            };
        }

        return CompileLeaf(rule, path, scope, slotOf, [.. locals], hasActions, fusable: topLevel && locals.Count == 0);
    }

    private RuleNode CompileLeaf(
        Rule rule, string path, List<ParameterExpression> scope, Dictionary<ParameterExpression, int> slotOf, ParamNode[] locals, bool hasActions, bool fusable)
    {
        string error;
        if (string.IsNullOrEmpty(rule.Expression))
        {
            // RulesEngine compiles a rule whose Operator it does not recognise (e.g. "and") as a leaf with no expression.
            error = RuleMessages.NullExpression;
            Report(path, "Expression", null, error);
        }
        else
        {
            var bound = _compiler.Bind(rule.Expression, scope, typeof(bool));
            if (bound.Success)
            {
                return fusable
                    ? new RuleNode { Rule = rule, Body = bound.Body!, SlotOf = slotOf, HasActions = hasActions }
                    : new RuleNode { Rule = rule, Locals = locals, Predicate = SlotLambda.Compile<bool>(bound.Body!, slotOf), HasActions = hasActions };
            }

            Report(path, "Expression", bound.Diagnostics);
            error = FirstMessage(bound.Diagnostics);
        }

        if (!_settings.EnableExceptionAsErrorMessageForRuleExpressionParsing)
        {
            // RulesEngine then compiles the expression to the constant false: the rule fails without a message.
            return new RuleNode { Rule = rule, Locals = locals, Predicate = CompiledWorkflow.SilentFalse, HasActions = hasActions };
        }

        var message = RuleMessages.Parse(rule.Expression, error);
        return new RuleNode
        {
            Rule = rule,
            HasActions = hasActions,
            CompileError = message,
            CompileException = RuleException.ForRule(message, rule),
            ThrowMessage = RuleMessages.Compile(rule.RuleName, error),
        };
    }

    private ParamNode? CompileParam(
        ScopedParam param, List<ParameterExpression> scope, Dictionary<ParameterExpression, int> slotOf, int slot, string? path, string kind, out string? error)
    {
        var bound = _compiler.Bind(param.Expression ?? "", scope, null);
        if (!bound.Success)
        {
            Report(path, $"{kind}[{param.Name}]", bound.Diagnostics);
            error = FirstMessage(bound.Diagnostics);
            return null;
        }

        var variable = Expression.Parameter(bound.Body!.Type, param.Name);
        var evaluate = SlotLambda.Compile<object?>(bound.Body, slotOf);
        slotOf[variable] = slot;
        scope.Add(variable);
        error = null;
        return new ParamNode(param.Name, slot, evaluate);
    }

    /// <summary>Validation only: binds OutputExpression actions against the rule's scope (inputs, globals, locals), as they will run.</summary>
    private void ValidateOutputExpressions(Rule rule, string path, List<ParameterExpression> scope)
    {
        if (_problems is null)
        {
            return;
        }

        foreach (var (field, action) in new[] { ("Actions.OnSuccess", rule.Actions?.OnSuccess), ("Actions.OnFailure", rule.Actions?.OnFailure) })
        {
            if (action is not null && string.Equals(action.Name, "OutputExpression", StringComparison.OrdinalIgnoreCase)
                && new ActionContext(action.Context, new RuleResultTree()).TryGetContext<string>("expression", out var expression))
            {
                var bound = _compiler.Bind(expression, scope, null);
                if (!bound.Success)
                {
                    Report(path, field, bound.Diagnostics);
                }
            }
        }
    }

    /// <summary>
    /// Validation keeps going after a scoped param fails: the name stays in scope, late-bound, so later expressions
    /// report their own problems instead of a cascade of "unknown identifier".
    /// </summary>
    private static void AddPlaceholder(string name, List<ParameterExpression> scope, Dictionary<ParameterExpression, int> slotOf, int slot)
    {
        var placeholder = Expression.Parameter(typeof(object), name);
        scope.Add(placeholder);
        slotOf[placeholder] = slot;
    }

    private int CountLocals(Rule rule)
    {
        var count = _settings.EnableScopedParams ? rule.LocalParams?.Count() ?? 0 : 0;
        if (rule.Rules is not null)
        {
            foreach (var child in rule.Rules)
            {
                count += child is null ? 0 : CountLocals(child);
            }
        }

        return count;
    }

    private static bool HasActions(Rule rule) => rule.Actions is { OnSuccess: not null } or { OnFailure: not null };

    private static string FirstMessage(ImmutableArray<ExpressionDiagnostic> diagnostics) =>
        diagnostics.IsDefaultOrEmpty ? "The expression could not be compiled" : diagnostics[0].Message;

    private void Report(string? path, string field, ImmutableArray<ExpressionDiagnostic> diagnostics)
    {
        if (_problems is null)
        {
            return;
        }

        if (diagnostics.IsDefaultOrEmpty)
        {
            Report(path, field, null, "The expression could not be compiled");
            return;
        }

        foreach (var diagnostic in diagnostics)
        {
            Report(path, field, diagnostic, diagnostic.Message);
        }
    }

    private void Report(string? path, string field, ExpressionDiagnostic? diagnostic, string message)
    {
        // Problems are collected only by Validate, which never compiles in parallel.
        _problems?.Add(new WorkflowProblem(_workflowName, path, field, diagnostic?.Line, diagnostic?.Column, message));
    }
}
