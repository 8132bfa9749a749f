using System.Collections.Immutable;

namespace Compliance.Rules.Expressions.Syntax;

/// <summary>
/// Recursive-descent parser for the Dynamic LINQ expression language (lowest to highest precedence: conditional,
/// <c>??</c>, or, and, in, comparison / is / as, additive, multiplicative, unary, primary).
/// A parse function returns null after reporting an error; the parser stops at the first syntax error because
/// everything after it would be guesswork.
/// </summary>
internal sealed partial class Parser
{
    private readonly ImmutableArray<Token> _tokens;
    private readonly DiagnosticBag _diagnostics;
    private readonly bool _caseSensitive;
    private readonly int _maxDepth;
    private int _index;
    private int _depth;
    private bool _failed;

    public Parser(ImmutableArray<Token> tokens, DiagnosticBag diagnostics, bool caseSensitive, int maxDepth)
    {
        _tokens = tokens;
        _diagnostics = diagnostics;
        _caseSensitive = caseSensitive;
        _maxDepth = maxDepth;
    }

    private Token Current => _tokens[_index];

    private Token PeekToken(int ahead) => _tokens[Math.Min(_index + ahead, _tokens.Length - 1)];

    public SyntaxNode? ParseRoot()
    {
        var node = ParseExpression();
        if (node is not null && Current.Kind != TokenKind.End)
        {
            return Fail(Current, "expected an operator or the end of the expression");
        }

        return node;
    }

    private SyntaxNode? Fail(in Token token, string expected)
    {
        if (!_failed)
        {
            _failed = true;
            _diagnostics.Add(token.Span, $"unexpected {token.Describe()}, {expected}");
        }

        return null;
    }

    private Token Advance() => _tokens[_index++];

    private bool Accept(TokenKind kind)
    {
        if (Current.Kind != kind)
        {
            return false;
        }

        _index++;
        return true;
    }

    private bool Expect(TokenKind kind, string expected)
    {
        if (Accept(kind))
        {
            return true;
        }

        Fail(Current, expected);
        return false;
    }

    private bool IsWord(string word) => Keywords.Is(Current, word, _caseSensitive);

    private bool Enter()
    {
        if (++_depth <= _maxDepth)
        {
            return true;
        }

        if (!_failed)
        {
            _failed = true;
            _diagnostics.Add(Current.Span, $"expression is nested too deeply (the limit is {_maxDepth} levels)");
        }

        return false;
    }

    private SyntaxNode? ParseExpression()
    {
        if (!Enter())
        {
            return null;
        }

        try
        {
            var test = ParseCoalesce();
            if (test is null || Current.Kind != TokenKind.Question)
            {
                return test;
            }

            _index++;
            var whenTrue = ParseExpression();
            if (whenTrue is null || !Expect(TokenKind.Colon, "expected ':' of the conditional operator"))
            {
                return null;
            }

            var whenFalse = ParseExpression();
            return whenFalse is null ? null : new ConditionalNode(Join(test, whenFalse), test, whenTrue, whenFalse);
        }
        finally
        {
            _depth--;
        }
    }

    private static TextSpan Join(SyntaxNode first, SyntaxNode last) => TextSpan.FromBounds(first.Span.Start, last.Span.End);

    private SyntaxNode? ParseCoalesce()
    {
        var left = ParseOr();
        if (left is null || Current.Kind != TokenKind.QuestionQuestion)
        {
            return left;
        }

        var op = Advance();
        if (!Enter())
        {
            return null;
        }

        var right = ParseCoalesce();
        _depth--;
        return right is null ? null : new BinaryNode(Join(left, right), BinaryOperator.Coalesce, left, right, op.Span, op.Text);
    }

    private SyntaxNode? ParseOr() => ParseBinaryLevel(ParseAnd, static (t, cs) =>
        t.Kind == TokenKind.BarBar ? BinaryOperator.Or : Keywords.BinaryWord(t, cs) is BinaryOperator.Or ? BinaryOperator.Or : null);

    private SyntaxNode? ParseAnd() => ParseBinaryLevel(ParseIn, static (t, cs) =>
        t.Kind == TokenKind.AmpersandAmpersand ? BinaryOperator.And : Keywords.BinaryWord(t, cs) is BinaryOperator.And ? BinaryOperator.And : null);

    private SyntaxNode? ParseAdditive() => ParseBinaryLevel(ParseMultiplicative, static (t, _) => t.Kind switch
    {
        TokenKind.Plus => BinaryOperator.Add,
        TokenKind.Minus => BinaryOperator.Subtract,
        TokenKind.Ampersand => BinaryOperator.Concat,
        _ => null,
    });

    private SyntaxNode? ParseMultiplicative() => ParseBinaryLevel(ParseUnary, static (t, cs) => t.Kind switch
    {
        TokenKind.Star => BinaryOperator.Multiply,
        TokenKind.Slash => BinaryOperator.Divide,
        TokenKind.Percent => BinaryOperator.Modulo,
        _ => Keywords.BinaryWord(t, cs) is BinaryOperator.Modulo ? BinaryOperator.Modulo : null,
    });

    private SyntaxNode? ParseBinaryLevel(Func<SyntaxNode?> operand, Func<Token, bool, BinaryOperator?> classify)
    {
        var left = operand();
        while (left is not null && classify(Current, _caseSensitive) is { } op)
        {
            var opToken = Advance();
            var right = operand();
            if (right is null)
            {
                return null;
            }

            left = new BinaryNode(Join(left, right), op, left, right, opToken.Span, opToken.Text);
        }

        return left;
    }

    private SyntaxNode? ParseIn()
    {
        var left = ParseComparison();
        // Dynamic LINQ reads `in` in any casing, even when expressions are case-sensitive.
        while (left is not null && Keywords.Is(Current, "in", caseSensitive: false))
        {
            _index++;
            if (!Accept(TokenKind.OpenParen))
            {
                // `x in list`: membership in a sequence value (a scoped param, an input's array).
                var collection = ParsePrimary();
                if (collection is null)
                {
                    return null;
                }

                left = new InNode(Join(left, collection), left, [collection], IsCollection: true);
                continue;
            }

            var items = ParseList(TokenKind.CloseParen, allowLambda: false);
            if (items is null)
            {
                return null;
            }

            left = new InNode(TextSpan.FromBounds(left.Span.Start, _tokens[_index - 1].Span.End), left, items.Value);
        }

        return left;
    }

    private SyntaxNode? ParseComparison()
    {
        var left = ParseAdditive();
        while (left is not null)
        {
            if (IsWord("is") || IsWord("as"))
            {
                var kind = IsWord("is") ? TypeTestKind.Is : TypeTestKind.As;
                _index++;
                var type = ParseTypeName(allowNullable: true);
                if (type is null)
                {
                    return null;
                }

                left = new TypeTestNode(Join(left, type), kind, left, type);
                continue;
            }

            BinaryOperator? op = Current.Kind switch
            {
                TokenKind.Equal => BinaryOperator.Equal,
                TokenKind.NotEqual => BinaryOperator.NotEqual,
                TokenKind.Less => BinaryOperator.Less,
                TokenKind.LessEqual => BinaryOperator.LessEqual,
                TokenKind.Greater => BinaryOperator.Greater,
                TokenKind.GreaterEqual => BinaryOperator.GreaterEqual,
                _ => Keywords.BinaryWord(Current, _caseSensitive) is { } w and not (BinaryOperator.Or or BinaryOperator.And or BinaryOperator.Modulo) ? w : null,
            };
            if (op is null)
            {
                return left;
            }

            var opToken = Advance();
            var right = ParseAdditive();
            if (right is null)
            {
                return null;
            }

            left = new BinaryNode(Join(left, right), op.Value, left, right, opToken.Span, opToken.Text);
        }

        return null;
    }

    private SyntaxNode? ParseUnary()
    {
        var start = Current;
        UnaryOperator? op = start.Kind switch
        {
            TokenKind.Minus => UnaryOperator.Negate,
            TokenKind.Plus => UnaryOperator.Plus,
            TokenKind.Exclamation => UnaryOperator.Not,
            _ => IsWord("not") && !IsNotAnOperand(PeekToken(1)) ? UnaryOperator.Not : null,
        };
        if (op is null)
        {
            return ParsePrimary();
        }

        _index++;
        if (!Enter())
        {
            return null;
        }

        var operand = ParseUnary();
        _depth--;
        if (operand is null)
        {
            return null;
        }

        // Fold a minus sign into a numeric literal so int.MinValue and typed constants stay literals.
        if (op == UnaryOperator.Negate && operand is LiteralNode { Value: int or long or double or float or decimal } literal)
        {
            return new LiteralNode(Join2(start.Span, operand.Span), Negate(literal.Value), "-" + literal.Text);
        }

        return new UnaryNode(Join2(start.Span, operand.Span), op.Value, operand);
    }

    // `not` followed by an operator is the identifier `not` (a member called "not"), not the operator.
    private static bool IsNotAnOperand(in Token next) =>
        next.Kind is TokenKind.End or TokenKind.CloseParen or TokenKind.Comma or TokenKind.Equal or TokenKind.NotEqual or TokenKind.Dot;

    private static TextSpan Join2(TextSpan first, TextSpan last) => TextSpan.FromBounds(first.Start, last.End);

    private static object? Negate(object? value) => value switch
    {
        int i => -i,
        long l => -l,
        double d => -d,
        float f => -f,
        decimal m => -m,
        _ => value,
    };
}
