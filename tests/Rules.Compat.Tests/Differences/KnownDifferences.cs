using System.Text.RegularExpressions;
using Compliance.Rules.Compat.Tests.Oracle;

namespace Compliance.Rules.Compat.Tests.Differences;

/// <summary>
/// Every difference from RulesEngine 6.0.1 the suite accepts, with its reason; docs/rules-compat.md lists
/// them for readers, with the numbers of docs/rules-expressions.md. Each entry matches on what RulesEngine
/// and src/Rules actually answered (the error each raised, where) and on the expression, narrowly: a
/// difference no entry explains fails the suite.
/// </summary>
public static partial class KnownDifferences
{
    public static readonly IReadOnlyList<KnownDifference> All =
    [
        new("json-numbers-and-dates",
            "Under JSON inputs only (the same rule agrees when both engines get the ExpandoObject): src/Rules reads JSON numbers as decimal and keeps date strings as text.",
            "Money compares exactly; typing text as dates by accident of a serializer surprises (rules-expressions #1, #2).",
            d => d.Kind == InputKind.Json && d.ExpandoAgrees && NumberOrDateMember().IsMatch(d.Expression)),

        new("late-bound-decimal-arithmetic",
            "Arithmetic on late-bound numbers is decimal in src/Rules: input1.Id / 4 is 10.5, not 10; dividing by zero fails instead of giving infinity; a computed number prints with its scale.",
            "Exact arithmetic for amounts (rules-expressions #1); RulesEngine computes Expando longs and doubles as long and double.",
            d => d.LateBound && LateBoundArithmetic().IsMatch(d.Expression) && !TheirsParseError(d)
                && (d.OursMessage.Contains("Attempted to divide by zero", StringComparison.Ordinal) || !OursError(d))),

        new("decimal-and-double",
            "Dynamic LINQ refuses to mix decimal and double operands (input1.Price > 2.5m on a double, 0.5m + input2.Rate, input1.Score != 0.1 on an int?); src/Rules compares and computes them by value.",
            "A rule author writing 2.5m or 0.1 means the number; rules-expressions 'Typing rules'.",
            d => TheirsParseError(d, DecimalDouble()) && !OursError(d)),

        new("csharp-forms",
            "src/Rules also accepts C# forms Dynamic LINQ lacks: unary +, casts such as (int)x, ?. and ?[], 'x is T' and 'x as T', and an empty 'in ()'.",
            "Documented in rules-expressions 'The language'; they only add ways to write a rule.",
            d => TheirsParseError(d) && !OursError(d) && CSharpForms().IsMatch(d.Expression)),

        new("no-clock",
            "DateTime.Now, UtcNow and Today are refused with a diagnostic.",
            "Results must be reproducible: pass the evaluation time as an input (rules-expressions #8).",
            d => OursParseError(d) && Regex.IsMatch(d.Expression, @"DateTime\.(Now|UtcNow|Today)\b")),

        new("sandbox",
            "GetType, typeof, reflection, files, processes and the environment are refused, also where RulesEngine allows them (input1.GetType().Name).",
            "A rule must not reach outside its inputs (rules-expressions 'Safety').",
            d => OursParseError(d) && Regex.IsMatch(d.Expression, @"GetType|typeof|Activator|AppDomain|System\.IO|Environment|Process")),

        new("names-in-any-casing",
            "src/Rules finds LINQ methods in any casing (Tags.contains), as Dynamic LINQ finds other methods (name.tolower()), and with case-insensitive expressions (the default) type names too (math.Abs, datetime(...)).",
            "Consistent with how methods, members and keywords are found.",
            d => TheirsParseError(d, LowerCaseNames()) && !OursError(d) && (!d.Case.Settings.CaseSensitive || d.TheirsMessage.Contains("No generic method", StringComparison.Ordinal))),

        new("keyword-casing",
            "With IsExpressionCaseSensitive, src/Rules still accepts the upper-case spelling of keywords and word operators (AND, TRUE, NULL, IIF, NP, EQ, GT).",
            "AND/OR are the common spellings in rule files (rules-expressions #15).",
            d => d.Case.Settings.CaseSensitive && TheirsParseError(d) && !OursError(d) && UpperKeyword().IsMatch(d.Expression)),

        new("strings-are-not-sequences",
            "A string is not a sequence of characters for LINQ methods (Name.Count(), Name.Any(c => ...), SelectMany over strings).",
            "A JSON field that holds text where an array was expected must not be silently iterated character by character; use Length and Contains.",
            d => OursError(d) && StringAsSequence().IsMatch(d.Expression)),

        new("late-bound-method-calls",
            "On late-bound values (ExpandoObject, JSON) only string methods are callable; a DateTime inside an ExpandoObject needs Convert.ToDateTime(x) first.",
            "Methods are bound when the rule compiles; a late-bound value's type is only known at run time (rules-expressions #10, #18).",
            d => d.LateBound && (OursParseError(d) || d.Aspect == "output")
                && Regex.IsMatch(d.Aspect == "output" ? d.Ours : d.OursMessage, @"is not available on late-bound values|no overload of 'String\.ToString'")),

        new("numeric-aggregates",
            "Sum() and Average() without a selector work on number arrays (Dynamic LINQ: no generic method); Min and Max over late-bound values are numeric, so a list of strings has none.",
            "rules-expressions #6.",
            d => (TheirsParseError(d, @"No generic method '(Sum|Average)'") && !OursError(d))
                || (d.LateBound && OursError(d) && Regex.IsMatch(d.Expression, @"\.(Min|Max)\(\)"))),

        new("text-and-numbers",
            "A number compares with numeric text and a condition with \"true\"/\"false\" text either way round (Zip == 411001, Age in (\"17\", \"34\")).",
            "Identifiers and flags often arrive as text (rules-expressions #5).",
            d => (TheirsParseError(d, @"incompatible with operand types '(Int\d+|Double|Decimal|Boolean)\??' and 'String'|types 'System\.String' and 'System\.Int\d+'") && !OursError(d))
                || (!OursError(d) && !TheirsError(d) && Regex.IsMatch(d.Expression, @"Zip == \d"))),

        new("overloads-and-conversions",
            "A late-bound or numeric argument converts to the parameter type and overloads taking decimal win (CompatUtils.Percent(input1.Amount, 10) on a double, Math.Round(x) on a long, Split(\" \"), string.Join(\",\", list)).",
            "Deterministic overload choice for untyped data (rules-expressions #18).",
            d => TheirsParseError(d, @"Ambiguous invocation|No applicable method '\w+' exists in type '(CompatUtils|String|Math|Convert)'$") && !OursParseError(d)),

        new("numeric-membership",
            "Contains and 'in' compare across numeric types (an int array holding a long).",
            "Membership uses the same conversions as == (rules-expressions #11).",
            d => TheirsParseError(d, @"No generic method 'Contains'") && !OursError(d)),

        new("ampersand",
            "& concatenates at the precedence of +; Dynamic LINQ binds it looser than ==.",
            "rules-expressions #19: & only concatenates.",
            d => d.Expression.Contains(" & ", StringComparison.Ordinal) && TheirsParseError(d, "Expression of type 'Boolean' expected") && !OursParseError(d)),

        new("constants-checked-when-compiled",
            "A constant that cannot exist (DateTime(2024, 2, 30)) is a diagnostic when the rule compiles, not an error each time it runs.",
            "Errors found early, with their position.",
            d => OursParseError(d) && d.OursMessage.Contains("invalid ", StringComparison.Ordinal) && TheirsError(d)),

        new("late-bound-errors-at-run-time",
            "Both engines fail, RulesEngine when it compiles (its static typing of the sample), src/Rules when it runs (the value's real type).",
            "rules-expressions #4.",
            d => d.LateBound && OursRuntimeError(d) && TheirsParseError(d)),

        new("missing-members-and-indexes",
            "A missing member, a member of null and an index out of range on late-bound values read as null; RulesEngine fails at run time.",
            "JSON documents are sparse (rules-expressions #3, #7).",
            d => d.LateBound && !OursError(d) && (TheirsRuntimeError(d, @"Operation is not valid due to the current state of the object|Object reference not set|Index was out of range")
                || TheirsParseError(d, @"No property or field '\w+' exists in type"))),

        new("late-bound-typing",
            "RulesEngine types a JSON or ExpandoObject input from the values it holds (a null member is 'object', a number is long or double as it happened to be written) and refuses at compile time what that typing does not allow.",
            "src/Rules decides late-bound values at run time (rules-expressions #3, #4): null compares false, kinds without an order are unequal, a method on null fails when it runs. RulesEngine gives no answer to compare with.",
            d => d.LateBound && TheirsParseError(d, SampleTyping()) && !OursParseError(d)),

        new("message-placeholder-casing",
            "ErrorMessage placeholders find members in any casing, as expressions do by default: $(customer.Country) on JSON with \"country\" shows the value; RulesEngine walks the input's JSON case-sensitively and leaves the placeholder as written.",
            "A message should show the value the rule read; the shipped rules' templates are PascalCase and JSON inputs camelCase.",
            d => d.Aspect == "message" && d.Ours.StartsWith("message: ", StringComparison.Ordinal) && d.Theirs.StartsWith("message: ", StringComparison.Ordinal)
                && d.Theirs.Contains("$(", StringComparison.Ordinal) && PlaceholdersFilled(d.Theirs, d.Ours)),

        new("local-shadows-input",
            "A LocalParam named like an input shadows it; RulesEngine fails the rule with 'An item with the same key has already been added'.",
            "A RulesEngine defect; shadowing is what scopes do.",
            d => TheirsRuntimeError(d, "An item with the same key has already been added") && !OursError(d)),
    ];

    public static KnownDifference? Explain(Difference difference)
    {
        ArgumentNullException.ThrowIfNull(difference);
        if (difference.Aspect == "run" && difference.Ours == "ran" && Thrown().Match(difference.Theirs) is { Success: true } thrown)
        {
            // With EnableExceptionAsErrorMessage off, RulesEngine throws its first rule error: judge that error as a rule result.
            var message = thrown.Groups[1].Value;
            var rule = RuleOf().Match(message) is { Success: true } named ? named.Groups[1].Value : "(run)";
            var theirs = new RuleView(rule, false, "error", message, "null", null);
            var ours = new RuleView(rule, true, "none", "", "null", null);
            difference = difference with { Rule = rule, Aspect = "message", OursRule = ours, TheirsRule = theirs };
        }

        return All.FirstOrDefault(k => k.Applies(difference));
    }

    // RulesEngine's text with each placeholder as a wildcard matches ours: only placeholders differ.
    private static bool PlaceholdersFilled(string theirs, string ours) =>
        Regex.IsMatch(ours, "^" + Regex.Replace(Regex.Escape(theirs), @"\\\$\\\(.*?\\\)", ".*") + "$", RegexOptions.Singleline);

    private static bool OursError(Difference d) => d.OursRule is { } o ? o.Message.StartsWith("error", StringComparison.Ordinal) : d.Ours.StartsWith("threw", StringComparison.Ordinal);

    private static bool TheirsError(Difference d) => d.TheirsRule is { } t ? t.Message.StartsWith("error", StringComparison.Ordinal) : d.Theirs.StartsWith("threw", StringComparison.Ordinal);

    private static bool OursParseError(Difference d) => d.OursMessage.StartsWith("Exception while parsing expression", StringComparison.Ordinal);

    private static bool OursRuntimeError(Difference d) => d.OursMessage.StartsWith("Error while executing rule", StringComparison.Ordinal);

    private static bool TheirsParseError(Difference d, string? pattern = null) =>
        (d.TheirsMessage.StartsWith("Exception while parsing expression", StringComparison.Ordinal) || d.TheirsMessage.StartsWith("Error while compiling rule", StringComparison.Ordinal))
        && (pattern is null || Regex.IsMatch(d.TheirsMessage, pattern));

    private static bool TheirsParseError(Difference d, Regex pattern) => TheirsParseError(d) && pattern.IsMatch(d.TheirsMessage);

    private static bool TheirsRuntimeError(Difference d, string pattern) =>
        d.TheirsMessage.StartsWith("Error while executing rule", StringComparison.Ordinal) && Regex.IsMatch(d.TheirsMessage, pattern);

    [GeneratedRegex(@"rule `?:? ?(\w+)`?")]
    private static partial Regex RuleOf();

    [GeneratedRegex(@"threw RuleException «((?:Error while compiling rule|Exception while parsing expression|Error while executing rule).*)»$", RegexOptions.Singleline)]
    private static partial Regex Thrown();

    // Any compile-time typing error: on late-bound inputs Dynamic LINQ's types come from the sample's values.
    [GeneratedRegex(@"types 'System\.Object'|and 'System\.Object'|operand types 'Object'|and 'Object'|`object` return type|Coalesce used with type that cannot be null|null-propagation\) function requires|is not a valid value for Int64|No applicable indexer|No applicable method|incompatible with operand types|is not defined for the types|Expression of type 'Boolean' expected|Argument types do not match|No generic method|Unknown identifier '\w'")]
    private static partial Regex SampleTyping();

    [GeneratedRegex(@"\b(Id|Amount|Price|Quantity|Age|Score|MaxAmount|MinAge|Rate|Qty|CreatedAt|Zip)\b")]
    private static partial Regex NumberOrDateMember();

    [GeneratedRegex(@"input\d\.\w+(\.\w+)*\s*[-+*/%]\s*[\w.]+|[-+*/%]\s*input\d\.\w+|\.ToString\(\)|\b(total|sum|doubled)\b")]
    private static partial Regex LateBoundArithmetic();

    [GeneratedRegex(@"incompatible with operand types '(Decimal|Double|Single|Int32\??|Int64\??)' and '(Decimal|Double)'")]
    private static partial Regex DecimalDouble();

    [GeneratedRegex(@"(^|[\s(])\+\w|\((int|long|decimal|double|string|bool)\)\s*\w|\?\.|\?\[|\bis\s+\w|\bas\s+\w|\bin \(\)")]
    private static partial Regex CSharpForms();

    [GeneratedRegex(@"Unknown identifier '(math|datetime|convert|string|decimal)'|No generic method '[a-z]\w*'")]
    private static partial Regex LowerCaseNames();

    [GeneratedRegex(@"\b(AND|OR|NOT|TRUE|FALSE|NULL|IIF|NP|EQ|NE|GT|GE|LT|LE)\b")]
    private static partial Regex UpperKeyword();

    [GeneratedRegex(@"\.(Name|Country|Note|Sku|City|Zip)\.(Count|Any|All|Where|Select|First|Sum)\(|SelectMany\(i => i\.Sku\)")]
    private static partial Regex StringAsSequence();
}
