using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Compliance.Rules.Expressions.Syntax;

namespace Compliance.Rules.Expressions.Binding;

/// <summary>
/// Turns a syntax tree into a System.Linq.Expressions body over the given variables. A bind function returns null after
/// reporting a diagnostic; siblings are still bound so one pass reports as many independent problems as it can.
/// </summary>
internal sealed partial class Binder
{
    private readonly ExpressionCompilerOptions _options;
    private readonly TypeRegistry _types;
    private readonly DiagnosticBag _diagnostics;
    private readonly List<ParameterExpression> _variables;
    private readonly StringComparison _nameComparison;
    private readonly HashSet<Type> _inputTypes;
    private ParameterExpression? _it;
    private int _nullPropagation;
    private bool _tooComplex;

    public Binder(ExpressionCompilerOptions options, TypeRegistry types, DiagnosticBag diagnostics, IReadOnlyList<ParameterExpression> scope)
    {
        _options = options;
        _types = types;
        _diagnostics = diagnostics;
        _variables = [.. scope];
        _nameComparison = options.IsCaseSensitive ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        _it = scope.Count == 1 ? scope[0] : null;
        _inputTypes = [];
        foreach (var variable in scope)
        {
            AddInputType(_inputTypes, variable.Type);
        }
    }

    /// <summary>An input's type, its element type and its generic arguments (List&lt;Item&gt; registers Item).</summary>
    private static void AddInputType(HashSet<Type> types, Type type)
    {
        if (!types.Add(type))
        {
            return;
        }

        if (type.IsArray)
        {
            AddInputType(types, type.GetElementType()!);
        }

        if (type.IsGenericType)
        {
            foreach (var argument in type.GetGenericArguments())
            {
                AddInputType(types, argument);
            }
        }
    }

    private bool IgnoreCase => !_options.IsCaseSensitive;

    public Expression? BindRoot(SyntaxNode node, Type? resultType)
    {
        var body = Bind(node);
        if (body is null || resultType is null)
        {
            return body;
        }

        if (resultType == typeof(bool))
        {
            if (body.Type == typeof(bool))
            {
                return body;
            }

            if (body.Type == typeof(bool?))
            {
                return Expression.Equal(body, Expression.Constant(true, typeof(bool?)));
            }

            if (IsDynamic(body.Type) && !IsNullLiteral(body))
            {
                return DynamicCall(nameof(Runtime.DynamicOps.ToBool), body);
            }

            return Error(node.Span, "Expression of type 'Boolean' expected");
        }

        return Coerce(body, resultType, node.Span);
    }

    private Expression? Bind(SyntaxNode node)
    {
        // Operator chains (1 + 1 + ... within the length limit) build trees deeper than the nesting limit counts;
        // stop with a diagnostic rather than overflow the stack of whatever thread binds.
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            if (!_tooComplex)
            {
                _tooComplex = true;
                Error(node.Span, "expression is too complex to bind (too many chained operations)");
            }

            return null;
        }

        return BindNode(node);
    }

    private Expression? BindNode(SyntaxNode node) => node switch
    {
        LiteralNode literal => BindLiteral(literal),
        IdentifierNode identifier => BindIdentifier(identifier),
        MemberNode member => BindMember(member),
        IndexNode index => BindIndex(index),
        CallNode call => BindCall(call),
        UnaryNode unary => BindUnary(unary),
        BinaryNode binary => BindBinary(binary),
        ConditionalNode conditional => BindConditional(conditional),
        InNode @in => BindIn(@in),
        TypeTestNode test => BindTypeTest(test),
        NewArrayNode array => BindNewArray(array),
        NewObjectNode obj => BindNewObject(obj),
        LambdaNode lambda => Error(lambda.Span, "a lambda is only allowed as the argument of a sequence method such as Any or Where"),
        _ => Error(node.Span, $"unsupported syntax '{node.GetType().Name}'"),
    };

    private Expression? Error(TextSpan span, string message)
    {
        _diagnostics.Add(span, message);
        return null;
    }

    private static Expression? BindLiteral(LiteralNode literal) => literal.Value switch
    {
        null => NullLiteral(),
        var value => Expression.Constant(value, value.GetType()),
    };

    private static ConstantExpression NullLiteral() => Expression.Constant(null, typeof(object));

    private static bool IsNullLiteral(Expression e) => e is ConstantExpression { Value: null } && e.Type == typeof(object);

    private bool NameEquals(string a, string b) => string.Equals(a, b, _nameComparison);

    private ParameterExpression? FindVariable(string name)
    {
        for (var i = _variables.Count - 1; i >= 0; i--)
        {
            if (_variables[i].Name is { } n && NameEquals(n, name))
            {
                return _variables[i];
            }
        }

        return null;
    }
}
