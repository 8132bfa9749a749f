using Compliance.Rules;

namespace Compliance.Api.RuleSets;

/// <summary><c>rules test</c>: run every <c>X.tests.json</c> against its <c>X.json</c>.</summary>
internal static class RuleTesting
{
    public static async Task<int> RunAsync(string path, TextWriter output, CancellationToken cancellationToken)
    {
        var testFiles = RuleFiles.Tests(path);
        if (testFiles.Count == 0)
        {
            throw new RuleCommandException($"no *{RuleFiles.TestSuffix} files under {path}");
        }

        int cases = 0, failedCases = 0, assertions = 0;
        foreach (var testFile in testFiles)
        {
            var workflowFile = RuleFiles.WorkflowFor(testFile);
            if (!File.Exists(workflowFile))
            {
                await output.WriteLineAsync($"{testFile}: no workflow file {Path.GetFileName(workflowFile)} next to it");
                failedCases++;
                continue;
            }

            var workflowJson = await File.ReadAllTextAsync(workflowFile, cancellationToken);

            // Rule sets the service evaluates (checks, disputes) are tested on the same typed facts it passes them.
            var shape = WorkflowJson.TryParse(workflowJson, out var workflows, out _)
                ? workflows.Select(w => RuleSetKind.Find(w.WorkflowName)?.Shape).FirstOrDefault(s => s is not null)
                : null;
            var report = await RuleTestRunner.RunAsync(
                workflowJson, await File.ReadAllTextAsync(testFile, cancellationToken), null, RuleInputReader.ForTests(shape), cancellationToken);
            foreach (var error in report.Errors)
            {
                await output.WriteLineAsync($"{testFile}: {error}");
                failedCases++;
            }

            foreach (var testCase in report.Cases)
            {
                cases++;
                assertions += testCase.Assertions.Length;
                if (testCase.Error is not null)
                {
                    await output.WriteLineAsync($"{testFile}: {testCase.Name}: {testCase.Error}");
                }

                foreach (var failed in testCase.Assertions.Where(a => !a.Passed))
                {
                    await output.WriteLineAsync($"{testFile}: {testCase.Name}: {failed.RuleName}: {failed.Message}");
                }

                failedCases += testCase.Passed ? 0 : 1;
            }
        }

        await output.WriteLineAsync(failedCases == 0
            ? $"OK: {cases} case(s), {assertions} expectation(s) passed in {testFiles.Count} file(s)"
            : $"FAILED: {failedCases} of {cases} case(s) failed");
        return failedCases == 0 ? 0 : 1;
    }
}
