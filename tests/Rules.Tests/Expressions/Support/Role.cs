namespace Compliance.Rules.Tests.Expressions.Support;

public enum Role
{
    None = 0,
    Buyer = 1,
    Seller = 2,
}
