using Compliance.Api.RuleSets;

namespace Compliance.Api.Tests.RuleSets;

public sealed class RuleSetDiffTests
{
    private const string Before = """
        { "WorkflowName": "w", "GlobalParams": [ { "Name": "limit", "Expression": "1000" } ],
          "Rules": [ { "RuleName": "A", "Expression": "x > 1" }, { "RuleName": "B", "Expression": "y" } ] }
        """;

    private const string After = """
        { "WorkflowName": "w", "GlobalParams": [ { "Name": "limit", "Expression": "2000" } ],
          "Rules": [ { "RuleName": "A", "Expression": "x > 2", "Enabled": true }, { "RuleName": "C", "Expression": "z" } ] }
        """;

    [Fact]
    public void Compare_ChangedAddedRemovedRules_ListsEachWithItsFields()
    {
        var diff = RuleSetDiff.Compare(Row(1, Before, """{"scoreThreshold":50}"""), Row(2, After, """{"scoreThreshold":40}"""));

        diff.SameContent.Should().BeFalse();
        diff.Rules.Select(r => (r.Name, r.Change)).Should().Equal(("A", "changed"), ("B", "removed"), ("C", "added"));
        diff.Rules[0].Fields.Should().Equal(new FieldChange("Expression", "\"x > 1\"", "\"x > 2\""), new FieldChange("Enabled", null, "true"));
        diff.GlobalParams.Single().Fields.Single().Should().Be(new FieldChange("Expression", "\"1000\"", "\"2000\""));
        diff.Settings.Single().Should().Be(new FieldChange("scoreThreshold", "50", "40"));
    }

    [Fact]
    public void Compare_SameVersion_HasNoChanges()
    {
        var diff = RuleSetDiff.Compare(Row(1, Before, "{}"), Row(1, Before, "{}"));

        diff.SameContent.Should().BeTrue();
        diff.Rules.Should().BeEmpty();
        diff.GlobalParams.Should().BeEmpty();
        diff.Settings.Should().BeEmpty();
    }

    private static RuleSetVersionRow Row(int version, string workflow, string settings) => new()
    {
        RuleSet = "w",
        Version = version,
        Workflow = workflow,
        Settings = settings,
        ContentHash = RuleSetStore.ContentHash(workflow, settings, null),
    };
}
