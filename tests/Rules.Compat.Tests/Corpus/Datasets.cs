namespace Compliance.Rules.Compat.Tests.Corpus;

/// <summary>
/// Two data sets, each as JSON text (for ExpandoObject and JsonElement inputs) and as typed objects
/// with the same names and values: <c>input1</c> an order, <c>input2</c> limits. The second set has
/// the values the first leaves null, and a missing address.
/// </summary>
public static class Datasets
{
    public static readonly Dataset A = new("A",
        """
        {"Id":42,"Amount":1250.5,"Price":19.99,"Quantity":3,"Country":"India","Name":"Widget Pro","Active":true,
         "CreatedAt":"2024-03-15T10:30:00Z","Note":null,"Score":null,"Tags":["new","priority","eu"],
         "Items":[{"Sku":"A-1","Price":10.5,"Qty":2},{"Sku":"B-2","Price":99.99,"Qty":1},{"Sku":"C-3","Price":0.5,"Qty":10}],
         "Customer":{"Name":"Asha","Age":34,"Vip":true,"Address":{"City":"Pune","Zip":"411001"}}}
        """,
        """{"MaxAmount":1000,"MinAge":18,"Countries":["India","USA"],"Rate":0.25}""",
        () => new Order
        {
            Id = 42, Amount = 1250.5m, Price = 19.99, Quantity = 3, Country = "India", Name = "Widget Pro", Active = true,
            CreatedAt = new DateTime(2024, 3, 15, 10, 30, 0, DateTimeKind.Utc), Note = null, Score = null, Tags = ["new", "priority", "eu"],
            Items = [new() { Sku = "A-1", Price = 10.5m, Qty = 2 }, new() { Sku = "B-2", Price = 99.99m, Qty = 1 }, new() { Sku = "C-3", Price = 0.5m, Qty = 10 }],
            Customer = new() { Name = "Asha", Age = 34, Vip = true, Address = new() { City = "Pune", Zip = "411001" } },
        },
        () => new Limits { MaxAmount = 1000, MinAge = 18, Countries = ["India", "USA"], Rate = 0.25 });

    public static readonly Dataset B = new("B",
        """
        {"Id":7,"Amount":80,"Price":0.1,"Quantity":12,"Country":"usa","Name":"  gadget  ","Active":false,
         "CreatedAt":"2023-12-31T23:59:59Z","Note":"urgent: call back","Score":7,"Tags":[],
         "Items":[{"Sku":"Z-9","Price":80,"Qty":1}],
         "Customer":{"Name":"Bob","Age":17,"Vip":false,"Address":null}}
        """,
        """{"MaxAmount":100,"MinAge":21,"Countries":["Canada"],"Rate":1.5}""",
        () => new Order
        {
            Id = 7, Amount = 80m, Price = 0.1, Quantity = 12, Country = "usa", Name = "  gadget  ", Active = false,
            CreatedAt = new DateTime(2023, 12, 31, 23, 59, 59, DateTimeKind.Utc), Note = "urgent: call back", Score = 7, Tags = [],
            Items = [new() { Sku = "Z-9", Price = 80m, Qty = 1 }],
            Customer = new() { Name = "Bob", Age = 17, Vip = false, Address = null },
        },
        () => new Limits { MaxAmount = 100, MinAge = 21, Countries = ["Canada"], Rate = 1.5 });

    public static readonly Dataset[] All = [A, B];
}

/// <summary>One data set: the order and the limits, as JSON and as typed factories (a fresh object per run).</summary>
public sealed record Dataset(string Name, string OrderJson, string LimitsJson, Func<Order> Order, Func<Limits> Limits);
