using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Compliance.Api.Cases;
using Compliance.Api.RuleSets;
using Compliance.Rules;

namespace Compliance.Api.OfficerConsole;

/// <summary>One rule in a decision's explanation: whether it fired, why, and the facts it read with their values then.</summary>
internal sealed record ExplainedRule(string Rule, string? ReasonCode, string? Outcome, int Score, string? Message, bool Fired, IReadOnlyList<(string Name, string Value)> Inputs);

/// <summary>
/// Builds the readable tree of a stored decision: every rule of the rule set version that decided it,
/// the ones that fired first, each with the facts its expression reads (found by name in the
/// expression, valued from the facts recorded with the decision). No PII: facts hold none.
/// </summary>
internal sealed partial class DecisionExplanation(RuleSetStore ruleSets)
{
    public async Task<IReadOnlyList<ExplainedRule>> ExplainAsync(CaseDecision decision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var fired = decision.Reasons.ValueKind == JsonValueKind.Array
            ? decision.Reasons.EnumerateArray().ToDictionary(r => r.GetProperty("rule").GetString() ?? "", r => r, StringComparer.Ordinal)
            : [];
        var version = await ruleSets.VersionAsync(decision.RuleSet, decision.RuleSetVersion, cancellationToken);
        var rules = version is not null && WorkflowJson.TryParse(version.Workflow, out var workflows, out _)
            ? workflows.SelectMany(w => w.Rules ?? []).Where(r => r.Enabled).ToList()
            : [];

        var explained = rules.Select(rule =>
        {
            var inputs = Inputs(rule.Expression ?? "", decision.Facts);
            return fired.TryGetValue(rule.RuleName, out var reason)
                ? new ExplainedRule(rule.RuleName, Text(reason, "reasonCode"), Text(reason, "outcome"), reason.TryGetProperty("score", out var s) ? s.GetInt32() : 0,
                    Text(reason, "message"), true, inputs)
                : new ExplainedRule(rule.RuleName, null, null, 0, null, false, inputs);
        }).ToList();

        // Reasons with no rule left in the version (e.g. SCORE_THRESHOLD) still show.
        explained.AddRange(fired.Where(f => rules.All(r => r.RuleName != f.Key)).Select(f =>
            new ExplainedRule(f.Key, Text(f.Value, "reasonCode"), Text(f.Value, "outcome"), 0, Text(f.Value, "message"), true, [])));
        return [.. explained.OrderByDescending(e => e.Fired)];
    }

    private static List<(string, string)> Inputs(string expression, JsonElement facts) =>
        [.. MemberPattern().Matches(expression).Select(m => (Input: m.Groups[1].Value, Member: m.Groups[2].Value)).Distinct()
            .Select(m => ($"{m.Input}.{m.Member}", Value(facts, m.Input, m.Member)))];

    private static string Value(JsonElement facts, string input, string member)
    {
        if (facts.ValueKind != JsonValueKind.Object || !TryGet(facts, input, out var holder) || !TryGet(holder, member, out var value))
        {
            return "—";
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString() ?? "",
            JsonValueKind.Null => "null",
            JsonValueKind.Number => value.GetDecimal().ToString(CultureInfo.InvariantCulture),
            _ => value.GetRawText(),
        };
    }

    // Facts are stored camelCase; expressions name members in PascalCase.
    private static bool TryGet(JsonElement element, string name, out JsonElement value)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [GeneratedRegex(@"\b(transaction|customer|velocity|counterparty)\.([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex MemberPattern();
}
