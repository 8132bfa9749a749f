using System.Globalization;
using System.Text.Json;
using Compliance.Rules;

namespace Compliance.Api.RuleSets;

/// <summary>
/// What a rule's hit means, from its <c>Properties</c>: <c>outcome</c> (<c>block</c>, <c>review</c>, or
/// absent for a rule that only adds to the score), <c>score</c>, a stable <c>reasonCode</c>, and
/// <c>onError</c>, what a rule that fails to evaluate counts as (<c>review</c> by default, <c>block</c>
/// or <c>ignore</c>).
/// </summary>
internal sealed record RuleMeta(string RuleName, string? Outcome, int Score, string ReasonCode, string OnError, string? MessageTemplate)
{
    public static readonly IReadOnlySet<string> Outcomes = new HashSet<string>(StringComparer.Ordinal) { "block", "review" };

    public static readonly IReadOnlySet<string> ErrorPolicies = new HashSet<string>(StringComparer.Ordinal) { "block", "review", "ignore" };

    /// <summary>Reads a rule's properties; problems are returned, not thrown, so validation can list them all.</summary>
    public static RuleMeta From(Rule rule, List<string> problems)
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
        if (outcome is not null && !Outcomes.Contains(outcome))
        {
            problems.Add($"rule {rule.RuleName}: Properties.outcome must be block or review, or absent for a score-only rule");
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
        if (!ErrorPolicies.Contains(onError))
        {
            problems.Add($"rule {rule.RuleName}: Properties.onError must be review, block or ignore");
        }

        return new RuleMeta(rule.RuleName, outcome, score, reasonCode ?? "", onError, rule.ErrorMessage);
    }
}
