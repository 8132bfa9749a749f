namespace Compliance.Rules.Tests.Expressions.Support;

public sealed class Transaction
{
    public decimal Amount { get; set; }

    public string Currency { get; set; } = "EUR";

    public string Country { get; set; } = "india";

    public int Quantity { get; set; }

    public long Count { get; set; }

    public double Rate { get; set; }

    public DateTime BookedAt { get; set; }

    public DateTime? SettledAt { get; set; }

    public int? Score { get; set; }

    public Role Role { get; set; }

    public Role? OptionalRole { get; set; }

    public bool Flagged { get; set; }

    public Customer? Customer { get; set; }

    public List<LineItem> Items { get; set; } = [];

    public string[] Tags { get; set; } = [];

    public Dictionary<string, string> Attributes { get; set; } = [];

    public Type? ClrType { get; set; }

    public Action? Callback { get; set; }

    public string Describe(string prefix) => prefix + Country;

    public void Reset() => Amount = 0;

    public static Transaction Sample() => new()
    {
        Amount = 1250.50m,
        Currency = "EUR",
        Country = "india",
        Quantity = 3,
        Count = 7,
        Rate = 0.25,
        BookedAt = new DateTime(2024, 3, 15, 10, 0, 0, DateTimeKind.Utc),
        SettledAt = null,
        Score = 42,
        Role = Role.Seller,
        Flagged = true,
        Customer = new Customer { Name = "Ada", Age = 36, Address = new Address { City = "London" }, Role = Role.Buyer },
        Items =
        [
            new LineItem { Sku = "A", Price = 100m, Quantity = 2, Tags = ["x", "y"] },
            new LineItem { Sku = "B", Price = 250.25m, Quantity = 1, Tags = ["y"] },
            new LineItem { Sku = "C", Price = 50m, Quantity = 4 },
        ],
        Tags = ["vip", "eu"],
        Attributes = new Dictionary<string, string> { ["channel"] = "web" },
    };
}
