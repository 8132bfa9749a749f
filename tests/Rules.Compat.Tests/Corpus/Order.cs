namespace Compliance.Rules.Compat.Tests.Corpus;

// The typed form of the corpus data (the JSON form in Datasets has the same names and values).

public sealed class Order
{
    public int Id { get; set; }

    public decimal Amount { get; set; }

    public double Price { get; set; }

    public long Quantity { get; set; }

    public string Country { get; set; } = "";

    public string Name { get; set; } = "";

    public bool Active { get; set; }

    public DateTime CreatedAt { get; set; }

    public string? Note { get; set; }

    public int? Score { get; set; }

    public List<string> Tags { get; set; } = [];

    public List<Item> Items { get; set; } = [];

    public Customer Customer { get; set; } = new();
}

public sealed class Item
{
    public string Sku { get; set; } = "";

    public decimal Price { get; set; }

    public int Qty { get; set; }
}

public sealed class Customer
{
    public string Name { get; set; } = "";

    public int Age { get; set; }

    public bool Vip { get; set; }

    public Address? Address { get; set; }
}

public sealed class Address
{
    public string City { get; set; } = "";

    public string Zip { get; set; } = "";
}

public sealed class Limits
{
    public int MaxAmount { get; set; }

    public int MinAge { get; set; }

    public List<string> Countries { get; set; } = [];

    public double Rate { get; set; }
}
