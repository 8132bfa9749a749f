using Compliance.Rules;

namespace Compliance.Api.RuleSets;

/// <summary>
/// <c>rules validate</c>: every problem of every workflow file, at once. Workflows the service
/// evaluates (checks, disputes) are bound against their typed facts, so a misspelt member is an error here rather than a
/// surprise in production; other workflows are checked for structure and syntax.
/// </summary>
internal static class RuleValidation
{
    public static int Run(string path, TextWriter output)
    {
        var files = RuleFiles.Workflows(path);
        if (files.Count == 0)
        {
            throw new RuleCommandException($"no workflow files under {path}");
        }

        var engine = new RulesEngine(new ReSettings());
        var problems = 0;
        var workflows = 0;
        foreach (var file in files)
        {
            foreach (var line in Problems(engine, file, ref workflows))
            {
                output.WriteLine($"{file}: {line}");
                problems++;
            }
        }

        output.WriteLine(problems == 0
            ? $"OK: {workflows} workflow(s) in {files.Count} file(s) valid"
            : $"{problems} problem(s) in {files.Count} file(s)");
        return problems == 0 ? 0 : 1;
    }

    private static IEnumerable<string> Problems(RulesEngine engine, string file, ref int workflows)
    {
        if (!WorkflowJson.TryParse(File.ReadAllText(file), out var parsed, out var error))
        {
            return [error.ToString()];
        }

        workflows += parsed.Length;
        return parsed.SelectMany(workflow => RuleSetKind.Find(workflow.WorkflowName)?.Shape is { } shape
                ? engine.Validate(workflow, shape)
                : engine.Validate(workflow))
            .Select(p => p.ToString())
            .ToList();
    }
}
