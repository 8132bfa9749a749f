using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Compliance.Rules;

/// <summary>
/// Reads RulesEngine workflow JSON with System.Text.Json: one workflow object or an array of them, property names in any
/// casing, enums by name or number, comments and trailing commas tolerated, unknown properties (such as <c>$schema</c>) ignored.
/// <c>Properties</c> and action <c>Context</c> values come back as <see cref="JsonElement"/>s.
/// </summary>
public static class WorkflowJson
{
    /// <summary>The options used to read workflows.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Reads a document holding one workflow or an array of workflows; throws <see cref="RuleValidationException"/> if malformed.</summary>
    public static Workflow[] Parse(string json)
    {
        if (TryParse(json, out var workflows, out var error))
        {
            return workflows;
        }

        throw new RuleValidationException(error.ToString(), [error.ToString()]);
    }

    /// <summary>Reads a document holding one workflow or an array of workflows; a malformed document gives an error with JSON path and line.</summary>
    public static bool TryParse(string json, [NotNullWhen(true)] out Workflow[]? workflows, [NotNullWhen(false)] out WorkflowJsonError? error)
    {
        ArgumentNullException.ThrowIfNull(json);
        workflows = null;
        try
        {
            switch (FirstToken(json))
            {
                case JsonTokenType.StartArray:
                    var list = JsonSerializer.Deserialize<Workflow?[]>(json, Options)!;
                    var nullAt = Array.IndexOf(list, null);
                    if (nullAt >= 0)
                    {
                        error = new WorkflowJsonError("A workflow is null", $"$[{nullAt}]", null, null);
                        return false;
                    }

                    workflows = list!;
                    break;
                case JsonTokenType.StartObject:
                    workflows = [JsonSerializer.Deserialize<Workflow>(json, Options)!];
                    break;
                case var other:
                    error = new WorkflowJsonError($"Expected a workflow object or an array of workflows, found {other}", "$", 1, 1);
                    return false;
            }

            error = null;
            return true;
        }
        catch (JsonException ex)
        {
            error = ToError(ex);
            return false;
        }
    }

    private static JsonTokenType FirstToken(string json)
    {
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(json), new JsonReaderOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        });
        return reader.Read() ? reader.TokenType : JsonTokenType.None;
    }

    private static WorkflowJsonError ToError(JsonException ex)
    {
        // System.Text.Json appends "Path: ... | LineNumber: ..." to its messages; the record carries those separately.
        var message = ex.Message;
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (cut > 0)
        {
            message = message[..cut];
        }

        return ex.LineNumber is { } line
            ? new WorkflowJsonError(message, ex.Path, (int)line + 1, (int)(ex.BytePositionInLine ?? 0) + 1)
            : new WorkflowJsonError(message, ex.Path, null, null);
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNameCaseInsensitive = true,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
