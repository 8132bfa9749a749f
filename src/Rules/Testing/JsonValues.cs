using System.Text.Json;

namespace Compliance.Rules;

/// <summary>Compares an action's output with an expected JSON value (numbers by value, objects by members).</summary>
internal static class JsonValues
{
    public static bool Equal(JsonElement expected, object? actual)
    {
        JsonElement actualJson;
        try
        {
            actualJson = actual is JsonElement element ? element : JsonSerializer.SerializeToElement(actual);
        }
        catch (Exception ex) when (ex is NotSupportedException or JsonException or InvalidOperationException)
        {
            return false;
        }

        return Equal(expected, actualJson);
    }

    public static string Show(object? value)
    {
        try
        {
            return JsonSerializer.Serialize(value);
        }
        catch (Exception ex) when (ex is NotSupportedException or JsonException or InvalidOperationException)
        {
            return value?.ToString() ?? "null";
        }
    }

    private static bool Equal(JsonElement a, JsonElement b)
    {
        if (a.ValueKind == JsonValueKind.Number && b.ValueKind == JsonValueKind.Number)
        {
            return a.TryGetDecimal(out var x) && b.TryGetDecimal(out var y) ? x == y : a.GetDouble().Equals(b.GetDouble());
        }

        if (a.ValueKind != b.ValueKind)
        {
            return false;
        }

        switch (a.ValueKind)
        {
            case JsonValueKind.Object:
                var members = b.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
                var count = 0;
                foreach (var property in a.EnumerateObject())
                {
                    count++;
                    if (!members.TryGetValue(property.Name, out var other) || !Equal(property.Value, other))
                    {
                        return false;
                    }
                }

                return count == members.Count;
            case JsonValueKind.Array:
                return a.GetArrayLength() == b.GetArrayLength() && a.EnumerateArray().Zip(b.EnumerateArray()).All(p => Equal(p.First, p.Second));
            case JsonValueKind.String:
                return a.GetString() == b.GetString();
            default:
                return true;
        }
    }
}
