namespace Compliance.Rules.Tests;

public class SmokeTests
{
    [Fact]
    public void Build_Works() => (1 + 1).Should().Be(2);
}
