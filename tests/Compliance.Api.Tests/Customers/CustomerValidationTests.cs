using Compliance.Api.Customers;

namespace Compliance.Api.Tests.Customers;

public sealed class CustomerValidationTests
{
    private static readonly DateOnly Today = new(2026, 11, 21);

    private static readonly CreateCustomerRequest Valid = new(
        "cust-1", "Jane Roe", "1985-04-12", "DE-991-234-5678", "C01X00T47", "jane@example.org", "+49 151 1234 5678", "1 Main St, Berlin",
        "DE", "DE", "low", false, "retail");

    [Fact]
    public void Validate_CompleteRequest_HasNoErrors() => CustomerValidation.Validate(Valid, Today).Should().BeEmpty();

    [Fact]
    public void Validate_OnlyRequiredFields_HasNoErrors() =>
        CustomerValidation.Validate(new CreateCustomerRequest(null, "Jane", null, null, null, null, null, null, null, "FR", null, null, null), Today)
            .Should().BeEmpty();

    [Theory]
    [InlineData("id", "has spaces")]
    [InlineData("fullName", "")]
    [InlineData("dateOfBirth", "12/04/1985")]
    [InlineData("dateOfBirth", "2026-11-22")]
    [InlineData("dateOfBirth", "1899-12-31")]
    [InlineData("dateOfBirth", "1985-02-30")]
    [InlineData("email", "not-an-email")]
    [InlineData("phone", "call me")]
    [InlineData("nationality", "Germany")]
    [InlineData("country", "XX")]
    [InlineData("riskRating", "extreme")]
    [InlineData("segment", "Retail Banking")]
    [InlineData("nationalId", "   ")]
    public void Validate_BadField_NamesIt(string field, string value)
    {
        var request = field switch
        {
            "id" => Valid with { Id = value },
            "fullName" => Valid with { FullName = value },
            "dateOfBirth" => Valid with { DateOfBirth = value },
            "email" => Valid with { Email = value },
            "phone" => Valid with { Phone = value },
            "nationality" => Valid with { Nationality = value },
            "country" => Valid with { Country = value },
            "riskRating" => Valid with { RiskRating = value },
            "segment" => Valid with { Segment = value },
            "nationalId" => Valid with { NationalId = value },
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };

        CustomerValidation.Validate(request, Today).Keys.Should().Equal(field);
    }

    [Fact]
    public void Validate_SeveralProblems_ReportsThemAll() =>
        CustomerValidation.Validate(new CreateCustomerRequest("bad id", null, "x", null, null, "y", null, null, null, null, "z", null, null), Today)
            .Keys.Should().BeEquivalentTo(["id", "fullName", "dateOfBirth", "email", "country", "riskRating"]);
}
