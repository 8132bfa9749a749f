using Compliance.Rules.Tests.Expressions.Support;

namespace Compliance.Rules.Tests.Expressions;

public class MathConvertDateTests
{
    private static readonly Input Tx = Input.Of("input1", Transaction.Sample());

    [Theory]
    [InlineData("Math.Abs(-5)", "Int32:5")]
    [InlineData("Math.Abs(-5.5m)", "Decimal:5.5")]
    [InlineData("Math.Round(2.345, 2)", "Double:2.35")]
    [InlineData("Math.Round(2.345m, 2)", "Decimal:2.34")]
    [InlineData("Math.Round(2.5m, MidpointRounding.AwayFromZero)", "Decimal:3")]
    [InlineData("Math.Max(3, 7)", "Int32:7")]
    [InlineData("Math.Max(3, 7L)", "Int64:7")]
    [InlineData("Math.Min(2.5, 1)", "Double:1")]
    [InlineData("Math.Floor(2.7)", "Double:2")]
    [InlineData("Math.Ceiling(2.1m)", "Decimal:3")]
    [InlineData("Math.Pow(2, 10)", "Double:1024")]
    [InlineData("Math.Sqrt(16)", "Double:4")]
    [InlineData("Math.PI > 3.14", "Boolean:True")]
    [InlineData("int.MaxValue", "Int32:2147483647")]
    [InlineData("Convert.ToInt32(\"42\")", "Int32:42")]
    [InlineData("Convert.ToInt32(4.6)", "Int32:5")]
    [InlineData("Convert.ToDecimal(\"10.25\")", "Decimal:10.25")]
    [InlineData("Convert.ToDecimal(10)", "Decimal:10")]
    [InlineData("Convert.ToString(5)", "String:5")]
    [InlineData("Convert.ToDouble(\"1.5\")", "Double:1.5")]
    [InlineData("Convert.ToBoolean(\"true\")", "Boolean:True")]
    [InlineData("int.Parse(\"15\")", "Int32:15")]
    [InlineData("double.Parse(\"0.25\")", "Double:0.25")]
    [InlineData("decimal.Parse(\"0.25\")", "Decimal:0.25")]
    [InlineData("long.Parse(\"5000000000\")", "Int64:5000000000")]
    [InlineData("int(\"7\")", "Int32:7")]
    [InlineData("int(7.9)", "Int32:7")]
    [InlineData("(int)7.9", "Int32:7")]
    [InlineData("(decimal)1 / 4", "Decimal:0.25")]
    [InlineData("double(1) / 4", "Double:0.25")]
    [InlineData("long(3)", "Int64:3")]
    [InlineData("string(12)", "String:12")]
    [InlineData("bool(\"true\")", "Boolean:True")]
    [InlineData("DateTime(2024, 3, 1)", "DateTime:2024-03-01 00:00:00")]
    [InlineData("DateTime(2024, 3, 1, 13, 30, 0)", "DateTime:2024-03-01 13:30:00")]
    [InlineData("DateTime(\"2024-03-01\")", "DateTime:2024-03-01 00:00:00")]
    [InlineData("DateTime.Parse(\"2024-03-01T10:00:00\")", "DateTime:2024-03-01 10:00:00")]
    [InlineData("DateTime(2024, 3, 1).AddDays(30)", "DateTime:2024-03-31 00:00:00")]
    [InlineData("DateTime(2024, 3, 1).AddMonths(-1).Month", "Int32:2")]
    [InlineData("DateTime(2024, 3, 1).DayOfWeek == DayOfWeek.Friday", "Boolean:True")]
    [InlineData("DateTime(2024, 3, 1, 10, 0, 0).Date", "DateTime:2024-03-01 00:00:00")]
    [InlineData("(DateTime(2024, 3, 11) - DateTime(2024, 3, 1)).TotalDays", "Double:10")]
    [InlineData("(DateTime(2024, 3, 11) - DateTime(2024, 3, 1)).Days > 9", "Boolean:True")]
    [InlineData("DateTime(2024, 3, 1) + TimeSpan.FromDays(1)", "DateTime:2024-03-02 00:00:00")]
    [InlineData("DateTime(2024, 3, 1) - TimeSpan.FromHours(12) < DateTime(2024, 3, 1)", "Boolean:True")]
    [InlineData("TimeSpan.FromMinutes(90).TotalHours", "Double:1.5")]
    [InlineData("TimeSpan(1, 0, 0) == TimeSpan.FromHours(1)", "Boolean:True")]
    [InlineData("DateTime.MinValue < DateTime(2024, 1, 1)", "Boolean:True")]
    [InlineData("DateTimeOffset.Parse(\"2024-03-01T10:00:00+02:00\").UtcDateTime.Hour", "Int32:8")]
    [InlineData("DateOnly(2024, 3, 1).AddDays(1).Day", "Int32:2")]
    [InlineData("TimeOnly(10, 30).Hour", "Int32:10")]
    [InlineData("Guid.Parse(\"6f9619ff-8b86-d011-b42d-00cf4fc964ff\") == Guid(\"6f9619ff-8b86-d011-b42d-00cf4fc964ff\")", "Boolean:True")]
    [InlineData("Guid.Empty.ToString()", "String:00000000-0000-0000-0000-000000000000")]
    public void Evaluate_MathConvertDate_ReturnsValue(string expression, string expected) =>
        Eval.Format(Eval.Run(expression)).Should().Be(expected);

    [Theory]
    [InlineData("(input1.BookedAt - DateTime(2024, 3, 1)).TotalDays > 14", true)]
    [InlineData("input1.BookedAt.AddDays(30) > DateTime(2024, 4, 1)", true)]
    [InlineData("Math.Round(input1.Amount * 0.1m, 2) == 125.05", true)]
    [InlineData("Math.Abs(input1.Amount - 1250) < 1", true)]
    [InlineData("Convert.ToInt32(input1.Amount) == 1250", true)]
    [InlineData("input1.Amount.ToString() == \"1250.50\"", true)]
    [InlineData("int(input1.Amount) == 1250", true)]
    [InlineData("input1.Quantity.ToString().Length == 1", true)]
    public void Evaluate_MathOnTypedInput_ReturnsValue(string expression, bool expected) =>
        Eval.Run(expression, typeof(bool), null, Tx).Should().Be(expected);

    [Theory]
    [InlineData("DateTime.Now > DateTime(2024, 1, 1)", "1:10: 'DateTime.Now' is not available in expressions: pass the evaluation time as an input so results are reproducible")]
    [InlineData("DateTime.UtcNow.Year", "1:10: 'DateTime.UtcNow' is not available in expressions: pass the evaluation time as an input so results are reproducible")]
    [InlineData("DateTime.Today", "1:10: 'DateTime.Today' is not available in expressions: pass the evaluation time as an input so results are reproducible")]
    [InlineData("DateTimeOffset.UtcNow", "1:16: 'DateTimeOffset.UtcNow' is not available in expressions: pass the evaluation time as an input so results are reproducible")]
    [InlineData("DateTime(2024, 13, 1)", "1:1: invalid DateTime: Year, Month, and Day parameters describe an un-representable DateTime.")]
    [InlineData("Math.Abs(\"x\")", "1:6: no overload of 'Math.Abs' takes (String)")]
    [InlineData("Math.Abs()", "1:6: 'Math.Abs' takes 1 argument(s), not 0")]
    [InlineData("Math(1)", "1:1: 'Math' cannot be called or constructed")]
    [InlineData("Math.Tau2", "1:6: unknown static member 'Tau2' on 'Math'")]
    [InlineData("int(\"x\") == 1 && DateTime(1, 2)", "1:18: no constructor of 'DateTime' takes (Int32, Int32)")]
    public void Bind_BadMathOrDate_ReportsDiagnostic(string expression, string expected) =>
        Eval.AnyDiagnostics(expression).Should().Be(expected);

    [Theory]
    [InlineData("int.Parse(\"abc\")", typeof(FormatException))]
    [InlineData("1 / (1 - 1)", typeof(DivideByZeroException))]
    [InlineData("1m / (1m - 1m)", typeof(DivideByZeroException))]
    public void Evaluate_RuntimeFailure_ThrowsOrdinaryException(string expression, Type exceptionType)
    {
        var act = () => Eval.Run(expression);
        act.Should().Throw<Exception>().Which.Should().BeOfType(exceptionType);
    }
}
