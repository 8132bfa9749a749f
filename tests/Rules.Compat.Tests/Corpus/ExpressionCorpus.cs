namespace Compliance.Rules.Compat.Tests.Corpus;

/// <summary>
/// Generated expressions over the data sets' <c>input1</c> (an order) and <c>input2</c> (limits), by
/// area. Combinatorial on purpose: each area crosses members of every CLR and JSON type with the
/// operators, literals and methods that apply to them, including the ones that should not.
/// </summary>
public static class ExpressionCorpus
{
    private static readonly string[] NumericMembers =
        ["input1.Id", "input1.Amount", "input1.Price", "input1.Quantity", "input1.Customer.Age", "input1.Score", "input2.MaxAmount", "input2.Rate"];

    private static readonly string[] NumericLiterals = ["42", "7", "1000", "1250.5", "0.1", "19.99", "-1", "3L", "2.5m", "80"];

    private static readonly string[] ComparisonOperators = ["==", "!=", "<", "<=", ">", ">=", "=", "<>", "eq", "ne", "lt", "le", "gt", "ge"];

    private static readonly string[] TextMembers = ["input1.Country", "input1.Name", "input1.Customer.Name", "input1.Note", "input1.Customer.Address.City"];

    public static IEnumerable<string> Comparisons()
    {
        var rotation = 0;
        foreach (var member in NumericMembers)
        {
            foreach (var op in ComparisonOperators)
            {
                for (var k = 0; k < 5; k++)
                {
                    yield return $"{member} {op} {NumericLiterals[rotation++ % NumericLiterals.Length]}";
                }
            }
        }

        foreach (var member in TextMembers)
        {
            foreach (var op in new[] { "==", "!=", "<>", "eq", "ne" })
            {
                foreach (var literal in new[] { "\"India\"", "\"india\"", "\"usa\"", "\"\"", "null" })
                {
                    yield return $"{member} {op} {literal}";
                }
            }
        }

        foreach (var member in TextMembers)
        {
            yield return $"{member} > \"M\"";
            yield return $"{member} < 5";
        }

        yield return "input1.Active";
        yield return "!input1.Active";
        yield return "input1.Active == true";
        yield return "input1.Active != false";
        yield return "not input1.Active";
        yield return "input1.Customer.Vip";
        yield return "input1.Customer.Vip == input1.Active";
        yield return "input1.Active == 1";
        yield return "input1.Active == \"true\"";
        yield return "input1.Amount > input2.MaxAmount";
        yield return "input1.Customer.Age >= input2.MinAge";
        yield return "input1.Price < input2.Rate";
        yield return "input1.Id == input1.Quantity";
        yield return "input1.Quantity * 10 >= input2.MaxAmount";
        yield return "input1.Amount == input1.Price";
        yield return "input1.Price >= input1.Quantity";
        yield return "input2.Rate * 4 == 1";
        yield return "input1.Id == \"42\"";
        yield return "input1.Id == \"7\"";
        yield return "input1.Amount == \"1250.5\"";
        yield return "input1.Country == input1.Customer.Name";
        yield return "input1.Id == 42.0";
        yield return "input1.Quantity == 3.0";
        yield return "input1.Price == 19.99";
        yield return "input1.Price == 19.99m";
        yield return "input1.Amount == 1250.50";
        yield return "input1.Amount == 1250.5m";
        yield return "input1.Id > 0x10";
        yield return "input1.Quantity == 3UL";
        yield return "input1.Price > 1e1";
    }

    public static IEnumerable<string> Arithmetic()
    {
        string[] left = ["input1.Id", "input1.Amount", "input1.Price", "input1.Quantity", "input1.Customer.Age", "2", "2.5", "0.5m", "3L"];
        string[] right = ["input1.Quantity", "input2.Rate", "4", "0.25"];
        string[] ops = ["+", "-", "*", "/", "%"];
        string[] tails = ["> 10", "< 100", "== 0.5", "!= 0"];
        var rotation = 0;
        foreach (var a in left)
        {
            foreach (var op in ops)
            {
                foreach (var b in right)
                {
                    yield return $"{a} {op} {b} {tails[rotation++ % tails.Length]}";
                    yield return $"({a} {op} {b}) {tails[rotation++ % tails.Length]}";
                }
            }
        }

        string[] more =
        [
            "1 + 2 * 3 == 7", "(1 + 2) * 3 == 9", "10 / 4 == 2", "10 / 4.0 == 2.5", "10 / 4m == 2.5", "7 % 3 == 1", "7 mod 3 == 1",
            "-input1.Id < 0", "- input1.Amount == -1250.5", "+input1.Id == 42", "0.1 + 0.2 == 0.3", "0.1m + 0.2m == 0.3m", "1 / 0 == 0",
            "input1.Id / 0 > 1", "input1.Amount / 0 > 1", "input1.Price / 0 > 1", "input1.Quantity / 2 == 1", "input1.Quantity / 2.0 == 1.5",
            "input1.Id * input1.Quantity == 126", "input1.Amount * input2.Rate == 312.625", "input1.Price * 100 == 1999",
            "input1.Amount - input1.Price > 1230", "input1.Amount + input1.Price > 1270", "input1.Id + input1.Amount > 1290",
            "input1.Quantity * input1.Price > 59", "input1.Customer.Age * 2 + 1 == 69", "input1.Amount % 100 == 50.5",
            "Math.Abs(-5) == 5", "Math.Abs(input1.Price - 20) < 0.02", "Math.Round(input1.Price, 1) == 20", "Math.Round(input1.Amount) == 1250",
            "Math.Round(input1.Amount, 0) == 1250", "Math.Floor(input1.Price) == 19", "Math.Ceiling(input1.Price) == 20", "Math.Max(input1.Id, 50) == 50",
            "Math.Min(input1.Amount, 100) == 100", "Math.Pow(2, 10) == 1024", "Math.Sqrt(input1.Id) > 6", "Convert.ToInt32(input1.Amount) == 1250",
            "Convert.ToInt32(input1.Price) == 20", "Convert.ToDecimal(input1.Price) > 19", "Convert.ToDouble(input1.Amount) > 1250",
            "Convert.ToString(input1.Id) == \"42\"", "Convert.ToInt64(input1.Quantity) == 3", "int.Parse(\"5\") + 1 == 6", "double.Parse(\"2.5\") * 2 == 5",
            "decimal.Parse(\"2.5\") * 2 == 5", "long.Parse(\"7\") == 7", "int.Parse(\"x\") == 1", "input1.Id.ToString() == \"42\"",
            "input1.Amount.ToString() == \"1250.5\"", "input1.Price.ToString() == \"19.99\"", "int(input1.Amount) == 1250", "decimal(input1.Price) > 19",
            "double(input1.Id) / 4 == 10.5", "(int)input1.Amount == 1250", "(decimal)input1.Id / 4 == 10.5", "input1.Id / 4 == 10",
            "input1.Quantity + 2147483647 > 0", "2147483647 + 1 > 0", "input1.Score + 1 > 5", "input1.Score * 2 == 14", "input1.Amount > 1e3",
        ];
        foreach (var expression in more)
        {
            yield return expression;
        }
    }

    public static IEnumerable<string> Strings()
    {
        string[] templates =
        [
            "{0}.Contains(\"a\")", "{0}.Contains(\"In\")", "{0}.StartsWith(\"Wid\")", "{0}.StartsWith(\"u\")", "{0}.EndsWith(\"ro\")", "{0}.EndsWith(\" \")",
            "{0}.ToLower() == \"india\"", "{0}.ToUpper() == \"INDIA\"", "{0}.ToUpper() == \"USA\"", "{0}.Trim() == \"gadget\"", "{0}.Length > 5",
            "{0}.Length == 4", "{0}.Substring(0, 3) == \"Wid\"", "{0}.Substring(2) == \"dia\"", "{0}.Substring(1, 2) == \"sa\"", "{0}.IndexOf(\"d\") == 2",
            "{0}.IndexOf(\"x\") == -1", "{0}.Replace(\"i\", \"I\") == \"IndIa\"", "{0}.Split(' ').Length == 2", "{0}.Split(\" \").Length > 1",
            "{0}.Equals(\"india\", StringComparison.OrdinalIgnoreCase)", "{0}.Equals(\"India\")", "string.IsNullOrEmpty({0})",
            "string.IsNullOrWhiteSpace({0})", "{0} + \"!\" == \"India!\"", "{0} & \"-\" & input1.Country == \"India-India\"",
            "string.Concat({0}, \"x\") == \"usax\"", "{0}.ToLower().Contains(\"ind\")", "{0}.Trim().ToUpper().StartsWith(\"G\")",
            "{0}.CompareTo(\"b\") > 0", "{0}[0] == 'I'", "{0}[0] == \"I\"", "{0}.PadLeft(12).Length == 12", "{0}.TrimStart().StartsWith(\"g\")",
            "{0}.TrimEnd() == \"  gadget\"", "{0}.Contains(input1.Customer.Name)", "ExpressionUtils.CheckContains({0}, \"India,usa\")",
            "{0} in (\"India\", \"usa\")", "{0}.ToLowerInvariant() == \"usa\"", "{0}.LastIndexOf(\"a\") > 0", "{0}.Insert(0, \"x\").StartsWith(\"x\")",
            "{0}.Remove(1) == \"I\"", "{0}.Count() == 5", "{0}.Any(c => c == 'a')", "{0}.ToCharArray().Length == 5", "string.Join(\",\", input1.Tags) == \"new,priority,eu\"",
            "string.Join(\"-\", {0}, \"x\") == \"India-x\"", "{0}.Contains(\"a\", StringComparison.OrdinalIgnoreCase)", "{0}.StartsWith(\"IN\", StringComparison.OrdinalIgnoreCase)",
        ];
        foreach (var member in TextMembers)
        {
            foreach (var template in templates)
            {
                yield return string.Format(System.Globalization.CultureInfo.InvariantCulture, template, member);
            }
        }
    }

    public static IEnumerable<string> NullsAndMissing()
    {
        string[] expressions =
        [
            "input1.Note == null", "input1.Note != null", "input1.Score == null", "input1.Score != null", "input1.Score > 5", "input1.Score < 5",
            "input1.Score >= 7", "input1.Score == 7", "input1.Score + 1 > 5", "input1.Missing == null", "input1.Missing != null", "input1.Missing == \"x\"",
            "input1.Missing != \"x\"", "input1.Missing.Deep == null", "input1.Missing > 1", "input1.Missing < 1", "input1.Missing + 1 > 0",
            "input1.Missing.Length > 0", "input1.Missing.ToString() == \"\"", "np(input1.Customer.Address.City) == \"Pune\"",
            "np(input1.Customer.Address.City, \"none\") == \"none\"", "np(input1.Customer.Address.City, \"none\") == \"Pune\"", "np(input1.Note.Length, 0) > 3",
            "input1.Note ?? \"empty\" == \"empty\"", "(input1.Note ?? \"empty\") == \"empty\"", "(input1.Score ?? 0) > 5", "(input1.Score ?? 10) == 10",
            "isnull(input1.Note, \"x\") == \"x\"", "input1.Customer.Address == null", "input1.Customer.Address != null", "input1.Customer.Address.City == \"Pune\"",
            "input1.Customer.Address.Zip.StartsWith(\"41\")", "input1.Note.Length > 3", "input1.Note.Contains(\"urgent\")", "input1.Note.StartsWith(\"u\")",
            "input1.Score.HasValue", "input1.Score.Value > 3", "input1?.Note == null", "input1.Customer?.Address?.City == \"Pune\"",
            "input1.Customer.Address?.City == null", "input1.Note == \"\"", "input1.Note != \"urgent: call back\"", "input1.Score.GetValueOrDefault() == 0",
            "input1.Note is string", "input1.Note as string == null", "input1.Missing.Deeper.Deepest == null", "input1.missing == null",
            "input2.Missing == null", "input1.Customer.Missing == null", "input1.Items.Missing == null", "input1.Note == null || input1.Note.Length > 100",
            "input1.Note != null && input1.Note.Length > 3", "input1.Score != null && input1.Score > 3", "input1.Customer.Address == null || input1.Customer.Address.City == \"Pune\"",
            "input1.Tags == null", "input1.Items != null", "null == null", "null != input1.Id", "input1.Id != null", "input1.Amount == null",
        ];
        return expressions;
    }

    public static IEnumerable<string> Nested()
    {
        string[] paths = ["input1.Customer.Name", "input1.Customer.Age", "input1.Customer.Vip", "input1.Customer.Address.City", "input1.Customer.Address.Zip"];
        foreach (var path in paths)
        {
            yield return $"{path} == {(path.EndsWith("Age", StringComparison.Ordinal) ? "34" : path.EndsWith("Vip", StringComparison.Ordinal) ? "true" : "\"Pune\"")}";
            yield return $"{path} != null";
            yield return $"{path}.ToString().Length > 2";
        }

        string[] more =
        [
            "input1.Customer.Age + input2.MinAge > 50", "input1.Customer.Age >= input2.MinAge && input1.Customer.Vip", "input1.Customer.Name.Length == 4",
            "input1.Customer.Address.Zip.StartsWith(\"41\")", "input1.Customer.Address.Zip == \"411001\"", "input1.Customer.Address.Zip == 411001",
            "input1.Customer.Name.ToUpper() == \"ASHA\"", "input1.Customer.Vip == false", "!input1.Customer.Vip", "input1.Customer.Age between 18 and 40",
            "input1.Customer.Age > input1.Id", "input1.Customer.Name == input1.Country", "input1.Customer.Address.City.Contains(\"un\")",
            "input1.Customer.Age * input2.Rate > 8", "input1.Customer.Address.City in (\"Pune\", \"Delhi\")", "input1.Customer.Age in (17, 34)",
            "input1.Customer.Age in (17L, 34L)", "input1.Customer.Age in (\"17\", \"34\")", "input1.Customer.Name in input2.Countries",
            "input1.Customer.Address.City.Length + input1.Customer.Name.Length == 8", "input1.Customer.Vip ? input1.Customer.Age > 30 : input1.Customer.Age < 18",
            "input1.customer.name == \"Asha\"", "INPUT1.CUSTOMER.AGE == 34", "input1.Customer.Address.city == \"Pune\"",
        ];
        foreach (var expression in more)
        {
            yield return expression;
        }
    }

    public static IEnumerable<string> Lists()
    {
        string[] templates =
        [
            "input1.Items.Any(Price > {0})", "input1.Items.Any(i => i.Price > {0})", "input1.Items.All(Qty >= {1})", "input1.Items.All(i => i.Price < {0})",
            "input1.Items.Where(Price > {1}).Count() == 2", "input1.Items.Where(i => i.Qty > {1}).Count() >= 1", "input1.Items.Count > {1}", "input1.Items.Count() > {1}",
            "input1.Items.Count(i => i.Price > {0}) == 1", "input1.Items.Sum(Price) > {0}", "input1.Items.Sum(i => i.Price * i.Qty) > {0}",
            "input1.Items.Sum(i => i.Qty) == {1}", "input1.Items.Max(Price) > {0}", "input1.Items.Min(i => i.Qty) == {1}", "input1.Items.Average(Price) > {0}",
            "input1.Items.Average(i => i.Qty) > {1}", "input1.Items.Select(i => i.Price).Max() > {0}", "input1.Items.Where(i => i.Price > {0}).Sum(i => i.Qty) >= 1",
            "input1.Items.OrderBy(Price).First().Price < {0}", "input1.Items.OrderByDescending(i => i.Qty).First().Qty == {1}",
            "input1.Items.Take({1}).Count() == {1}", "input1.Items.Skip({1}).Any()", "input1.Items.Where(i => i.Price >= {0}).Any()",
            "input1.Items.Any(i => i.Price * i.Qty > {0})", "input1.Items.Any(i => i.Price > input2.MaxAmount / {1})",
        ];
        (string Price, string Count)[] thresholds = [("50", "1"), ("10.5", "2"), ("0.5", "3"), ("100", "0"), ("99.99", "10")];
        foreach (var template in templates)
        {
            foreach (var (price, count) in thresholds)
            {
                yield return string.Format(System.Globalization.CultureInfo.InvariantCulture, template, price, count);
            }
        }

        string[] more =
        [
            "input1.Items.Count == 3", "input1.Items.First().Sku == \"A-1\"", "input1.Items.FirstOrDefault(Sku == \"B-2\").Qty == 1",
            "input1.Items.FirstOrDefault(i => i.Sku == \"Q\") == null", "input1.Items.Last().Sku == \"C-3\"", "input1.Items.LastOrDefault().Qty > 0",
            "input1.Items.Select(Sku).Contains(\"A-1\")", "input1.Items.Select(i => i.Sku).Contains(\"Z-9\")", "input1.Items[0].Price == 10.5",
            "input1.Items[1].Sku == \"B-2\"", "input1.Items[5].Sku == \"x\"", "input1.Items.ElementAt(0).Qty == 2", "input1.Items.Single().Sku == \"Z-9\"",
            "input1.Items.SingleOrDefault(i => i.Qty == 10) != null", "input1.Tags.Contains(\"eu\")", "input1.Tags.Contains(\"EU\")", "input1.Tags.Any(t => t == \"new\")",
            "input1.Tags.Any(new)", "input1.Tags.Count == 0", "input1.Tags.Count() == 3", "input1.Tags.Any()", "!input1.Tags.Any()", "input1.Tags.First() == \"new\"",
            "input1.Tags.FirstOrDefault() == null", "input1.Tags.Distinct().Count() == 3", "input1.Tags.Where(t => t.Length > 3).Count() == 1",
            "input1.Tags.Where(Length > 3).Count() == 1", "input1.Tags.Select(t => t.ToUpper()).Contains(\"EU\")", "input1.Tags.OrderBy(t => t).First() == \"eu\"",
            "input1.Tags.Max() == \"priority\"", "input1.Tags.Min() == \"eu\"", "input1.Tags[0] == \"new\"", "input1.Tags.Sum(t => t.Length) == 13",
            "input1.Country in input2.Countries", "input2.Countries.Contains(input1.Country)", "input2.Countries.Any(c => c == input1.Country)",
            "input2.Countries.Count == 1", "input1.Items.Any(i => i.Price > input2.MaxAmount)", "input1.Items.Sum(Qty) > 10", "input1.Items.Sum()  > 1",
            "input1.Tags.Sum() > 1", "new [] {1, 2, 3}.Contains(2)", "new int[] {1, 2}.Count() == 2", "new [] {\"a\", \"b\"}.Contains(input1.Country)",
            "new [] {1, 2, 3}.Sum() == 6", "new [] {1.5, 2.5}.Sum() == 4", "new [] {1, 2, 3}.Average() == 2", "new [] {3, 1, 2}.Max() == 3",
            "new [] {3, 1, 2}.OrderBy(x => x).First() == 1", "input1.Items.SelectMany(i => i.Sku).Count() == 9", "input1.Items.Select(i => i.Qty).Sum() == 13",
            "input1.Items.Select(i => i.Qty).Distinct().Count() == 3", "input1.Items.Where(i => i.Sku.StartsWith(\"A\")).Any()",
            "input1.Items.Any(i => i.Sku.Contains(\"-\") && i.Qty > 1)", "input1.Items.All(i => i.Sku != null)", "input1.Items.Reverse().First().Sku == \"C-3\"",
            "input1.Items.ToList().Count == 3", "input1.Items.ToArray().Length == 3", "input1.Items.Where(i => i.Price > 1).Select(i => i.Sku).First() == \"A-1\"",
            "input1.Items.Any(Qty == input1.Quantity)", "input1.Items.Any(it.Qty == 10)", "input1.Items.Max(i => i.Price) == 99.99", "input1.Items.Min(Price) == 0.5",
            "input1.Tags.Contains(input1.Customer.Name)", "input1.Items.Count(Price > 1) == 2", "input1.Items.Sum(i => i.Price) == 110.99",
            "input1.Missing.Any()", "input1.Missing.Count() == 0", "input1.Note.Any()",
        ];
        foreach (var expression in more)
        {
            yield return expression;
        }
    }

    public static IEnumerable<string> Conditionals()
    {
        string[] conditions = ["input1.Amount > 1000", "input1.Active", "input1.Score > 5", "input1.Note == null", "input1.Customer.Age < 18"];
        (string Then, string Else, string Tail)[] branches =
        [
            ("\"big\"", "\"small\"", "== \"big\""), ("1", "2", "== 1"), ("input1.Amount", "input1.Price", "> 100"), ("1", "2.5", "> 2"),
            ("input1.Id", "input1.Quantity", "== 42"), ("true", "false", "== true"), ("input1.Note", "\"none\"", "== \"none\""), ("input1.Score", "0", "> 3"),
            ("1m", "2", "== 1"), ("input1.Price", "0", "> 10"),
        ];
        foreach (var condition in conditions)
        {
            foreach (var (then, otherwise, tail) in branches)
            {
                yield return $"({condition} ? {then} : {otherwise}) {tail}";
                yield return $"iif({condition}, {then}, {otherwise}) {tail}";
            }
        }

        yield return "input1.Active ? input1.Amount > 1000 : input1.Amount < 100";
        yield return "(input1.Amount > 1000 ? (input1.Active ? 1 : 2) : 3) == 1";
        yield return "input1.Amount > 1000 ? true : false";
        yield return "(input1.Id > 10 ? \"x\" : null) == \"x\"";
        yield return "(input1.Id > 10 ? null : \"x\") == null";
        yield return "iif(input1.Note == null, 0, input1.Note.Length) == 0";
    }

    public static IEnumerable<string> Dates()
    {
        string[] expressions =
        [
            "input1.CreatedAt > DateTime(2024, 1, 1)", "input1.CreatedAt < DateTime(2024, 1, 1)", "input1.CreatedAt.Year == 2024", "input1.CreatedAt.Month == 3",
            "input1.CreatedAt.Day == 15", "input1.CreatedAt.Hour == 10", "input1.CreatedAt.Minute == 30", "input1.CreatedAt.DayOfWeek == DayOfWeek.Friday",
            "input1.CreatedAt.DayOfYear > 60", "input1.CreatedAt.Date == DateTime(2024, 3, 15)", "input1.CreatedAt.AddDays(30) > DateTime(2024, 4, 1)",
            "input1.CreatedAt.AddHours(14) > DateTime(2024, 3, 16)", "input1.CreatedAt.AddMonths(1).Month == 4", "input1.CreatedAt.AddYears(1).Year == 2025",
            "(DateTime(2024, 4, 1) - input1.CreatedAt).TotalDays > 10", "(input1.CreatedAt - DateTime(2024, 1, 1)).Days == 74",
            "input1.CreatedAt < DateTime.Parse(\"2024-06-01\")", "DateTime.Parse(\"2024-01-01\").Year == 2024", "input1.CreatedAt > \"2024-01-01\"",
            "input1.CreatedAt == DateTime(2024, 3, 15, 10, 30, 0)", "input1.CreatedAt >= DateTime(2023, 12, 31, 23, 59, 59)", "DateTime.Now > input1.CreatedAt",
            "DateTime.UtcNow > input1.CreatedAt", "DateTime.Today.Year > 2000", "input1.CreatedAt.ToString(\"yyyy\") == \"2024\"",
            "input1.CreatedAt.ToString(\"yyyy-MM-dd\") == \"2024-03-15\"", "TimeSpan.FromDays(1).TotalHours == 24", "input1.CreatedAt.TimeOfDay.Hours == 10",
            "input1.CreatedAt.Ticks > 0", "input1.CreatedAt > DateTime.MinValue", "input1.CreatedAt < DateTime.MaxValue", "DateTime(2024, 2, 30).Year == 2024",
            "input1.CreatedAt.Year == input1.Id * 48 + 8", "input1.CreatedAt.Kind == DateTimeKind.Utc", "input1.CreatedAt == \"2024-03-15T10:30:00Z\"",
            "input1.CreatedAt.Month in (3, 12)", "input1.CreatedAt.Year > 2023 && input1.CreatedAt.Month < 6", "input1.CreatedAt.AddDays(-1).Day == 14",
            "DateTimeOffset.Parse(\"2024-03-15T10:30:00Z\").Year == 2024", "Convert.ToDateTime(\"2024-03-15\").Day == 15",
        ];
        return expressions;
    }

    public static IEnumerable<string> Logic()
    {
        string[] atoms = ["input1.Active", "input1.Amount > 1000", "input1.Score > 5", "input1.Country == \"India\"", "input1.Customer.Age < 18"];
        string[] joins = ["AND", "and", "&&", "AndAlso", "OR", "or", "||", "OrElse"];
        for (var i = 0; i < atoms.Length; i++)
        {
            for (var j = 0; j < atoms.Length; j++)
            {
                if (i != j)
                {
                    yield return $"{atoms[i]} {joins[(i + j) % joins.Length]} {atoms[j]}";
                }
            }
        }

        string[] more =
        [
            "input1.Active OR input1.Amount > 1000 AND input1.Id == 7", "(input1.Active OR input1.Amount > 1000) AND input1.Id == 7",
            "not (input1.Id in (1, 2, 42))", "!(input1.Id in (1, 2, 42))", "input1.Id in (1, 2, 42)", "input1.Id in (7)", "input1.Country in (\"India\")",
            "input1.Quantity in (3, 12)", "input1.Amount in (80, 1250.5)", "input1.Price in (0.1, 19.99)", "input1.Score in (7, null)", "input1.Id in ()",
            "not input1.Active and input1.Id == 7", "!input1.Active || !input1.Customer.Vip", "input1.Active AnD input1.Customer.Vip",
            "input1.Active oR input1.Customer.Vip", "true", "false", "true && false", "true || false", "!true", "1 == 1", "input1.Active == input1.Customer.Vip == true",
            "input1.Id > 10 && input1.Id < 50", "input1.Id >= 7 && input1.Id <= 7", "input1.Id", "input1.Country", "input1.Score", "input1.Note",
            "input1.Amount > 1000 &&", "&& input1.Active", "input1.Amount >> 1", "input1.Amount > (1000", "input1..Amount > 1", "input1.Amount > 1000)",
            "\"unterminated == input1.Country", "input1.Amount @ 1", "input1.Active ; true", "input1.Id == 42 ? true", "it.Active",
            "input3.Id == 1", "inputs1.Id == 1", "Input1.Id == 42", "input1.id == 42",
        ];
        foreach (var expression in more)
        {
            yield return expression;
        }
    }

    public static IEnumerable<string> CustomTypes()
    {
        string[] expressions =
        [
            "CompatUtils.IsEven(input1.Id)", "CompatUtils.IsEven(input1.Quantity)", "CompatUtils.InList(input1.Country, \"India,USA\")",
            "CompatUtils.InList(input1.Country, \"usa\")", "CompatUtils.Shout(input1.Country) == \"INDIA!\"", "CompatUtils.Shout(input1.Customer.Name).Length == 5",
            "CompatUtils.Percent(input1.Amount, 10) > 100", "CompatUtils.Percent(input1.Price, 10) > 1", "CompatUtils.Clamp(input1.Customer.Age, 18, 30) == 30",
            "CompatUtils.Clamp(input1.Id, 0, 10) == 10", "CompatUtils.IsEven(3)", "CompatUtils.Missing(1)", "CompatUtils.IsEven(\"x\")", "CompatUtils.IsEven()",
            "ExpressionUtils.CheckContains(input1.Country, \"India,usa\")", "ExpressionUtils.CheckContains(input1.Country, \"india\")",
            "ExpressionUtils.CheckContains(input1.Note, \"x\")", "Utils.CheckContains(input1.Country, \"India\")", "System.IO.File.Exists(\"/etc/passwd\")",
            "System.Environment.MachineName != null", "input1.GetType().Name == \"Order\"", "typeof(string) != null", "Activator.CreateInstance(null) == null",
            "AppDomain.CurrentDomain != null", "System.Diagnostics.Process.GetCurrentProcess() != null", "Type.GetType(\"System.String\") != null",
            "input1.Items.GetType() != null", "Guid.Parse(\"d3b07384-d9a0-4f5c-8a8e-3f9a8b7c6d5e\") != Guid.Empty", "Guid.NewGuid() != Guid.Empty",
            "Math.PI > 3", "Convert.ToBoolean(\"true\")", "Enum.IsDefined(typeof(DayOfWeek), 1)", "string.Format(\"{0}\", input1.Id) == \"42\"",
            "CompatUtils.InList(input1.Customer.Address.City, \"Pune\")",
        ];
        return expressions;
    }

    /// <summary>Expressions that fail validation, which rejects the whole workflow: each runs on its own.</summary>
    public static IEnumerable<string> Invalid() => ["", " ", "\t", "  \n "];

    /// <summary>Casing variants, for the case-sensitive setting (and the default, where they differ from it).</summary>
    public static IEnumerable<string> Casing()
    {
        string[] expressions =
        [
            "input1.country == \"India\"", "INPUT1.Id == 42", "input1.Country == \"india\"", "input1.Active AND input1.Customer.Vip", "input1.Active and input1.Customer.Vip",
            "input1.Active AnD input1.Customer.Vip", "input1.Active && input1.Customer.Vip", "input1.Id In (1, 42)", "input1.Id in (1, 42)", "NOT input1.Active",
            "input1.items.Count == 3", "input1.Items.count == 3", "input1.Items.Any(price > 50)", "input1.Tags.contains(\"eu\")", "Input1.Amount > 1",
            "input1.Customer.address.City == \"Pune\"", "input1.CreatedAt.year == 2024", "input1.Name.ToLower() == \"widget pro\"", "input1.Name.tolower() == \"widget pro\"",
            "math.Abs(-1) == 1", "Math.abs(-1) == 1", "datetime(2024, 1, 1).Year == 2024", "TRUE", "True", "input1.Note == NULL", "input1.Note == Null",
            "input1.Id EQ 42", "input1.Id eq 42", "input1.Id GT 1", "iif(input1.Active, 1, 2) == 1", "IIF(input1.Active, 1, 2) == 1", "NP(input1.Note) == null",
        ];
        return expressions;
    }
}
