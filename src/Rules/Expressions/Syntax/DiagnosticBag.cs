using System.Collections.Immutable;

namespace Compliance.Rules.Expressions.Syntax;

/// <summary>Collects diagnostics for one expression text, turning offsets into line and column.</summary>
internal sealed class DiagnosticBag(string text)
{
    private readonly ImmutableArray<ExpressionDiagnostic>.Builder _items = ImmutableArray.CreateBuilder<ExpressionDiagnostic>();

    public bool HasErrors => _items.Count > 0;

    public int Count => _items.Count;

    public void Add(TextSpan span, string message)
    {
        var start = Math.Clamp(span.Start, 0, text.Length);
        int line = 1, column = 1;
        for (var i = 0; i < start; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }

        _items.Add(new ExpressionDiagnostic(start, span.Length, line, column, message));
    }

    public ImmutableArray<ExpressionDiagnostic> ToImmutable() => _items.ToImmutable();
}
