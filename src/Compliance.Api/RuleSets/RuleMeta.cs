using System.Globalization;
using System.Text.Json;
using Compliance.Rules;

namespace Compliance.Api.RuleSets;

/// <summary>
/// What a rule's hit means, from its <c>Properties</c>: <c>outcome</c> (one of its rule set kind's
/// outcomes, e.g. <c>block</c> or <c>review</c>, or absent for a rule that only adds to the score),
/// <c>score</c>, a stable <c>reasonCode</c>, <c>onError</c>, what a rule that fails to evaluate counts as
/// (<c>review</c> by default), and <c>deadlineHours</c>, how long the step it asks for may take
/// (disputes: the evidence deadline or the case's SLA), and <c>tags</c>, names a case route can match
/// (<c>Cases:Routes</c> with <c>Tag</c>): a comma-separated string or an array of strings.
/// </summary>
internal sealed record RuleMeta(string RuleName, string? Outcome, int Score, string ReasonCode, string OnError, string? MessageTemplate, int? DeadlineHours = null)
{
    /// <summary>The rule's tags, lower case; empty when it has none.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The longest deadline a rule may set: 90 days.</summary>
    public const int MaxDeadlineHours = 24 * 90;

    /// <summary>Reads a rule's properties; problems are returned, not thrown, so validation can list them all.</summary>
    public static RuleMeta From(Rule rule, List<string> problems) => From(rule, RuleSetKind.PreTransaction, problems);

    /// <summary>Reads a rule's properties against the outcomes of <paramref name="kind"/>.</summary>
    public static RuleMeta From(Rule rule, RuleSetKind kind, List<string> problems)
    {
        var properties = rule.Properties ?? new Dictionary<string, object>();
        string? Text(string key)
        {
            var value = properties.FirstOrDefault(p => string.Equals(p.Key, key, StringComparison.OrdinalIgnoreCase)).Value;
            return value switch
            {
                null => null,
                JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
                JsonElement e => e.GetRawText(),
                _ => Convert.ToString(value, CultureInfo.InvariantCulture),
            };
        }

        var outcome = Text("outcome");
        if (outcome is not null && !kind.Outcomes.Contains(outcome))
        {
            problems.Add($"rule {rule.RuleName}: Properties.outcome must be {Either(kind.Outcomes)}, or absent for a score-only rule");
        }

        var score = 0;
        if (Text("score") is { } scoreText && !int.TryParse(scoreText, NumberStyles.Integer, CultureInfo.InvariantCulture, out score))
        {
            problems.Add($"rule {rule.RuleName}: Properties.score must be a whole number");
        }

        var reasonCode = Text("reasonCode");
        if (string.IsNullOrWhiteSpace(reasonCode))
        {
            problems.Add($"rule {rule.RuleName}: Properties.reasonCode is required (integrators branch on it)");
        }

        var onError = Text("onError") ?? "review";
        if (!kind.ErrorPolicies.Contains(onError))
        {
            problems.Add($"rule {rule.RuleName}: Properties.onError must be {Either(kind.ErrorPolicies)}");
        }

        int? deadline = null;
        if (Text("deadlineHours") is { } deadlineText)
        {
            if (int.TryParse(deadlineText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var hours) && hours is > 0 and <= MaxDeadlineHours)
            {
                deadline = hours;
            }
            else
            {
                problems.Add($"rule {rule.RuleName}: Properties.deadlineHours must be a whole number of hours from 1 to {MaxDeadlineHours}");
            }
        }

        var tags = ReadTags(properties.FirstOrDefault(p => string.Equals(p.Key, "tags", StringComparison.OrdinalIgnoreCase)).Value);
        if (tags is null || tags.Any(t => !IsTag(t)))
        {
            problems.Add($"rule {rule.RuleName}: Properties.tags must be a comma-separated string or an array of tags of 1 to 40 letters, digits, '-' or '_'");
        }

        return new RuleMeta(rule.RuleName, outcome, score, reasonCode ?? "", onError, rule.ErrorMessage, deadline) { Tags = tags ?? [] };
    }

    /// <summary>A tag as routes name it: 1 to 40 ASCII letters, digits, '-' or '_'.</summary>
    public static bool IsTag(string tag) => tag.Length is > 0 and <= 40 && tag.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    // Null when the value has the wrong shape; tags compare case-insensitively, so they are kept lower case.
    private static string[]? ReadTags(object? value)
    {
        static string[] Split(string? text) =>
            [.. (text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(t => t.ToLowerInvariant()).Distinct(StringComparer.Ordinal)];

        return value switch
        {
            null => [],
            string text => Split(text),
            JsonElement { ValueKind: JsonValueKind.String } e => Split(e.GetString()),
            JsonElement { ValueKind: JsonValueKind.Array } e when e.EnumerateArray().All(t => t.ValueKind == JsonValueKind.String) =>
                [.. e.EnumerateArray().Select(t => t.GetString()!.Trim().ToLowerInvariant()).Distinct(StringComparer.Ordinal)],
            IEnumerable<object> items when items.All(i => i is string) => [.. items.Cast<string>().Select(t => t.Trim().ToLowerInvariant()).Distinct(StringComparer.Ordinal)],
            _ => null,
        };
    }

    private static string Either(IEnumerable<string> values)
    {
        var list = values.ToList();
        return list.Count == 1 ? list[0] : string.Join(", ", list[..^1]) + " or " + list[^1];
    }
}
