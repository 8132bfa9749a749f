using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Compliance.Rules.Compat.Tests.Oracle;

/// <summary>
/// A value as comparable text, whatever engine produced it: numbers by value whatever their CLR type
/// (an int 3 and a decimal 3.0 are the same; a double 0.30000000000000004 and a decimal 0.3 are
/// not), dates as UTC, JSON values as the values they hold, objects (generated anonymous classes,
/// dictionaries, POCOs) as their members sorted by name, sequences as their elements.
/// </summary>
public static class ValueText
{
    public static string Of(object? value) => Append(new StringBuilder(), value, 0).ToString();

    private static StringBuilder Append(StringBuilder text, object? value, int depth)
    {
        if (depth > 6)
        {
            return text.Append('…');
        }

        switch (value)
        {
            case null:
                return text.Append("null");
            case string s:
                return text.Append('"').Append(s).Append('"');
            case char c:
                return text.Append('"').Append(c).Append('"');
            case bool b:
                return text.Append(b ? "true" : "false");
            case DateTime d:
                return text.Append("date:").Append(Date(d.Kind == DateTimeKind.Local ? d.ToUniversalTime() : d));
            case DateTimeOffset o:
                return text.Append("date:").Append(Date(o.UtcDateTime));
            case TimeSpan t:
                return text.Append("time:").Append(t.ToString("c", CultureInfo.InvariantCulture));
            case Enum e:
                return text.Append(e.ToString());
            case Guid g:
                return text.Append('"').Append(g.ToString()).Append('"');
            case JsonElement j:
                return Json(text, j, depth);
            case decimal m:
                return text.Append("num:").Append(Number(m));
            case double d:
                return text.Append("num:").Append(Number(d));
            case float f:
                return text.Append("num:").Append(Number(f));
            case byte or sbyte or short or ushort or int or uint or long or ulong:
                return text.Append("num:").Append(Convert.ToDecimal(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
            case IDictionary<string, object?> map:
                return Members(text, map.Select(kv => (kv.Key, kv.Value)), depth);
            case IDictionary dictionary:
                return Members(text, dictionary.Keys.Cast<object>().Select(k => (Convert.ToString(k, CultureInfo.InvariantCulture) ?? "", dictionary[k])), depth);
            case IEnumerable sequence:
                text.Append('[');
                var first = true;
                foreach (var element in sequence)
                {
                    text.Append(first ? "" : ",");
                    Append(text, element, depth + 1);
                    first = false;
                }

                return text.Append(']');
            default:
                var type = value.GetType();
                return type.IsPrimitive
                    ? text.Append(Convert.ToString(value, CultureInfo.InvariantCulture))
                    : Members(text, type.GetProperties().Where(p => p.GetIndexParameters().Length == 0).Select(p => (p.Name, p.GetValue(value))), depth);
        }
    }

    private static StringBuilder Members(StringBuilder text, IEnumerable<(string Name, object? Value)> members, int depth)
    {
        text.Append('{');
        var first = true;
        foreach (var (name, member) in members.OrderBy(m => m.Name, StringComparer.OrdinalIgnoreCase))
        {
            text.Append(first ? "" : ",").Append(name.ToLowerInvariant()).Append(':');
            Append(text, member, depth + 1);
            first = false;
        }

        return text.Append('}');
    }

    private static StringBuilder Json(StringBuilder text, JsonElement element, int depth) => element.ValueKind switch
    {
        JsonValueKind.Number => text.Append("num:").Append(element.TryGetDecimal(out var m) ? Number(m) : element.GetRawText()),
        JsonValueKind.String => text.Append('"').Append(element.GetString()).Append('"'),
        JsonValueKind.True => text.Append("true"),
        JsonValueKind.False => text.Append("false"),
        JsonValueKind.Null or JsonValueKind.Undefined => text.Append("null"),
        JsonValueKind.Array => Append(text, element.EnumerateArray().Select(e => (object)e).ToList(), depth),
        _ => Members(text, element.EnumerateObject().Select(p => (p.Name, (object?)p.Value)), depth),
    };

    private static string Number(decimal value)
    {
        var text = value.ToString(CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) ? text.TrimEnd('0').TrimEnd('.') : text;
    }

    private static string Number(double value) =>
        double.IsFinite(value) && decimal.TryParse(value.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture, out var m)
            ? Number(m)
            : value.ToString("R", CultureInfo.InvariantCulture);

    private static string Date(DateTime value) => value.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
}
