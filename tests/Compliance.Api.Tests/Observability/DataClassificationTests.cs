using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Compliance.Classification;
using Microsoft.Extensions.Logging;

namespace Compliance.Api.Tests.Observability;

/// <summary>
/// The data classes are what keeps personal data out of telemetry, so their absence must fail: a
/// member named like personal data without a class, a log parameter naming a customer without one,
/// or a classified type whose <c>ToString</c> prints what it holds.
/// </summary>
public sealed class DataClassificationTests
{
    private static readonly Assembly Api = typeof(DataClasses).Assembly;

    // Members with these names hold a person's data wherever they appear (ciphertext columns are byte[] and exempt).
    private static readonly HashSet<string> PersonalNames = new(StringComparer.Ordinal)
    {
        "FullName", "DateOfBirth", "NationalId", "DocumentNumber", "Email", "Phone", "Address", "Nationality", "BirthYear", "BirthMonth",
    };

    private static readonly HashSet<string> SecretNames = new(StringComparer.Ordinal) { "Secret", "Token" };

    private static IEnumerable<Type> ApiTypes => Api.GetTypes().Where(t => !t.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute)));

    [Fact]
    public void EveryMemberNamedLikePersonalOrSecretData_CarriesADataClass()
    {
        var untagged =
            from type in ApiTypes
            from property in type.GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            where (PersonalNames.Contains(property.Name) || SecretNames.Contains(property.Name))
                && property.PropertyType != typeof(byte[]) && !Classified.IsClassified(property)
            select $"{type.FullName}.{property.Name}";

        untagged.Should().BeEmpty("personal and secret data must carry [PersonalData] or [SecretData] so logging redacts it");
    }

    [Fact]
    public void EveryLogMessageNamingACustomer_ClassifiesTheId_AndNoneTakesAClassifiedObjectWhole()
    {
        var parameters = (
            from type in ApiTypes
            from method in type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            where method.IsDefined(typeof(LoggerMessageAttribute))
            from parameter in method.GetParameters()
            select (Method: $"{type.Name}.{method.Name}", Parameter: parameter)).ToList();
        parameters.Should().HaveCountGreaterThan(50, "the scan must see the service's log messages");

        parameters.Where(p => p.Parameter.Name!.Contains("customer", StringComparison.OrdinalIgnoreCase) && !p.Parameter.IsDefined(typeof(DataClassificationAttribute)))
            .Select(p => $"{p.Method}({p.Parameter.Name})").Should().BeEmpty("a customer id is logged only as its pseudonym");
        parameters.Where(p => HasClassifiedMembers(p.Parameter.ParameterType))
            .Select(p => $"{p.Method}({p.Parameter.Name})").Should().BeEmpty("a type with classified members is never a log parameter as a whole");
    }

    [Fact]
    public void EveryTypeWithClassifiedMembers_PrintsThemRedacted()
    {
        var classifiedTypes = ApiTypes.Where(HasClassifiedMembers).ToList();
        classifiedTypes.Select(t => t.Name).Should().Contain(["CreateCustomerRequest", "CustomerPii", "CounterpartyInput", "CheckRequest", "CompanyParty", "CaseComment"]);

        foreach (var type in classifiedTypes)
        {
            var (instance, classifiedValues, plainValue) = Build(type);
            var text = instance.ToString()!;

            text.Should().StartWith(type.Name, $"{type.Name} overrides ToString with Classified.Describe");
            foreach (var value in classifiedValues)
            {
                text.Should().NotContain(value, $"{type.Name}.ToString() must not print a classified value");
            }

            text.Should().Contain(RedactedMarker.Text);
            if (plainValue is not null)
            {
                text.Should().Contain(plainValue, $"{type.Name}.ToString() still shows its unclassified members");
            }
        }
    }

    [Fact]
    public void ALoggerThatDoesNotRedact_PrintsAClassifiedParameterAsNull_NeverTheValue()
    {
        var captured = new Infrastructure.CapturedLogs();
        using (var plain = LoggerFactory.Create(logging => logging.AddProvider(captured)))
        {
            Compliance.Api.Customers.CustomerLog.Created(plain.CreateLogger("plain"), "cust-unredacted-77", 2);
        }

        captured.Lines.Should().ContainSingle().Which.Should().Contain("Customer (null) created with 2").And.NotContain("cust-unredacted-77");
    }

    [Fact]
    public void Describe_PrintsUnclassifiedMembers_AndMarksClassifiedOnes()
    {
        var payee = new Compliance.Api.Checks.CounterpartyInput("Payee GmbH", "DE", "DE44500105175407324931");

        payee.ToString().Should().Be("CounterpartyInput { Name = [redacted], Country = DE, Account = [redacted] }");
    }

    private static bool HasClassifiedMembers(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Any(Classified.IsClassified);

    /// <summary>An instance from the widest constructor, each argument a recognisable value.</summary>
    private static (object Instance, List<string> ClassifiedValues, string? PlainValue) Build(Type type)
    {
        var constructor = type.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance).MaxBy(c => c.GetParameters().Length)!;
        var classified = new List<string>();
        string? plain = null;
        var arguments = constructor.GetParameters().Select((parameter, i) =>
        {
            var marker = $"value{i:D2}zq";
            var isClassified = type.GetProperty(parameter.Name!) is { } property && Classified.IsClassified(property);
            var argument = Sample(parameter.ParameterType, marker, 1900 + i);
            if (argument is not null && isClassified)
            {
                classified.Add(argument is int number ? number.ToString(System.Globalization.CultureInfo.InvariantCulture) : marker);
            }
            else if (argument is string)
            {
                plain ??= marker;
            }

            return argument;
        }).ToArray();
        return (constructor.Invoke(arguments), classified, plain);
    }

    private static object? Sample(Type type, string marker, int number)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying switch
        {
            _ when underlying == typeof(string) => marker,
            _ when underlying == typeof(int) => number,
            _ when underlying == typeof(long) => (long)number,
            _ when underlying == typeof(bool) => true,
            _ when underlying == typeof(decimal) => 12.5m,
            _ when underlying == typeof(Guid) => Guid.Empty,
            _ when underlying == typeof(DateTimeOffset) => DateTimeOffset.UnixEpoch,
            _ when underlying == typeof(DateOnly) => DateOnly.MinValue,
            _ when underlying == typeof(JsonElement) => JsonDocument.Parse($"{{\"note\":\"{marker}\"}}").RootElement,
            _ when underlying.IsAssignableFrom(typeof(string[])) => new[] { marker },
            _ when underlying.IsValueType => Activator.CreateInstance(underlying),
            _ => null,
        };
    }
}
