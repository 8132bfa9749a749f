using Compliance.Api.Customers;

namespace Compliance.Api.Tests.Customers;

public sealed class PiiMaskingTests
{
    [Theory]
    [InlineData("John Doe", "J*** D**")]
    [InlineData("Anna  Maria   Schmidt", "A*** M**** S******")]
    [InlineData("X", "X")]
    public void Name_KeepsEachWordsFirstLetter(string name, string masked) => PiiMasking.Name(name).Should().Be(masked);

    [Theory]
    [InlineData("AB-123-4321", "****4321")]
    [InlineData("+49 170 1234321", "****4321")]
    [InlineData("123456", "****")]
    public void LastFour_ShowsOnlyTheLastFourOfLongValues(string value, string masked) => PiiMasking.LastFour(value).Should().Be(masked);

    [Theory]
    [InlineData("john.doe@example.com", "j***@example.com")]
    [InlineData("x@y.io", "x***@y.io")]
    public void Email_HidesTheLocalPart(string email, string masked) => PiiMasking.Email(email).Should().Be(masked);

    [Fact]
    public void Mask_HidesEveryFieldAndKeepsAbsentOnesAbsent()
    {
        var pii = new CustomerPii("Jane Roe", "1985-04-12", "DE-991-234-5678", "C01X00T47", "jane@example.org", "+4915112345678", "1 Main St", "DE");

        var masked = PiiMasking.Mask(pii);

        masked.Should().Be(new CustomerPii("J*** R**", "****-**-**", "****5678", "****0T47", "j***@example.org", "****5678", "***", "**"));
        PiiMasking.Mask(new CustomerPii("Jane Roe", null, null, null, null, null, null, null)).Email.Should().BeNull();
    }
}
