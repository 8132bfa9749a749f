using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Text;
using Compliance.Rules.Expressions;

namespace Compliance.Rules;

/// <summary>
/// Compiles and caches the expressions that actions evaluate (OutputExpression, additionalInputs), keyed by the text
/// and the parameters' names and types, bounded by <see cref="MemCacheConfig.SizeLimit"/> (0 disables it).
/// </summary>
internal sealed class ActionExpressionCache(ReSettings settings)
{
    private readonly ConcurrentDictionary<string, Func<object?[], object?>> _cache = new(StringComparer.Ordinal);

    public object? Evaluate(string expression, RuleParameter[] parameters)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var key = Key(expression, parameters);
        if (!_cache.TryGetValue(key, out var evaluate))
        {
            evaluate = Compile(expression, parameters);
            var limit = settings.CacheConfig.SizeLimit;
            if (limit > 0)
            {
                if (_cache.Count >= limit)
                {
                    _cache.Clear();
                }

                _cache[key] = evaluate;
            }
        }

        var slots = new object?[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            slots[i] = parameters[i].Value;
        }

        EvaluationBudget.Reset(settings.MaxCollectionWork);
        return evaluate(slots);
    }

    private Func<object?[], object?> Compile(string expression, RuleParameter[] parameters)
    {
        var compiler = ExpressionCompilers.Create(settings, parameters.Select(p => p.Type));
        var scope = new List<ParameterExpression>(parameters.Length);
        var slotOf = new Dictionary<ParameterExpression, int>(parameters.Length);
        for (var i = 0; i < parameters.Length; i++)
        {
            var variable = Expression.Parameter(parameters[i].Type, parameters[i].Name);
            scope.Add(variable);
            slotOf[variable] = i;
        }

        var bound = compiler.Bind(expression, scope, null);
        if (!bound.Success)
        {
            var message = bound.Diagnostics.IsDefaultOrEmpty ? "The expression could not be compiled" : bound.Diagnostics[0].Message;
            throw new RuleException(message);
        }

        return SlotLambda.Compile<object?>(bound.Body!, slotOf);
    }

    private static string Key(string expression, RuleParameter[] parameters)
    {
        var key = new StringBuilder(expression);
        foreach (var parameter in parameters)
        {
            key.Append('\u0001').Append(parameter.Name).Append('\u0002').Append(parameter.Type.AssemblyQualifiedName);
        }

        return key.ToString();
    }
}
