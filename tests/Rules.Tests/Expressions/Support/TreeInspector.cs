using System.Linq.Expressions;

namespace Compliance.Rules.Tests.Expressions.Support;

/// <summary>Walks a bound body to check what the generated code does: boxing, runtime helper calls, free variables.</summary>
internal sealed class TreeInspector : ExpressionVisitor
{
    private readonly HashSet<ParameterExpression> _declared = [];

    public List<Expression> Boxing { get; } = [];

    public List<string> HelperCalls { get; } = [];

    public HashSet<ParameterExpression> FreeVariables { get; } = [];

    public List<ConstantExpression> Constants { get; } = [];

    /// <summary>Nested lambdas: each becomes a delegate (and maybe a closure) allocated per evaluation.</summary>
    public int Lambdas { get; private set; }

    public static TreeInspector Inspect(Expression body)
    {
        var inspector = new TreeInspector();
        inspector.Visit(body);
        return inspector;
    }

    protected override Expression VisitUnary(UnaryExpression node)
    {
        if (node.NodeType == ExpressionType.Convert && node.Type == typeof(object) && node.Operand.Type.IsValueType)
        {
            Boxing.Add(node);
        }

        return base.VisitUnary(node);
    }

    protected override Expression VisitMethodCall(MethodCallExpression node)
    {
        if (node.Method.DeclaringType?.Namespace?.StartsWith("Compliance.Rules.Expressions", StringComparison.Ordinal) == true)
        {
            HelperCalls.Add(node.Method.DeclaringType.Name + "." + node.Method.Name);
        }

        return base.VisitMethodCall(node);
    }

    protected override Expression VisitConstant(ConstantExpression node)
    {
        Constants.Add(node);
        return base.VisitConstant(node);
    }

    protected override Expression VisitLambda<T>(Expression<T> node)
    {
        _declared.UnionWith(node.Parameters);
        Lambdas++;
        return base.VisitLambda(node);
    }

    protected override Expression VisitBlock(BlockExpression node)
    {
        _declared.UnionWith(node.Variables);
        return base.VisitBlock(node);
    }

    protected override Expression VisitParameter(ParameterExpression node)
    {
        if (!_declared.Contains(node))
        {
            FreeVariables.Add(node);
        }

        return base.VisitParameter(node);
    }
}
