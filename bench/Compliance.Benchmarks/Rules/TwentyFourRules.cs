namespace Compliance.Benchmarks.Rules;

/// <summary>
/// A 24-rule workflow of the kinds RulesEngine users write (comparisons, string methods, LINQ over
/// lines, ternaries, dates, nested And/Or, GlobalParams), and an order it evaluates.
/// </summary>
internal static class TwentyFourRules
{
    public const string WorkflowName = "orders";

    public const string Json = """
        {
          "WorkflowName": "orders",
          "GlobalParams": [
            { "Name": "total", "Expression": "order.Lines.Sum(l => l.Price * l.Quantity)" },
            { "Name": "vip", "Expression": "order.Customer.Tier == \"gold\" || order.Customer.OrdersLastYear > 20" }
          ],
          "Rules": [
            { "RuleName": "BigOrder", "Expression": "order.Amount > 1000" },
            { "RuleName": "TotalMatches", "Expression": "Math.Abs(total - order.Amount) < 0.01m" },
            { "RuleName": "Domestic", "Expression": "order.Country == \"DE\"" },
            { "RuleName": "EuShipping", "Expression": "order.Country in (\"DE\", \"FR\", \"NL\", \"IT\", \"ES\")" },
            { "RuleName": "Express", "Expression": "order.Express AND order.Amount >= 50" },
            { "RuleName": "HasCoupon", "Expression": "order.Coupon != null AND order.Coupon.StartsWith(\"SAVE\")" },
            { "RuleName": "ManyLines", "Expression": "order.Lines.Count > 3" },
            { "RuleName": "ExpensiveLine", "Expression": "order.Lines.Any(l => l.Price > 500)" },
            { "RuleName": "AllInStock", "Expression": "order.Lines.All(l => l.Quantity <= 10)" },
            { "RuleName": "Electronics", "Expression": "order.Lines.Any(Category == \"electronics\")" },
            { "RuleName": "BulkItems", "Expression": "order.Lines.Where(l => l.Quantity >= 5).Count() >= 2" },
            { "RuleName": "Adult", "Expression": "order.Customer.Age >= 18" },
            { "RuleName": "Vip", "Expression": "vip" },
            { "RuleName": "VipBig", "Expression": "vip AND total > 2000" },
            { "RuleName": "NameShort", "Expression": "order.Customer.Name.Length < 3" },
            { "RuleName": "NameUpper", "Expression": "order.Customer.Name.ToUpper() == \"ADA LOVELACE\"" },
            { "RuleName": "Weekend", "Expression": "order.PlacedAt.DayOfWeek == DayOfWeek.Saturday OR order.PlacedAt.DayOfWeek == DayOfWeek.Sunday" },
            { "RuleName": "Night", "Expression": "order.PlacedAt.Hour < 6" },
            { "RuleName": "Recent", "Expression": "order.PlacedAt > DateTime(2026, 1, 1)" },
            { "RuleName": "Discounted", "Expression": "(vip ? order.Amount * 0.9m : order.Amount) < 1500" },
            { "RuleName": "WebChannel", "Expression": "order.Channel.ToLower() == \"web\"" },
            { "RuleName": "RoundTotal", "Expression": "order.Amount % 100 == 0" },
            { "RuleName": "Risky", "Operator": "OrElse", "Rules": [
                { "RuleName": "RiskyCountry", "Expression": "order.Country in (\"XX\", \"YY\")" },
                { "RuleName": "RiskyValue", "Expression": "order.Amount > 10000 AND NOT vip" } ] },
            { "RuleName": "Priority", "Operator": "AndAlso", "Rules": [
                { "RuleName": "PriorityExpress", "Expression": "order.Express" },
                { "RuleName": "PriorityValue", "Expression": "total > 100" } ] }
          ]
        }
        """;

    public static BenchOrder Order { get; } = new()
    {
        Id = 7, Amount = 1834.5m, Country = "DE", Channel = "Web", Express = true, PlacedAt = new DateTime(2026, 11, 21, 14, 30, 0, DateTimeKind.Utc),
        Coupon = "SAVE10",
        Lines =
        [
            new() { Sku = "TV-55", Price = 799m, Quantity = 1, Category = "electronics" },
            new() { Sku = "HDMI", Price = 12.5m, Quantity = 5, Category = "accessories" },
            new() { Sku = "BRKT", Price = 45m, Quantity = 2, Category = "accessories" },
            new() { Sku = "SPKR", Price = 850m, Quantity = 1, Category = "electronics" },
        ],
        Customer = new() { Name = "Ada Lovelace", Age = 36, Tier = "gold", OrdersLastYear = 8 },
    };
}
