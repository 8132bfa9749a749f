namespace Compliance.Benchmarks.Rules;

// A generic typed input for the 24-rule set: an order with lines and a customer (public, so both engines bind it alike).

public sealed class BenchOrder
{
    public int Id { get; init; }

    public decimal Amount { get; init; }

    public string Country { get; init; } = "";

    public string Channel { get; init; } = "";

    public bool Express { get; init; }

    public DateTime PlacedAt { get; init; }

    public string? Coupon { get; init; }

    public List<BenchLine> Lines { get; init; } = [];

    public BenchCustomer Customer { get; init; } = new();
}

public sealed class BenchLine
{
    public string Sku { get; init; } = "";

    public decimal Price { get; init; }

    public int Quantity { get; init; }

    public string Category { get; init; } = "";
}

public sealed class BenchCustomer
{
    public string Name { get; init; } = "";

    public int Age { get; init; }

    public string Tier { get; init; } = "";

    public int OrdersLastYear { get; init; }
}
