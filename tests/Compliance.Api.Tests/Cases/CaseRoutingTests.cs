using Compliance.Api.Cases;
using Compliance.Api.RuleSets;
using Microsoft.Extensions.Options;

namespace Compliance.Api.Tests.Cases;

/// <summary>Where a review's case goes: by reason code prefix or by the tags of the rules that asked for it.</summary>
public sealed class CaseRoutingTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 5, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TaggedRule_GoesToItsTagsInbox_UnlessACodeCallsForAMoreUrgentOne()
    {
        var routing = Routing(new CaseOptions());

        var aml = routing.Route(["STRUCTURING"], ["aml"], At)!;
        aml.Inbox.Should().Be("aml");
        aml.DueAt.Should().Be(At.AddHours(24));

        routing.Route(["STRUCTURING"], [], At)!.Inbox.Should().Be("review", "without the tag nothing routes it");
        routing.Route(["STRUCTURING"], ["AML"], At)!.Inbox.Should().Be("aml", "tags compare without case");

        var both = routing.Route(["SANCTIONS_POSSIBLE_MATCH", "STRUCTURING"], ["aml"], At)!;
        both.Inbox.Should().Be("sanctions", "priority 1 beats the aml route's 2");
        both.Priority.Should().Be(1);
        both.ReasonCodes.Should().Equal("SANCTIONS_POSSIBLE_MATCH", "STRUCTURING");
    }

    [Fact]
    public void EqualUrgency_TheShorterSlaThenTheRouteListedFirstWins()
    {
        var options = new CaseOptions
        {
            Routes =
            [
                new() { Tag = "fraud", Inbox = "fraud", Priority = 2, SlaHours = 12 },
                new() { ReasonCodePrefix = "VELOCITY_", Inbox = "velocity", Priority = 2, SlaHours = 12 },
                new() { Tag = "aml", Inbox = "aml", Priority = 2, SlaHours = 8 },
            ],
        };
        var routing = Routing(options);

        routing.Route(["VELOCITY_1H_COUNT"], ["fraud"], At)!.Inbox.Should().Be("fraud");
        routing.Route(["VELOCITY_1H_COUNT"], ["fraud", "aml"], At)!.Inbox.Should().Be("aml");
        routing.Route(["VELOCITY_1H_COUNT"], ["unrouted"], At)!.Inbox.Should().Be("velocity");
    }

    [Fact]
    public void CodesThatOpenNoCase_OpenNone_WhateverTheTags()
    {
        var routing = Routing(new CaseOptions { NoCaseFor = ["STRUCTURING"] });

        routing.Route(["STRUCTURING"], ["aml"], At).Should().BeNull();
    }

    [Theory]
    [InlineData("\"aml, Fraud\"", new[] { "aml", "fraud" })]
    [InlineData("[\"aml\", \"aml\"]", new[] { "aml" })]
    [InlineData("\"\"", new string[0])]
    public void RuleTags_ReadFromAStringOrAnArray_LowerCase(string tags, string[] expected)
    {
        var ruleSet = PublishedRuleSet.TryCreate("pre-transaction", 1, "h", Workflow(tags), new RuleSetSettings(), out var problems);

        problems.Should().BeEmpty();
        ruleSet!.TagsOf("Tagged").Should().Equal(expected);
        ruleSet.TagsOf("NoSuchRule").Should().BeEmpty();
    }

    [Theory]
    [InlineData("\"a b\"")]
    [InlineData("[1]")]
    [InlineData("{\"x\": 1}")]
    public void RuleTags_OfTheWrongShape_AreAProblemNamingTheRule(string tags)
    {
        PublishedRuleSet.TryCreate("pre-transaction", 1, "h", Workflow(tags), new RuleSetSettings(), out var problems).Should().BeNull();

        problems.Should().ContainSingle().Which.Should().Contain("rule Tagged: Properties.tags must be");
    }

    private static string Workflow(string tags) => $$"""
        {"WorkflowName": "pre-transaction", "Rules": [
          {"RuleName": "Tagged", "Properties": {"outcome": "review", "reasonCode": "T", "tags": {{tags}}}, "Expression": "transaction.Amount > 1"}]}
        """;

    private static CaseRouting Routing(CaseOptions options) => new(new FixedOptions(options));

    private sealed class FixedOptions(CaseOptions value) : IOptionsMonitor<CaseOptions>
    {
        public CaseOptions CurrentValue => value;

        public CaseOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<CaseOptions, string?> listener) => null;
    }
}
