using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using Compliance.Rules.Expressions;

namespace Compliance.Rules.Tests.Expressions.Support;

/// <summary>Binds an expression, compiles <c>Expression.Lambda(body, scope)</c> and runs it, as the workflow layer will.</summary>
internal static class Eval
{
    public static ExpressionBindResult Bind(string text, Type? resultType, ExpressionCompilerOptions? options, params Input[] inputs)
    {
        var compiler = new ExpressionCompiler(options ?? new ExpressionCompilerOptions());
        var scope = inputs.Select(i => Expression.Parameter(i.Type, i.Name)).ToArray();
        return compiler.Bind(text, scope, resultType);
    }

    public static object? Run(string text, params Input[] inputs) => Run(text, null, null, inputs);

    public static object? Run(string text, Type? resultType, ExpressionCompilerOptions? options, params Input[] inputs)
    {
        options ??= new ExpressionCompilerOptions();
        var compiler = new ExpressionCompiler(options);
        var scope = inputs.Select(i => Expression.Parameter(i.Type, i.Name)).ToArray();
        var result = compiler.Bind(text, scope, resultType);
        if (!result.Success)
        {
            throw new InvalidOperationException($"bind failed for `{text}`: {string.Join(" | ", result.Diagnostics)}");
        }

        var lambda = Expression.Lambda(result.Body!, scope).Compile();
        EvaluationBudget.Reset(options.MaxCollectionWork);
        try
        {
            return lambda.DynamicInvoke([.. inputs.Select(i => i.Value)]);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            throw ex.InnerException;
        }
    }

    /// <summary>"Type:value" so a test checks the result's type as well as its value: "Int32:5", "Decimal:0.3", "null".</summary>
    public static string Format(object? value) => value switch
    {
        null => "null",
        DateTime d => "DateTime:" + d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        System.Collections.IEnumerable seq and not string => value.GetType().Name.Split('`')[0] + ":[" + string.Join(",", seq.Cast<object?>().Select(Format)) + "]",
        _ => value.GetType().Name + ":" + Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    public static string Diagnostics(string text, params Input[] inputs) => Diagnostics(text, typeof(bool), null, inputs);

    /// <summary>Diagnostics when any result type is accepted (scoped params, OutputExpression).</summary>
    public static string AnyDiagnostics(string text, params Input[] inputs) => Diagnostics(text, null, null, inputs);

    public static string Diagnostics(string text, Type? resultType, ExpressionCompilerOptions? options, params Input[] inputs) =>
        string.Join(" | ", Bind(text, resultType, options, inputs).Diagnostics);
}
