using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Compliance.Api.Checks;
using Compliance.Rules;

namespace Compliance.Api.RuleSets;

/// <summary>
/// <c>rules validate|eval|test</c>: work on rule files like code, without a database. Exit code 0
/// when everything holds, 1 when a rule or test is wrong, 2 when the command itself is misused.
/// <c>rules export</c> reads the database and writes the published versions back to files.
/// </summary>
internal static class RulesCommand
{
    public static Command Create()
    {
        var rules = new Command("rules", "Validate, evaluate and test rule set files (RulesEngine workflow JSON).");
        rules.Subcommands.Add(ValidateCommand());
        rules.Subcommands.Add(EvalCommand());
        rules.Subcommands.Add(TestCommand());
        rules.Subcommands.Add(ExportCommand());
        return rules;
    }

    private static Command ValidateCommand()
    {
        var path = new Argument<string>("path") { Description = "A workflow file or a directory of them." };
        var command = new Command("validate", "Report every problem in the rule files, with rule paths and line:column, without executing them.") { path };
        command.SetAction(result => Run(() => RuleValidation.Run(result.GetRequiredValue(path), Console.Out)));
        return command;
    }

    private static Command EvalCommand()
    {
        var file = new Argument<string>("workflow-file") { Description = "The workflow file." };
        var workflow = new Option<string?>("--workflow") { Description = "The workflow to run (required when the file holds several)." };
        var inputs = new Option<string[]>("--input")
        {
            Description = "An input as name=file.json (repeatable). Inputs of the check rule set are read as its typed facts.",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("eval", "Run a workflow on JSON inputs and print the result tree as JSON.") { file, workflow, inputs };
        command.SetAction((result, cancellationToken) => RunAsync(() => RuleEvaluation.RunAsync(
            result.GetRequiredValue(file), result.GetValue(workflow), result.GetValue(inputs) ?? [], Console.Out, cancellationToken)));
        return command;
    }

    private static Command TestCommand()
    {
        var path = new Argument<string>("path") { Description = "A directory with workflow files and their X.tests.json files." };
        var command = new Command("test", "Run the rule test cases stored next to the rule sets.") { path };
        command.SetAction((result, cancellationToken) => RunAsync(() => RuleTesting.RunAsync(result.GetRequiredValue(path), Console.Out, cancellationToken)));
        return command;
    }

    private static Command ExportCommand()
    {
        var directory = new Argument<string>("dir") { Description = "Where to write: one folder per rule set, as the seed reads them.", DefaultValueFactory = _ => "rules" };
        var command = new Command("export", "Write each rule set's published version (workflow, settings.json, tests) to files for review in git.")
        {
            directory,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((result, cancellationToken) => RunAsync(() => Hosting.DatabaseCommand.RunAsync([.. result.UnmatchedTokens], (services, token) =>
            RuleExport.RunAsync(ActivatorUtilities.CreateInstance<RuleSetStore>(services), result.GetRequiredValue(directory), Console.Out, token), cancellationToken)));
        return command;
    }

    private static int Run(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or RuleCommandException)
        {
            Console.Error.WriteLine($"compliance: {e.Message}");
            return 2;
        }
    }

    private static async Task<int> RunAsync(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or RuleCommandException)
        {
            await Console.Error.WriteLineAsync($"compliance: {e.Message}");
            return 2;
        }
    }
}
