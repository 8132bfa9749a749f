using System.Text.Json;
using Compliance.Api.RuleSets;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Compliance.Api.OfficerConsole.Pages.RuleSets;

/// <summary>Two versions side by side, rule by rule: what a reviewer reads before approving.</summary>
[Authorize(Policy = ConsoleRuleSets.ReadPolicy)]
internal sealed class DiffModel(RuleSetStore store) : PageModel
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public RuleSetDiffResult Diff { get; private set; } = null!;

    /// <summary>Each rule and global param of the two versions as JSON, by name: what an added or removed item is.</summary>
    public IReadOnlyDictionary<string, string> FromItems { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> ToItems { get; private set; } = new Dictionary<string, string>();

    public async Task<IActionResult> OnGetAsync(string name, int? from, int? to, CancellationToken cancellationToken)
    {
        if (from is null || to is null || await store.VersionAsync(name, from.Value, cancellationToken) is not { } a
            || await store.VersionAsync(name, to.Value, cancellationToken) is not { } b)
        {
            return NotFound();
        }

        Diff = RuleSetDiff.Compare(a, b);
        FromItems = Items(a.Workflow);
        ToItems = Items(b.Workflow);
        return Page();
    }

    private static Dictionary<string, string> Items(string workflow)
    {
        var items = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            using var document = JsonDocument.Parse(workflow, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            foreach (var (list, key) in new[] { ("Rules", "RuleName"), ("GlobalParams", "Name") })
            {
                if (document.RootElement.TryGetProperty(list, out var array) && array.ValueKind == JsonValueKind.Array)
                {
                    foreach (var item in array.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object && i.TryGetProperty(key, out _)))
                    {
                        items.TryAdd(item.GetProperty(key).GetString() ?? "", JsonSerializer.Serialize(item, Indented));
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Stored versions are valid JSON; a broken draft shows no item text.
        }

        return items;
    }
}
