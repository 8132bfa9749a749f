namespace Compliance.Rules.Tests.Expressions.Support;

public sealed class LineItem
{
    public string Sku { get; set; } = string.Empty;

    public decimal Price { get; set; }

    public int Quantity { get; set; }

    public List<string> Tags { get; set; } = [];
}
