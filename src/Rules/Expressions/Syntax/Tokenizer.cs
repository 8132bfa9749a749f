using System.Collections.Immutable;
using System.Globalization;

namespace Compliance.Rules.Expressions.Syntax;

/// <summary>Splits an expression into tokens; bad characters and unterminated literals become diagnostics.</summary>
internal sealed partial class Tokenizer(string text, DiagnosticBag diagnostics)
{
    private int _pos;

    public ImmutableArray<Token> Tokenize()
    {
        var tokens = ImmutableArray.CreateBuilder<Token>();
        while (true)
        {
            SkipWhitespace();
            if (_pos >= text.Length)
            {
                tokens.Add(new Token(TokenKind.End, new TextSpan(text.Length, 0), string.Empty));
                return tokens.ToImmutable();
            }

            var token = Next();
            if (token is { } t)
            {
                tokens.Add(t);
            }
        }
    }

    private void SkipWhitespace()
    {
        while (_pos < text.Length && char.IsWhiteSpace(text[_pos]))
        {
            _pos++;
        }
    }

    private Token? Next()
    {
        var c = text[_pos];
        if (char.IsLetter(c) || c == '_' || c == '@')
        {
            return ReadIdentifier();
        }

        if (char.IsAsciiDigit(c) || (c == '.' && char.IsAsciiDigit(Peek(1))))
        {
            return ReadNumber();
        }

        if (c == '"')
        {
            return ReadQuoted('"');
        }

        if (c == '\'')
        {
            return ReadQuoted('\'');
        }

        return ReadPunctuation();
    }

    private char Peek(int ahead) => _pos + ahead < text.Length ? text[_pos + ahead] : '\0';

    private Token ReadIdentifier()
    {
        var start = _pos;
        if (text[_pos] == '@')
        {
            _pos++;
        }

        while (_pos < text.Length && (char.IsLetterOrDigit(text[_pos]) || text[_pos] == '_'))
        {
            _pos++;
        }

        var raw = text[start.._pos];
        return new Token(TokenKind.Identifier, TextSpan.FromBounds(start, _pos), raw, raw.TrimStart('@'));
    }

    private Token? ReadPunctuation()
    {
        var start = _pos;
        var c = text[_pos];
        var n = Peek(1);
        (TokenKind kind, int length) = c switch
        {
            '(' => (TokenKind.OpenParen, 1),
            ')' => (TokenKind.CloseParen, 1),
            '[' => (TokenKind.OpenBracket, 1),
            ']' => (TokenKind.CloseBracket, 1),
            '{' => (TokenKind.OpenBrace, 1),
            '}' => (TokenKind.CloseBrace, 1),
            ',' => (TokenKind.Comma, 1),
            '.' => (TokenKind.Dot, 1),
            ':' => (TokenKind.Colon, 1),
            '?' when n == '?' => (TokenKind.QuestionQuestion, 2),
            '?' when n == '.' && !char.IsAsciiDigit(Peek(2)) => (TokenKind.QuestionDot, 2),
            '?' when n == '[' => (TokenKind.QuestionBracket, 2),
            '?' => (TokenKind.Question, 1),
            '=' when n == '=' => (TokenKind.Equal, 2),
            '=' when n == '>' => (TokenKind.Arrow, 2),
            '=' => (TokenKind.Equal, 1),
            '!' when n == '=' => (TokenKind.NotEqual, 2),
            '!' => (TokenKind.Exclamation, 1),
            '<' when n == '>' => (TokenKind.NotEqual, 2),
            '<' when n == '=' => (TokenKind.LessEqual, 2),
            '<' => (TokenKind.Less, 1),
            '>' when n == '=' => (TokenKind.GreaterEqual, 2),
            '>' => (TokenKind.Greater, 1),
            '&' when n == '&' => (TokenKind.AmpersandAmpersand, 2),
            '&' => (TokenKind.Ampersand, 1),
            '|' when n == '|' => (TokenKind.BarBar, 2),
            '+' => (TokenKind.Plus, 1),
            '-' => (TokenKind.Minus, 1),
            '*' => (TokenKind.Star, 1),
            '/' => (TokenKind.Slash, 1),
            '%' => (TokenKind.Percent, 1),
            _ => (TokenKind.End, 0),
        };

        if (length == 0)
        {
            _pos++;
            diagnostics.Add(new TextSpan(start, 1), $"unexpected character '{c}'");
            return null;
        }

        _pos += length;
        return new Token(kind, new TextSpan(start, length), text.Substring(start, length));
    }

    private static bool TryParseInteger(string digits, int radix, out ulong value)
    {
        var style = radix == 16 ? NumberStyles.AllowHexSpecifier : NumberStyles.None;
        return ulong.TryParse(digits, style, CultureInfo.InvariantCulture, out value);
    }
}
