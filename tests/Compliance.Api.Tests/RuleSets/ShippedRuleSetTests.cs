using Compliance.Api.RuleSets;

namespace Compliance.Api.Tests.RuleSets;

/// <summary>The rule files in the repository's rules/ directory validate and pass their test cases.</summary>
public sealed class ShippedRuleSetTests
{
    private static readonly string RulesDirectory = Path.Combine(RepositoryRoot(), "rules");

    [Fact]
    public void Validate_ShippedRuleSets_HaveNoProblems()
    {
        using var output = new StringWriter();

        var exitCode = RuleValidation.Run(RulesDirectory, output);

        exitCode.Should().Be(0, output.ToString());
        output.ToString().Should().StartWith("OK:");
    }

    [Fact]
    public async Task Test_ShippedRuleSets_PassEveryCase()
    {
        using var output = new StringWriter();

        var exitCode = await RuleTesting.RunAsync(RulesDirectory, output, CancellationToken.None);

        exitCode.Should().Be(0, output.ToString());
        output.ToString().Should().MatchRegex(@"^OK: \d+ case\(s\)");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Compliance.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Compliance.sln not found above " + AppContext.BaseDirectory);
    }
}
