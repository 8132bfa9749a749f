namespace Compliance.Rules.Tests.Expressions.Support;

public sealed class Address
{
    public string City { get; set; } = string.Empty;

    public string? Zip { get; set; }
}
