using Compliance.Api.Kyc.Callbacks.Verifiers;

namespace Compliance.Api.Tests.Kyc.Callbacks.Verifiers;

public sealed class SignatureHelpersTests
{
    [Theory]
    [InlineData("00ff", new byte[] { 0x00, 0xff })]
    [InlineData("00FF", new byte[] { 0x00, 0xff })]
    [InlineData("aBcD", new byte[] { 0xab, 0xcd })]
    public void TryDecodeHex_EitherCase_Decodes(string text, byte[] expected)
    {
        SignatureEncoding.TryDecodeHex(text, out var bytes).Should().BeTrue();
        bytes.Should().Equal(expected);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("0g")]
    [InlineData(" 00")]
    [InlineData("0x00")]
    public void TryDecodeHex_NotHex_IsFalse(string text) => SignatureEncoding.TryDecodeHex(text, out _).Should().BeFalse();

    [Theory]
    [InlineData("")]
    [InlineData("!!!!")]
    [InlineData("AAA")]
    [InlineData("====")]
    public void TryDecodeBase64_NotBase64_IsFalse(string text) => SignatureEncoding.TryDecodeBase64(text, out _).Should().BeFalse();

    [Theory]
    [InlineData("1700000000", true)]
    [InlineData("0", true)]
    [InlineData("+1700000000", false)]
    [InlineData("-1", false)]
    [InlineData("1.5", false)]
    [InlineData(" 1", false)]
    [InlineData("1e9", false)]
    [InlineData("9999999999999999999", false)]
    [InlineData("", false)]
    public void TryParseTimestamp_DigitsOnly(string text, bool expected) =>
        SignatureTimestamp.TryParse(text, out _).Should().Be(expected);

    [Theory]
    [InlineData(-300, true)]
    [InlineData(300, true)]
    [InlineData(-301, false)]
    [InlineData(301, false)]
    public void IsFresh_WindowIsSymmetricAndInclusive(long offset, bool expected)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

        SignatureTimestamp.IsFresh(1_700_000_000 + offset, now, TimeSpan.FromMinutes(5)).Should().Be(expected);
    }

    [Fact]
    public void IsFresh_ExtremeValues_DoNotOverflow()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

        SignatureTimestamp.IsFresh(long.MaxValue, now, TimeSpan.MaxValue).Should().BeFalse();
        SignatureTimestamp.IsFresh(long.MinValue, now, TimeSpan.MaxValue).Should().BeFalse();
        SignatureTimestamp.IsFresh(1_700_000_000, now, TimeSpan.MinValue).Should().BeTrue();
    }
}
