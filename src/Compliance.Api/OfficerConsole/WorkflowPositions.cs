using System.Text;
using System.Text.Json;
using Compliance.Api.RuleSets;

namespace Compliance.Api.OfficerConsole;

/// <summary>A diagnostic as the editor shows it: where in the document the officer is typing (1-based line and column).</summary>
internal sealed record EditorDiagnostic(string Field, int? Line, int? Column, string Where, string Message);

/// <summary>
/// Maps diagnostics to positions in the workflow document the officer edits. Validation reports an
/// expression error at its line:column inside the expression and names the rule and field; here the
/// rule's field is found in the document (by RuleName, in any order of properties) and the position is
/// shifted to where the expression text starts, so the editor can point at the document line.
/// </summary>
internal static class WorkflowPositions
{
    public static IReadOnlyList<EditorDiagnostic> Map(string workflowJson, IEnumerable<RuleSetDiagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        var fields = Fields(workflowJson);
        return [.. diagnostics.Select(d =>
        {
            var where = d.RulePath is null ? d.Location ?? d.JsonPath ?? d.Field : $"rule {d.RulePath}" + (d.Location is null ? "" : $", {d.Location}");
            if (d.Field != "workflow" || d.RulePath is null)
            {
                // JSON errors already carry document positions.
                return new EditorDiagnostic(d.Field, d.Line, d.Column, where, d.Message);
            }

            var rule = d.RulePath.Split('/')[^1];
            var field = d.Location ?? "RuleName";
            if (!fields.TryGetValue((rule, field), out var start) && !fields.TryGetValue((rule, "RuleName"), out start))
            {
                return new EditorDiagnostic(d.Field, null, null, where, d.Message);
            }

            // Inside a string value: the opening quote is at start; the text begins one column later.
            var line = start.Line + ((d.Line ?? 1) - 1);
            var column = d.Line is null or 1 ? start.Column + (d.Column ?? 1) : d.Column;
            return new EditorDiagnostic(d.Field, line, column, where, d.Message);
        })];
    }

    // Every string property of every rule object (at any depth), by (RuleName, property): where its value starts.
    private static Dictionary<(string Rule, string Field), (int Line, int Column)> Fields(string json)
    {
        var found = new Dictionary<(string, string), (int, int)>();
        var bytes = Encoding.UTF8.GetBytes(json);
        var lineStarts = new List<int> { 0 };
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                lineStarts.Add(i + 1);
            }
        }

        (int, int) Position(long offset)
        {
            var index = lineStarts.BinarySearch((int)offset);
            var line = index >= 0 ? index : ~index - 1;
            var column = Encoding.UTF8.GetCharCount(bytes.AsSpan(lineStarts[line], (int)offset - lineStarts[line])) + 1;
            return (line + 1, column);
        }

        var objects = new Stack<(string? RuleName, Dictionary<string, (int, int)> Values)>();
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        string? property = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        objects.Push((null, new Dictionary<string, (int, int)>(StringComparer.Ordinal)));
                        property = null;
                        break;
                    case JsonTokenType.EndObject:
                        var done = objects.Pop();
                        if (done.RuleName is { } name)
                        {
                            foreach (var (field, position) in done.Values)
                            {
                                found.TryAdd((name, field), position);
                            }
                        }

                        break;
                    case JsonTokenType.PropertyName:
                        property = reader.GetString();
                        break;
                    case JsonTokenType.String when property is not null && objects.Count > 0:
                        var top = objects.Pop();
                        top.Values[property] = Position(reader.TokenStartIndex);
                        objects.Push(property == "RuleName" ? (reader.GetString(), top.Values) : top);
                        property = null;
                        break;
                    default:
                        property = null;
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // A document that does not parse has its JSON diagnostic already; rule positions stay unknown.
        }

        return found;
    }
}
