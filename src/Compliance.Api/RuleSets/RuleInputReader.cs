using System.Text.Json;
using Compliance.Rules;

namespace Compliance.Api.RuleSets;

/// <summary>
/// Turns a JSON input into what rules receive: the typed facts when the workflow's input shape
/// names a type for it (the same objects the check API passes), otherwise RulesEngine's dynamic
/// conversion.
/// </summary>
internal static class RuleInputReader
{
    private static readonly JsonSerializerOptions Facts = new(JsonSerializerDefaults.Web) { AllowTrailingCommas = true, ReadCommentHandling = JsonCommentHandling.Skip };

    /// <summary>A reader for <see cref="RuleTestRunner"/>: typed facts for names in <paramref name="shape"/>, otherwise null (the runner's own conversion).</summary>
    public static Func<string, JsonElement, object?>? ForTests(IReadOnlyList<RuleParameter>? shape) => shape is null
        ? null
        : (name, json) => shape.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)) is { } parameter
            ? json.Deserialize(parameter.Type, Facts)
            : null;

    public static object? Read(string name, string json, IReadOnlyList<RuleParameter>? shape)
    {
        var type = shape?.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))?.Type;
        try
        {
            return type is null ? RuleInputs.FromJson(json) : JsonSerializer.Deserialize(json, type, Facts);
        }
        catch (JsonException e)
        {
            throw new RuleCommandException($"input {name}: {e.Message}");
        }
    }
}
