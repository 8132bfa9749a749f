using System.Text;
using Compliance.Api.OfficerConsole;

namespace Compliance.Api.Tests.OfficerConsole;

/// <summary>RFC 6238's own test vectors (SHA-1, last six digits), and the acceptance window.</summary>
public sealed class TotpTests
{
    private static readonly byte[] Secret = Encoding.ASCII.GetBytes("12345678901234567890");

    [Theory]
    [InlineData(59L, "287082")]
    [InlineData(1111111109L, "081804")]
    [InlineData(1111111111L, "050471")]
    [InlineData(1234567890L, "005924")]
    [InlineData(2000000000L, "279037")]
    public void Code_MatchesTheRfcVectors(long unixSeconds, string expected) =>
        Totp.Code(Secret, Totp.StepAt(DateTimeOffset.FromUnixTimeSeconds(unixSeconds))).Should().Be(expected);

    [Fact]
    public void Match_AcceptsOneStepOfDrift_NeverAUsedStep_NorMalformedCodes()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1234567890);
        var step = Totp.StepAt(now);

        Totp.Match(Secret, Totp.Code(Secret, step - 1), now, null).Should().Be(step - 1);
        Totp.Match(Secret, Totp.Code(Secret, step + 1), now, null).Should().Be(step + 1);
        Totp.Match(Secret, Totp.Code(Secret, step - 2), now, null).Should().BeNull();
        Totp.Match(Secret, Totp.Code(Secret, step), now, lastStep: step).Should().BeNull("a code is accepted once");
        Totp.Match(Secret, "12345", now, null).Should().BeNull();
        Totp.Match(Secret, "abcdef", now, null).Should().BeNull();
        Totp.Base32(Secret).Should().Be("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    }
}
