namespace Compliance.Rules.Tests.Expressions.Support;

public sealed class Customer
{
    public string Name { get; set; } = string.Empty;

    public int Age { get; set; }

    public Address? Address { get; set; }

    public Role Role { get; set; }

    public string Greeting(string prefix) => prefix + Name;
}
