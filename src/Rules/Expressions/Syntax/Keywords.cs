namespace Compliance.Rules.Expressions.Syntax;

/// <summary>
/// Word operators and keywords. Case-insensitive by default (Dynamic LINQ accepts <c>AnD</c>); in case-sensitive mode the
/// documented spelling, its lower-case and its upper-case forms are accepted (<c>AndAlso</c>, <c>andalso</c>, <c>ANDALSO</c>).
/// </summary>
internal static class Keywords
{
    private static readonly (string Word, BinaryOperator Operator)[] BinaryWords =
    [
        ("or", BinaryOperator.Or), ("OrElse", BinaryOperator.Or),
        ("and", BinaryOperator.And), ("AndAlso", BinaryOperator.And),
        ("eq", BinaryOperator.Equal), ("equal", BinaryOperator.Equal),
        ("ne", BinaryOperator.NotEqual), ("neq", BinaryOperator.NotEqual), ("notequal", BinaryOperator.NotEqual),
        ("lt", BinaryOperator.Less), ("LessThan", BinaryOperator.Less),
        ("le", BinaryOperator.LessEqual), ("LessThanEqual", BinaryOperator.LessEqual),
        ("gt", BinaryOperator.Greater), ("GreaterThan", BinaryOperator.Greater),
        ("ge", BinaryOperator.GreaterEqual), ("GreaterThanEqual", BinaryOperator.GreaterEqual),
        ("mod", BinaryOperator.Modulo),
    ];

    public static bool Is(in Token token, string word, bool caseSensitive) =>
        token.Kind == TokenKind.Identifier && Matches(token.Text, word, caseSensitive);

    public static bool Matches(string text, string word, bool caseSensitive) =>
        caseSensitive
            ? text == word || text == word.ToLowerInvariant() || text == word.ToUpperInvariant()
            : string.Equals(text, word, StringComparison.OrdinalIgnoreCase);

    public static BinaryOperator? BinaryWord(in Token token, bool caseSensitive)
    {
        if (token.Kind != TokenKind.Identifier)
        {
            return null;
        }

        foreach (var (word, op) in BinaryWords)
        {
            if (Matches(token.Text, word, caseSensitive))
            {
                return op;
            }
        }

        return null;
    }
}
