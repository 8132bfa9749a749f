using System.Linq.Expressions;
using Compliance.Rules.Expressions;

namespace Compliance.Rules;

/// <summary>
/// RulesEngine's standalone expression evaluator: evaluate or compile one expression against named parameters,
/// without a workflow (<c>new RuleExpressionParser(new ReSettings()).Evaluate&lt;string&gt;("a + b", parameters)</c>).
/// </summary>
public class RuleExpressionParser
{
    private readonly ReSettings _settings;

    /// <summary>Creates an evaluator; the settings (custom types, case sensitivity) are copied.</summary>
    public RuleExpressionParser(ReSettings? reSettings = null)
    {
        _settings = new ReSettings(reSettings ?? new ReSettings());
    }

    /// <summary>Compiles an expression to a delegate taking the parameters' values in order.</summary>
    /// <exception cref="RuleException">The expression does not parse, bind, or convert to <typeparamref name="T"/>.</exception>
    public Func<object[], T> Compile<T>(string expression, RuleParameter[] ruleParams)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(ruleParams);
        var compiler = ExpressionCompilers.Create(_settings, ruleParams.Select(p => p.Type));
        var scope = new List<ParameterExpression>(ruleParams.Length);
        var slotOf = new Dictionary<ParameterExpression, int>(ruleParams.Length);
        for (var i = 0; i < ruleParams.Length; i++)
        {
            var variable = Expression.Parameter(ruleParams[i].Type, ruleParams[i].Name);
            scope.Add(variable);
            slotOf[variable] = i;
        }

        var bound = compiler.Bind(expression, scope, typeof(T) == typeof(bool) ? typeof(bool) : null);
        if (!bound.Success)
        {
            throw new RuleException(bound.Diagnostics.IsDefaultOrEmpty ? "The expression could not be compiled" : bound.Diagnostics[0].ToString());
        }

        try
        {
            var evaluate = SlotLambda.Compile<T>(bound.Body!, slotOf);
            var limit = _settings.MaxCollectionWork;
            return values =>
            {
                EvaluationBudget.Reset(limit);
                return evaluate(values);
            };
        }
        catch (InvalidOperationException ex)
        {
            throw new RuleException($"Expression of type '{bound.Body!.Type.Name}' cannot be converted to '{typeof(T).Name}'", ex);
        }
    }

    /// <summary>Compiles and evaluates an expression once.</summary>
    public T Evaluate<T>(string expression, RuleParameter[] ruleParams)
    {
        ArgumentNullException.ThrowIfNull(ruleParams);
        return Compile<T>(expression, ruleParams)([.. ruleParams.Select(p => p.Value!)]);
    }
}
