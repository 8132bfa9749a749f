using System.Collections.Immutable;

namespace Compliance.Rules.Expressions.Syntax;

internal sealed partial class Parser
{
    // new (a as X, b as Y) | new [] { ... } | new T[] { ... }
    private SyntaxNode? ParseNew(in Token newToken)
    {
        if (Current.Kind == TokenKind.OpenBrace)
        {
            if (!_failed)
            {
                _failed = true;
                _diagnostics.Add(Current.Span, "C#-style anonymous objects are not supported; write new (expr as Name, ...)");
            }

            return null;
        }

        if (Current.Kind == TokenKind.OpenParen)
        {
            return ParseNewObject(newToken);
        }

        TypeNameNode? elementType = null;
        if (Current.Kind == TokenKind.Identifier)
        {
            elementType = ParseTypeName(allowNullable: true);
            if (elementType is null)
            {
                return null;
            }
        }

        if (!Expect(TokenKind.OpenBracket, elementType is null ? "expected '(', '[' or a type name after 'new'" : "expected '[' after the array element type")
            || !Expect(TokenKind.CloseBracket, "expected ']'")
            || !Expect(TokenKind.OpenBrace, "expected '{' to start the array items"))
        {
            return null;
        }

        var items = ParseList(TokenKind.CloseBrace, allowLambda: false);
        return items is null ? null : new NewArrayNode(Join2(newToken.Span, _tokens[_index - 1].Span), elementType, items.Value);
    }

    private SyntaxNode? ParseNewObject(in Token newToken)
    {
        _index++;
        var properties = ImmutableArray.CreateBuilder<NewObjectProperty>();
        while (true)
        {
            var value = ParseExpression();
            if (value is null)
            {
                return null;
            }

            // `expr as Name` parses as an `as` test; here it names the property. A bare member takes the member's name.
            switch (value)
            {
                case TypeTestNode { Kind: TypeTestKind.As } named:
                    properties.Add(new NewObjectProperty(named.Type.Name, named.Type.Span, named.Operand));
                    break;
                case MemberNode member:
                    properties.Add(new NewObjectProperty(member.Name, member.NameSpan, member));
                    break;
                case IdentifierNode identifier:
                    properties.Add(new NewObjectProperty(identifier.Name, identifier.Span, identifier));
                    break;
                default:
                    if (!_failed)
                    {
                        _failed = true;
                        _diagnostics.Add(value.Span, "a property of an anonymous object needs a name: write expr as Name");
                    }

                    return null;
            }

            if (Accept(TokenKind.CloseParen))
            {
                return new NewObjectNode(Join2(newToken.Span, _tokens[_index - 1].Span), properties.ToImmutable());
            }

            if (!Expect(TokenKind.Comma, "expected ',' or ')'"))
            {
                return null;
            }
        }
    }
}
