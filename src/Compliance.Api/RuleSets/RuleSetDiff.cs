using System.Text.Json.Nodes;

namespace Compliance.Api.RuleSets;

/// <summary>
/// The difference between two versions, rule by rule: rules added, removed and changed (with each
/// changed field's old and new JSON), the same for global params by name, and settings by key.
/// Compares the JSON documents, so it works for any version that parses.
/// </summary>
internal static class RuleSetDiff
{
    // Values are shown to officers as they wrote them ("x > 1", not "x \u003E 1"); the answer is JSON, never HTML.
    private static readonly System.Text.Json.JsonSerializerOptions Display = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static RuleSetDiffResult Compare(RuleSetVersionRow from, RuleSetVersionRow to)
    {
        var before = Parse(from.Workflow);
        var after = Parse(to.Workflow);
        return new RuleSetDiffResult(from.RuleSet, from.Version, to.Version, from.ContentHash == to.ContentHash,
            Items(before?["Rules"], after?["Rules"], "RuleName"),
            Items(before?["GlobalParams"], after?["GlobalParams"], "Name"),
            Fields(Parse(from.Settings) as JsonObject, Parse(to.Settings) as JsonObject),
            from.Tests == to.Tests);
    }

    private static List<ItemChange> Items(JsonNode? before, JsonNode? after, string key)
    {
        var old = ByName(before, key);
        var @new = ByName(after, key);
        var changes = new List<ItemChange>();
        foreach (var (name, node) in old)
        {
            if (!@new.TryGetValue(name, out var newNode))
            {
                changes.Add(new ItemChange(name, "removed", []));
            }
            else if (!JsonNode.DeepEquals(node, newNode))
            {
                changes.Add(new ItemChange(name, "changed", Fields(node as JsonObject, newNode as JsonObject)));
            }
        }

        changes.AddRange(@new.Keys.Where(n => !old.ContainsKey(n)).Select(n => new ItemChange(n, "added", [])));
        return changes;
    }

    private static List<FieldChange> Fields(JsonObject? before, JsonObject? after)
    {
        var names = (before?.Select(p => p.Key) ?? []).Union(after?.Select(p => p.Key) ?? [], StringComparer.Ordinal);
        return [.. names
            .Where(n => !JsonNode.DeepEquals(before?[n], after?[n]))
            .Select(n => new FieldChange(n, before?[n]?.ToJsonString(Display), after?[n]?.ToJsonString(Display)))];
    }

    private static Dictionary<string, JsonNode> ByName(JsonNode? array, string key)
    {
        var items = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (var item in array as JsonArray ?? [])
        {
            if (item?[key]?.GetValue<string>() is { } name)
            {
                items[name] = item;
            }
        }

        return items;
    }

    private static JsonNode? Parse(string json)
    {
        try
        {
            return JsonNode.Parse(json, documentOptions: new System.Text.Json.JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = System.Text.Json.JsonCommentHandling.Skip });
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
