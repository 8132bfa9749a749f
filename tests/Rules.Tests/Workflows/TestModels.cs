namespace Compliance.Rules.Tests.Workflows;

public sealed class Order
{
    public int Amount { get; set; }

    public int Zero { get; set; }

    public string Country { get; set; } = "";

    public Customer? Customer { get; set; }

    public List<int> Items { get; set; } = [];
}

public sealed class Customer
{
    public string Name { get; set; } = "";

    public int Age { get; set; }
}

public static class Counter
{
    private static int _count;

    public static int Count => Volatile.Read(ref _count);

    public static int Next() => Interlocked.Increment(ref _count);
}

public sealed class InstanceCounter
{
    public int Calls { get; private set; }

    public int Next() => ++Calls;
}

internal static class Engines
{
    public static RulesEngine FromJson(string json, ReSettings? settings = null) => new(WorkflowJson.Parse(json), settings);

    /// <summary>A workflow "w" with the given rules JSON (the inside of the Rules array).</summary>
    public static RulesEngine WithRules(string rulesJson, ReSettings? settings = null, string globalsJson = "[]") =>
        FromJson($$"""{ "WorkflowName": "w", "GlobalParams": {{globalsJson}}, "Rules": [ {{rulesJson}} ] }""", settings);

    public static Order Order(int amount = 100, string country = "DE", Customer? customer = null) =>
        new() { Amount = amount, Country = country, Customer = customer ?? new Customer { Name = "Ann", Age = 30 }, Items = [1, 2, 3] };
}
