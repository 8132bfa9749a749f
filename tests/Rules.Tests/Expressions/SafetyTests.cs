using Compliance.Rules.Expressions;
using Compliance.Rules.Tests.Expressions.Support;

namespace Compliance.Rules.Tests.Expressions;

/// <summary>Every attempt to leave the allow-list is refused at bind time with a clear message.</summary>
public class SafetyTests
{
    private static readonly Input Tx = Input.Of("input1", Transaction.Sample());

    private static readonly Input Other = Input.Of("input2", 5);

    [Theory]
    [InlineData("input1.GetType()", "1:8: method 'GetType' is not accessible in expressions")]
    [InlineData("input1.GetType().Assembly", "1:8: method 'GetType' is not accessible in expressions")]
    [InlineData("\"x\".GetType().Assembly.Location", "1:5: method 'GetType' is not accessible in expressions")]
    [InlineData("input1.Customer.gettype()", "1:17: method 'gettype' is not accessible in expressions")]
    [InlineData("input1.Items.Any(i => i.GetType() == null)", "1:25: method 'GetType' is not accessible in expressions")]
    [InlineData("GetType()", "1:1: 'GetType' is not allowed in expressions")]
    [InlineData("typeof(string)", "1:1: 'typeof' is not allowed in expressions")]
    [InlineData("Type.GetType(\"System.IO.File\")", "1:1: 'Type' is not accessible in expressions")]
    [InlineData("System.IO.File.ReadAllText(\"/etc/passwd\")", "1:1: 'System' is not accessible in expressions")]
    [InlineData("File.ReadAllText(\"/etc/passwd\")", "1:1: 'File' is not accessible in expressions")]
    [InlineData("File.Exists(\"x\") || Directory.Exists(\"y\")", "1:1: 'File' is not accessible in expressions | 1:21: 'Directory' is not accessible in expressions")]
    [InlineData("Path.GetTempPath()", "1:1: 'Path' is not accessible in expressions")]
    [InlineData("Environment.Exit(1)", "1:1: 'Environment' is not accessible in expressions")]
    [InlineData("Environment.GetEnvironmentVariable(\"SECRET\")", "1:1: 'Environment' is not accessible in expressions")]
    [InlineData("Activator.CreateInstance(\"x\", \"y\")", "1:1: 'Activator' is not accessible in expressions")]
    [InlineData("AppDomain.CurrentDomain", "1:1: 'AppDomain' is not accessible in expressions")]
    [InlineData("Assembly.Load(\"x\")", "1:1: 'Assembly' is not accessible in expressions")]
    [InlineData("Process.Start(\"rm\")", "1:1: 'Process' is not accessible in expressions")]
    [InlineData("Marshal.AllocHGlobal(1)", "1:1: 'Marshal' is not accessible in expressions")]
    [InlineData("HttpClient()", "1:1: 'HttpClient' is not accessible in expressions")]
    [InlineData("Thread.Sleep(1000)", "1:1: 'Thread' is not accessible in expressions")]
    [InlineData("GC.Collect()", "1:1: 'GC' is not accessible in expressions")]
    [InlineData("Enum.Parse(\"Role\", \"x\")", "1:1: 'Enum' is not accessible in expressions")]
    [InlineData("input1.ClrType == null", "1:8: member 'ClrType' of type 'Type' is not accessible in expressions")]
    [InlineData("input1.ClrType.Assembly", "1:8: member 'ClrType' of type 'Type' is not accessible in expressions")]
    [InlineData("input1.Callback == null", "1:8: member 'Callback' of type 'Action' is not accessible in expressions")]
    [InlineData("input1.Reset()", "1:8: method 'Transaction.Reset' returns nothing; expressions cannot call methods for their side effects")]
    [InlineData("input1.Items.Clear()", "1:14: method 'Clear' of 'List<LineItem>' is not accessible in expressions")]
    [InlineData("input1.Attributes.Remove(\"channel\")", "1:19: method 'Remove' of 'Dictionary<String, String>' is not accessible in expressions")]
    [InlineData("input1.Items.GetEnumerator()", "1:14: method 'GetEnumerator' of 'List<LineItem>' is not accessible in expressions")]
    [InlineData("input1.GetHashCode()", "1:8: method 'Transaction.GetHashCode' is not accessible in expressions")]
    [InlineData("input1.Tags.SetValue(\"x\", 0)", "1:13: method 'SetValue' of 'String[]' is not accessible in expressions")]
    [InlineData("Convert.ChangeType(1, null)", "1:9: method 'Convert.ChangeType' is not accessible in expressions")]
    [InlineData("new System.IO.FileInfo[] {}", "1:5: type 'System.IO.FileInfo' is not accessible in expressions")]
    [InlineData("input1 as System.Type", "1:11: type 'System.Type' is not accessible in expressions")]
    [InlineData("input2 is Type", "1:11: type 'Type' is not accessible in expressions")]
    public void Bind_ForbiddenAccess_IsRefused(string expression, string expected) =>
        Eval.AnyDiagnostics(expression, Tx, Other).Should().Be(expected);

    [Theory]
    [InlineData("input1.GetType()", "1:8: method 'GetType' is not accessible in expressions")]
    [InlineData("input1.address.GetType()", "1:16: method 'GetType' is not accessible in expressions")]
    [InlineData("input1.name.Invoke()", "1:13: method 'Invoke' is not available on late-bound values; convert the value first (for example Convert.ToDecimal(x))")]
    public void Bind_ForbiddenAccessOnJson_IsRefused(string expression, string expected) =>
        Eval.AnyDiagnostics(expression, Input.Json("input1", "{\"name\":\"x\",\"address\":{}}"), Other).Should().Be(expected);

    [Fact]
    public void Evaluate_LateBoundMemberOfForbiddenType_ReadsAsNull()
    {
        var values = new Dictionary<string, object?> { ["tx"] = new Transaction { ClrType = typeof(string), Callback = () => { } } };
        var input = Input.Dictionary("input1", values);
        Eval.Run("input1.tx.ClrType == null && input1.tx.Callback == null && input1.tx.Currency == \"EUR\"", typeof(bool), null, input).Should().Be(true);
    }

    [Fact]
    public void Bind_DangerousCustomType_IsNotRegistered()
    {
        var options = new ExpressionCompilerOptions { CustomTypes = [typeof(File), typeof(Environment), typeof(Utils)] };
        Eval.Diagnostics("File.Exists(\"x\") || Utils.Twice(1) == 2", typeof(bool), options).Should().Be("1:1: 'File' is not accessible in expressions");
        Eval.Diagnostics("Environment.NewLine == \"x\"", typeof(bool), options).Should().Be("1:1: 'Environment' is not accessible in expressions");
    }

    [Fact]
    public void Evaluate_MethodOfInputType_IsAllowedWhenSideEffectFree() =>
        Eval.Run("input1.Describe(\"x\") == \"xindia\" && input1.ToString() != null", typeof(bool), null, Tx).Should().Be(true);

    [Theory]
    [InlineData("input1.Assembly == null", "1:8: members of 'Type' are not accessible in expressions")]
    [InlineData("input1.GetMethods().Length > 0", "1:8: method 'GetMethods' of 'Type' is not accessible in expressions")]
    [InlineData("input1.Name == \"String\"", "1:8: members of 'Type' are not accessible in expressions")]
    public void Bind_InputOfForbiddenType_IsRefused(string expression, string expected) =>
        Eval.Diagnostics(expression, new Input("input1", typeof(Type), typeof(string))).Should().Be(expected);

    [Fact]
    public void Bind_MethodOfTypeOnlyReachableThroughAProperty_IsRefusedUntilRegistered()
    {
        Eval.Diagnostics("input1.Customer.Greeting(\"Hi \") == \"Hi Ada\"", Tx)
            .Should().Be("1:17: method 'Greeting' of 'Customer' is not accessible in expressions; register 'Customer' in CustomTypes to call its methods");
        var options = new ExpressionCompilerOptions { CustomTypes = [typeof(Customer)] };
        Eval.Run("input1.Customer.Greeting(\"Hi \") == \"Hi Ada\"", typeof(bool), options, Tx).Should().Be(true);
        Eval.Run("customers.Any(c => c.Greeting(\"\") == \"Bo\")", typeof(bool), null, Input.Of("customers", new List<Customer> { new() { Name = "Bo" } }))
            .Should().Be(true);
        Eval.Run("input1.Customer.ToString() != null && input1.Customer.Equals(input1.Customer)", typeof(bool), null, Tx).Should().Be(true);
    }
}
