namespace Compliance.Rules;

/// <summary>RulesEngine's add-time validation (§1.3), with its message texts, reporting every problem at once.</summary>
internal static class WorkflowStructure
{
    internal const string WorkflowNameNull = "Workflow name can not be null or empty";
    internal const string RulesOrInject = "Atleast one of Rules or WorkflowsToInject must be not empty";
    internal const string RuleNameNull = "Rule Name can not be null";
    internal const string OperatorRules = "Cannot use Rules field when Operator is null";
    internal const string ExpressionNull = "Expression cannot be null or empty when RuleExpressionType is LambdaExpression";

    private static readonly string[] Operators = ["And", "AndAlso", "Or", "OrElse"];

    public static List<StructuralProblem> Check(Workflow workflow)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        var problems = new List<StructuralProblem>();
        if (string.IsNullOrWhiteSpace(workflow.WorkflowName))
        {
            problems.Add(new(null, "WorkflowName", "WorkflowName", WorkflowNameNull));
        }

        var rules = workflow.Rules?.ToList();
        if ((rules is null || rules.Count == 0) && workflow.WorkflowsToInject?.Any() != true)
        {
            problems.Add(new(null, "Rules", "Rules", RulesOrInject));
        }

        CheckParams(workflow.GlobalParams, null, "GlobalParams", "GlobalParam", problems);
        if (rules is not null)
        {
            CheckRules(rules, null, "Rules", problems);
            var duplicates = rules.Where(r => r is { Enabled: true, RuleName.Length: > 0 })
                .GroupBy(r => r.RuleName, StringComparer.Ordinal)
                .Where(g => g.Count() > 1);
            foreach (var duplicate in duplicates)
            {
                problems.Add(new(duplicate.Key, "Rules", "RuleName",
                    $"Rule name `{duplicate.Key}` is used by more than one enabled rule of the workflow"));
            }
        }

        return problems;
    }

    /// <summary>Whether the operator names a nested rule the way RulesEngine's compiler reads it (case-sensitively).</summary>
    public static bool IsNestedOperator(string? op) => op is not null && Array.IndexOf(Operators, op) >= 0;

    private static void CheckRules(List<Rule> rules, string? parentPath, string jsonPath, List<StructuralProblem> problems)
    {
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            var at = $"{jsonPath}[{i}]";
            if (rule is null)
            {
                problems.Add(new(parentPath, at, "Rules", "Rule can not be null"));
                continue;
            }

            var name = string.IsNullOrEmpty(rule.RuleName) ? $"#{i}" : rule.RuleName;
            var path = parentPath is null ? name : $"{parentPath}/{name}";
            CheckRule(rule, path, at, problems);
        }
    }

    private static void CheckRule(Rule rule, string path, string at, List<StructuralProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(rule.RuleName))
        {
            problems.Add(new(path, $"{at}.RuleName", "RuleName", RuleNameNull));
        }

        CheckParams(rule.LocalParams, path, $"{at}.LocalParams", "LocalParam", problems);
        var children = rule.Rules?.ToList();
        if (rule.Operator is not null)
        {
            if (!Operators.Contains(rule.Operator, StringComparer.OrdinalIgnoreCase))
            {
                problems.Add(new(path, $"{at}.Operator", "Operator", $"Operator {rule.Operator} is not allowed"));
            }

            if (children is null || children.Count == 0)
            {
                if (rule.WorkflowsToInject?.Any() != true)
                {
                    problems.Add(new(path, $"{at}.WorkflowsToInject", "WorkflowsToInject", RulesOrInject));
                }
            }
            else
            {
                CheckRules(children, path, $"{at}.Rules", problems);
            }
        }
        else
        {
            if (string.IsNullOrWhiteSpace(rule.Expression))
            {
                problems.Add(new(path, $"{at}.Expression", "Expression", ExpressionNull));
            }

            if (children is { Count: > 0 })
            {
                problems.Add(new(path, $"{at}.Rules", "Rules", OperatorRules));
            }
        }
    }

    private static void CheckParams(IEnumerable<ScopedParam>? scopedParams, string? path, string at, string kind, List<StructuralProblem> problems)
    {
        if (scopedParams is null)
        {
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var param in scopedParams)
        {
            var where = $"{at}[{index++}]";
            if (param is null || string.IsNullOrEmpty(param.Name))
            {
                problems.Add(new(path, $"{where}.Name", $"{kind}s[{index - 1}]", $"{kind} name can not be null or empty"));
            }
            else if (!seen.Add(param.Name))
            {
                problems.Add(new(path, $"{where}.Name", $"{kind}s[{param.Name}]", $"Duplicate {kind} name '{param.Name}'"));
            }
        }
    }
}
