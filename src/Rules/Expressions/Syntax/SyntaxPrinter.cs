using System.Text;

namespace Compliance.Rules.Expressions.Syntax;

/// <summary>
/// Prints a syntax tree back as fully parenthesised text. Parser tests use it to show how an expression grouped
/// (<c>1 + 2 * 3</c> prints <c>(1 + (2 * 3))</c>) and that printing then parsing again gives the same tree.
/// </summary>
internal static class SyntaxPrinter
{
    public static string Print(SyntaxNode node)
    {
        var builder = new StringBuilder();
        Write(builder, node);
        return builder.ToString();
    }

    private static void Write(StringBuilder b, SyntaxNode node)
    {
        switch (node)
        {
            case LiteralNode literal:
                b.Append(literal.Value is null ? "null" : literal.Value is bool flag ? (flag ? "true" : "false") : literal.Text);
                break;
            case IdentifierNode identifier:
                b.Append(identifier.Name);
                break;
            case MemberNode member:
                Write(b, member.Target);
                b.Append(member.NullConditional ? "?." : ".").Append(member.Name);
                break;
            case CallNode call:
                if (call.Target is not null)
                {
                    Write(b, call.Target);
                    b.Append(call.NullConditional ? "?." : ".");
                }

                b.Append(call.Name).Append('(');
                WriteList(b, call.Arguments);
                b.Append(')');
                break;
            case IndexNode index:
                Write(b, index.Target);
                b.Append(index.NullConditional ? "?[" : "[");
                WriteList(b, index.Arguments);
                b.Append(']');
                break;
            case UnaryNode unary:
                b.Append('(').Append(unary.Operator switch
                {
                    UnaryOperator.Negate => "-",
                    UnaryOperator.Plus => "+",
                    _ => "!",
                });
                Write(b, unary.Operand);
                b.Append(')');
                break;
            case BinaryNode binary:
                b.Append('(');
                Write(b, binary.Left);
                b.Append(' ').Append(Symbol(binary.Operator)).Append(' ');
                Write(b, binary.Right);
                b.Append(')');
                break;
            case ConditionalNode conditional:
                b.Append('(');
                Write(b, conditional.Test);
                b.Append(" ? ");
                Write(b, conditional.WhenTrue);
                b.Append(" : ");
                Write(b, conditional.WhenFalse);
                b.Append(')');
                break;
            case InNode @in:
                b.Append('(');
                Write(b, @in.Value);
                b.Append(" in ");
                if (@in.IsCollection)
                {
                    Write(b, @in.Items[0]);
                }
                else
                {
                    b.Append('(');
                    WriteList(b, @in.Items);
                    b.Append(')');
                }

                b.Append(')');
                break;
            case LambdaNode lambda:
                b.Append(lambda.Parameter).Append(" => ");
                Write(b, lambda.Body);
                break;
            case TypeTestNode test:
                WriteTypeTest(b, test);
                break;
            case NewArrayNode array:
                b.Append("new ").Append(array.ElementType is null ? string.Empty : TypeName(array.ElementType)).Append("[] {");
                WriteList(b, array.Items);
                b.Append('}');
                break;
            case NewObjectNode obj:
                b.Append("new (");
                for (var i = 0; i < obj.Properties.Length; i++)
                {
                    b.Append(i == 0 ? string.Empty : ", ");
                    Write(b, obj.Properties[i].Value);
                    b.Append(" as ").Append(obj.Properties[i].Name);
                }

                b.Append(')');
                break;
        }
    }

    private static void WriteTypeTest(StringBuilder b, TypeTestNode test)
    {
        b.Append('(');
        if (test.Kind == TypeTestKind.Cast)
        {
            b.Append('(').Append(TypeName(test.Type)).Append(')');
            Write(b, test.Operand);
        }
        else
        {
            Write(b, test.Operand);
            b.Append(test.Kind == TypeTestKind.Is ? " is " : " as ").Append(TypeName(test.Type));
        }

        b.Append(')');
    }

    private static string TypeName(TypeNameNode type) => type.Nullable ? type.Name + "?" : type.Name;

    private static void WriteList(StringBuilder b, IReadOnlyList<SyntaxNode> items)
    {
        for (var i = 0; i < items.Count; i++)
        {
            b.Append(i == 0 ? string.Empty : ", ");
            Write(b, items[i]);
        }
    }

    private static string Symbol(BinaryOperator op) => op switch
    {
        BinaryOperator.Or => "||",
        BinaryOperator.And => "&&",
        BinaryOperator.Equal => "==",
        BinaryOperator.NotEqual => "!=",
        BinaryOperator.Less => "<",
        BinaryOperator.LessEqual => "<=",
        BinaryOperator.Greater => ">",
        BinaryOperator.GreaterEqual => ">=",
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Concat => "&",
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        BinaryOperator.Modulo => "%",
        _ => "??",
    };
}
