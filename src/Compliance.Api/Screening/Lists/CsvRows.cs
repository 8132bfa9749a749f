using System.Text;

namespace Compliance.Api.Screening.Lists;

/// <summary>
/// RFC 4180 rows (quoted fields, doubled quotes, line breaks inside quotes) with the line each row
/// starts on, so a bad row is named by its line. Lenient about a lone quote inside an unquoted field,
/// as the official files have them; strict about an unterminated quoted field.
/// </summary>
internal static class CsvRows
{
    public static IEnumerable<(int Line, string[] Fields)> Read(TextReader reader, string file)
    {
        var line = 1;
        var fields = new List<string>();
        var field = new StringBuilder();
        var rowLine = 1;
        var quoted = false;
        var fieldStarted = false;
        int c;
        while ((c = reader.Read()) != -1)
        {
            var ch = (char)c;
            if (quoted)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    if (ch == '\n')
                    {
                        line++;
                    }

                    field.Append(ch);
                }

                continue;
            }

            switch (ch)
            {
                case '"' when field.Length == 0 && !fieldStarted:
                    quoted = true;
                    fieldStarted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    fieldStarted = false;
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    fieldStarted = false;
                    if (fields.Count > 1 || fields[0].Length > 0)
                    {
                        yield return (rowLine, [.. fields]);
                    }

                    fields.Clear();
                    line++;
                    rowLine = line;
                    break;
                default:
                    field.Append(ch);
                    fieldStarted = true;
                    break;
            }
        }

        if (quoted)
        {
            throw new ListFormatException($"{file} line {rowLine}", "a quoted field is not closed before the end of the file");
        }

        if (fields.Count > 0 || field.Length > 0)
        {
            fields.Add(field.ToString());
            yield return (rowLine, [.. fields]);
        }
    }

    /// <summary>
    /// UTF-8 (with or without BOM); a file that is not valid UTF-8 is read as Latin-1, the encoding
    /// the older delimited list files were published in.
    /// </summary>
    public static TextReader Text(ReadOnlyMemory<byte> content)
    {
        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(content.Span);
        }
        catch (DecoderFallbackException)
        {
            text = Encoding.Latin1.GetString(content.Span);
        }

        return new StringReader(text.TrimStart('\uFEFF'));
    }
}
