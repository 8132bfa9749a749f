using System.Globalization;
using System.Text;

namespace Compliance.Rules.Expressions.Syntax;

internal sealed partial class Tokenizer
{
    private Token? ReadNumber()
    {
        var start = _pos;
        if (text[_pos] == '0' && (Peek(1) is 'x' or 'X'))
        {
            _pos += 2;
            var digitsStart = _pos;
            while (_pos < text.Length && char.IsAsciiHexDigit(text[_pos]))
            {
                _pos++;
            }

            var hex = text[digitsStart.._pos];
            return IntegerToken(start, hex, 16);
        }

        while (_pos < text.Length && char.IsAsciiDigit(text[_pos]))
        {
            _pos++;
        }

        var isReal = false;
        if (Peek(0) == '.' && char.IsAsciiDigit(Peek(1)))
        {
            isReal = true;
            _pos++;
            while (_pos < text.Length && char.IsAsciiDigit(text[_pos]))
            {
                _pos++;
            }
        }

        if (Peek(0) is 'e' or 'E' && (char.IsAsciiDigit(Peek(1)) || (Peek(1) is '+' or '-' && char.IsAsciiDigit(Peek(2)))))
        {
            isReal = true;
            _pos += 2;
            while (_pos < text.Length && char.IsAsciiDigit(text[_pos]))
            {
                _pos++;
            }
        }

        var number = text[start.._pos];
        var suffix = char.ToUpperInvariant(Peek(0));
        if (suffix is 'F' or 'D' or 'M')
        {
            _pos++;
            return RealToken(start, number, suffix);
        }

        return isReal ? RealToken(start, number, 'D') : IntegerToken(start, number, 10);
    }

    private Token? IntegerToken(int start, string digits, int radix)
    {
        var suffix = ReadIntegerSuffix();
        var span = TextSpan.FromBounds(start, _pos);
        if (digits.Length == 0 || !TryParseInteger(digits, radix, out var value))
        {
            diagnostics.Add(span, $"invalid integer literal '{text.Substring(span.Start, span.Length)}'");
            return null;
        }

        object? typed = suffix switch
        {
            "" when value <= int.MaxValue => (int)value,
            "" when value <= uint.MaxValue => (uint)value,
            "" or "L" when value <= long.MaxValue => (long)value,
            "U" when value <= uint.MaxValue => (uint)value,
            "" or "U" or "L" or "UL" => value,
            _ => null,
        };

        return new Token(TokenKind.Integer, span, text.Substring(span.Start, span.Length), typed);
    }

    private string ReadIntegerSuffix()
    {
        var a = char.ToUpperInvariant(Peek(0));
        var b = char.ToUpperInvariant(Peek(1));
        if ((a == 'U' && b == 'L') || (a == 'L' && b == 'U'))
        {
            _pos += 2;
            return "UL";
        }

        if (a is 'U' or 'L')
        {
            _pos++;
            return a.ToString();
        }

        return string.Empty;
    }

    private Token? RealToken(int start, string number, char suffix)
    {
        var span = TextSpan.FromBounds(start, _pos);
        const NumberStyles Style = NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;
        object? value = suffix switch
        {
            'F' when float.TryParse(number, Style, CultureInfo.InvariantCulture, out var f) && float.IsFinite(f) => f,
            'M' when decimal.TryParse(number, Style, CultureInfo.InvariantCulture, out var m) => m,
            'D' when double.TryParse(number, Style, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) => d,
            _ => null,
        };
        if (value is null)
        {
            diagnostics.Add(span, $"invalid real literal '{text.Substring(span.Start, span.Length)}'");
            return null;
        }

        return new Token(TokenKind.Real, span, text.Substring(span.Start, span.Length), value);
    }

    private Token? ReadQuoted(char quote)
    {
        var start = _pos;
        _pos++;
        var value = new StringBuilder();
        var ok = true;
        while (true)
        {
            if (_pos >= text.Length || text[_pos] == '\n')
            {
                var what = quote == '"' ? "string" : "character";
                diagnostics.Add(new TextSpan(start, 1), $"unterminated {what} literal");
                return null;
            }

            var c = text[_pos];
            if (c == quote)
            {
                _pos++;
                break;
            }

            if (c == '\\')
            {
                ok &= ReadEscape(value);
                continue;
            }

            value.Append(c);
            _pos++;
        }

        var span = TextSpan.FromBounds(start, _pos);
        if (!ok)
        {
            return null;
        }

        var raw = text.Substring(span.Start, span.Length);

        // Dynamic LINQ reads a one-character single-quoted literal as a char and anything longer as a string.
        return quote == '\'' && value.Length == 1
            ? new Token(TokenKind.Char, span, raw, value[0])
            : new Token(TokenKind.String, span, raw, value.ToString());
    }

    private bool ReadEscape(StringBuilder value)
    {
        var start = _pos;
        var e = Peek(1);
        _pos += 2;
        char? simple = e switch
        {
            '"' => '"',
            '\'' => '\'',
            '\\' => '\\',
            '0' => '\0',
            'a' => '\a',
            'b' => '\b',
            'f' => '\f',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            'v' => '\v',
            _ => null,
        };
        if (simple is { } s)
        {
            value.Append(s);
            return true;
        }

        if (e is 'u' or 'x')
        {
            var digitsStart = _pos;
            var max = e == 'u' ? 4 : 4;
            while (_pos < text.Length && _pos - digitsStart < max && char.IsAsciiHexDigit(text[_pos]))
            {
                _pos++;
            }

            if ((e == 'u' && _pos - digitsStart == 4) || (e == 'x' && _pos > digitsStart))
            {
                value.Append((char)int.Parse(text.AsSpan(digitsStart, _pos - digitsStart), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
                return true;
            }
        }

        diagnostics.Add(TextSpan.FromBounds(start, Math.Min(_pos, text.Length)), $"invalid escape sequence '\\{e}'");
        return false;
    }
}
