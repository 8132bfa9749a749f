using System.Collections.Concurrent;
using System.Reflection;
using System.Text;
using Microsoft.Extensions.Compliance.Classification;

namespace Compliance.Api;

/// <summary>
/// <c>ToString</c> for types that carry classified data. A record's generated <c>ToString</c> prints
/// every property, so one interpolated into a log message or an exception would leak what it holds;
/// types with classified members override it with <see cref="Describe"/>, which prints the same
/// shape with every classified value replaced by <c>[redacted]</c>.
/// </summary>
internal static class Classified
{
    private static readonly ConcurrentDictionary<Type, (PropertyInfo Property, bool Classified)[]> Shapes = new();

    public static string Describe(object value)
    {
        var type = value.GetType();
        var text = new StringBuilder(type.Name).Append(" { ");
        var first = true;
        foreach (var (property, classified) in Shapes.GetOrAdd(type, Shape))
        {
            text.Append(first ? "" : ", ").Append(property.Name).Append(" = ");
            first = false;
            if (classified)
            {
                text.Append(RedactedMarker.Text);
            }
            else
            {
                text.Append(property.GetValue(value));
            }
        }

        return text.Append(" }").ToString();
    }

    /// <summary>Whether <paramref name="property"/> (or the constructor parameter it came from) carries a data class.</summary>
    public static bool IsClassified(PropertyInfo property) =>
        property.GetCustomAttributes<DataClassificationAttribute>(inherit: true).Any();

    private static (PropertyInfo, bool)[] Shape(Type type) =>
        [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
            .Select(p => (p, IsClassified(p)))];
}
