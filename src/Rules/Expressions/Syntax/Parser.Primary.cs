using System.Collections.Immutable;
using Compliance.Rules.Expressions.Binding;

namespace Compliance.Rules.Expressions.Syntax;

internal sealed partial class Parser
{
    private SyntaxNode? ParsePrimary()
    {
        var node = ParsePrimaryStart();

        // After a?. the rest of the chain is skipped when a is null, as in C#: every later access is null-conditional.
        var nullConditional = false;
        while (node is not null)
        {
            if (Current.Kind is TokenKind.Dot or TokenKind.QuestionDot)
            {
                nullConditional |= Advance().Kind == TokenKind.QuestionDot;
                var name = Current;
                if (name.Kind != TokenKind.Identifier)
                {
                    return Fail(name, nullConditional ? "expected a member name after '?.'" : "expected a member name after '.'");
                }

                _index++;
                if (Current.Kind == TokenKind.OpenParen)
                {
                    _index++;
                    var args = ParseList(TokenKind.CloseParen, allowLambda: true);
                    if (args is null)
                    {
                        return null;
                    }

                    node = new CallNode(Join2(node.Span, _tokens[_index - 1].Span), node, (string)name.Value!, name.Span, args.Value, nullConditional);
                }
                else
                {
                    node = new MemberNode(Join2(node.Span, name.Span), node, (string)name.Value!, name.Span, nullConditional);
                }
            }
            else if (Current.Kind is TokenKind.OpenBracket or TokenKind.QuestionBracket)
            {
                nullConditional |= Advance().Kind == TokenKind.QuestionBracket;
                var args = ParseList(TokenKind.CloseBracket, allowLambda: false);
                if (args is null)
                {
                    return null;
                }

                node = new IndexNode(Join2(node.Span, _tokens[_index - 1].Span), node, args.Value, nullConditional);
            }
            else
            {
                return node;
            }
        }

        return null;
    }

    private SyntaxNode? ParsePrimaryStart()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Integer:
            case TokenKind.Real:
            case TokenKind.String:
            case TokenKind.Char:
                _index++;
                return new LiteralNode(token.Span, token.Value, token.Text);
            case TokenKind.OpenParen:
                return ParseParenthesized();
            case TokenKind.Identifier:
                return ParseIdentifierStart();
            default:
                return Fail(token, "expected an expression");
        }
    }

    private SyntaxNode? ParseParenthesized()
    {
        var open = Advance();
        if (IsCast())
        {
            var type = ParseTypeName(allowNullable: true)!;
            _index++;
            var operand = ParseUnary();
            return operand is null ? null : new TypeTestNode(Join2(open.Span, operand.Span), TypeTestKind.Cast, operand, type);
        }

        var inner = ParseExpression();
        if (inner is null || !Expect(TokenKind.CloseParen, "expected ')'"))
        {
            return null;
        }

        return inner;
    }

    // `(int)x`: only predefined type names make a cast, so `(a) + b` stays a parenthesised expression.
    private bool IsCast()
    {
        if (Current.Kind != TokenKind.Identifier || !PredefinedTypes.TryGet(Current.Text, _caseSensitive, out _))
        {
            return false;
        }

        var close = PeekToken(1).Kind == TokenKind.Question ? 2 : 1;
        return PeekToken(close).Kind == TokenKind.CloseParen
            && PeekToken(close + 1).Kind is TokenKind.Identifier or TokenKind.Integer or TokenKind.Real or TokenKind.String or TokenKind.Char or TokenKind.OpenParen;
    }

    private SyntaxNode? ParseIdentifierStart()
    {
        var token = Advance();
        var name = (string)token.Value!;
        if (token.Text[0] != '@')
        {
            if (Keywords.Matches(token.Text, "true", _caseSensitive))
            {
                return new LiteralNode(token.Span, true, token.Text);
            }

            if (Keywords.Matches(token.Text, "false", _caseSensitive))
            {
                return new LiteralNode(token.Span, false, token.Text);
            }

            if (Keywords.Matches(token.Text, "null", _caseSensitive))
            {
                return new LiteralNode(token.Span, null, token.Text);
            }

            if (Keywords.Matches(token.Text, "new", _caseSensitive))
            {
                return ParseNew(token);
            }
        }

        if (Current.Kind == TokenKind.OpenParen)
        {
            _index++;
            var args = ParseList(TokenKind.CloseParen, allowLambda: true);
            if (args is null)
            {
                return null;
            }

            var span = Join2(token.Span, _tokens[_index - 1].Span);
            if (Keywords.Matches(name, "iif", _caseSensitive) && args.Value.Length == 3)
            {
                return new ConditionalNode(span, args.Value[0], args.Value[1], args.Value[2]);
            }

            return new CallNode(span, null, name, token.Span, args.Value);
        }

        return new IdentifierNode(token.Span, name);
    }

    private ImmutableArray<SyntaxNode>? ParseList(TokenKind close, bool allowLambda)
    {
        var items = ImmutableArray.CreateBuilder<SyntaxNode>();
        if (Accept(close))
        {
            return items.ToImmutable();
        }

        while (true)
        {
            var item = allowLambda ? ParseArgument() : ParseExpression();
            if (item is null)
            {
                return null;
            }

            items.Add(item);
            if (Accept(close))
            {
                return items.ToImmutable();
            }

            if (!Accept(TokenKind.Comma))
            {
                Fail(Current, close == TokenKind.CloseParen ? "expected ',' or ')'" : "expected ',' or ']'");
                return null;
            }
        }
    }

    private SyntaxNode? ParseArgument()
    {
        if (Current.Kind == TokenKind.Identifier && PeekToken(1).Kind == TokenKind.Arrow)
        {
            var parameter = Advance();
            _index++;
            var body = ParseExpression();
            return body is null ? null : new LambdaNode(Join2(parameter.Span, body.Span), (string)parameter.Value!, body);
        }

        return ParseExpression();
    }

    private static bool StartsOperand(in Token token) => token.Kind is TokenKind.Identifier or TokenKind.Integer or TokenKind.Real
        or TokenKind.String or TokenKind.Char or TokenKind.OpenParen or TokenKind.Minus or TokenKind.Plus or TokenKind.Exclamation;

    private TypeNameNode? ParseTypeName(bool allowNullable)
    {
        var token = Current;
        if (token.Kind != TokenKind.Identifier)
        {
            Fail(token, "expected a type name");
            return null;
        }

        _index++;
        var name = (string)token.Value!;
        var end = token.Span;
        while (Current.Kind == TokenKind.Dot && PeekToken(1).Kind == TokenKind.Identifier)
        {
            _index++;
            var part = Advance();
            name += "." + (string)part.Value!;
            end = part.Span;
        }

        var nullable = false;
        // `T?` unless the '?' starts a conditional: `x as int? == 42` but `x is int ? a : b`.
        if (allowNullable && Current.Kind == TokenKind.Question && !StartsOperand(PeekToken(1)))
        {
            end = Advance().Span;
            nullable = true;
        }

        return new TypeNameNode(Join2(token.Span, end), name, nullable);
    }
}
