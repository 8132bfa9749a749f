using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Compliance.Api.Kyc.Callbacks;
using Microsoft.AspNetCore.Http;

namespace Compliance.Api.Tests.Kyc.Callbacks;

/// <summary>
/// The suite every <see cref="IKycEventReader"/> passes: stable ids for a resend, different ids for different
/// events, a precise <see cref="KycEventFormatException"/> for bodies that are not events, and no personal
/// data from the sample (which carries some) in anything the event holds.
/// </summary>
public abstract class KycEventReaderContractTests
{
    /// <summary>Markers planted in the PII fields of the samples; none may appear in an event.</summary>
    protected static readonly string[] PiiMarkers = ["Jane", "Doe", "1990-02-03", "X1234567", "jane@example.com", "Baker Street"];

    internal abstract IKycEventReader Reader { get; }

    protected abstract string ExpectedProvider { get; }

    /// <summary>A realistic event of the provider, with personal data in the fields the provider sends it in.</summary>
    protected abstract string Sample { get; }

    /// <summary>A different event about the same subject.</summary>
    protected abstract string OtherSample { get; }

    protected virtual HeaderDictionary SampleHeaders => new();

    protected virtual HeaderDictionary OtherSampleHeaders => SampleHeaders;

    private protected KycCallbackEvent Read(string body, IHeaderDictionary? headers = null)
    {
        using var document = JsonDocument.Parse(body);
        return Reader.Read(document.RootElement, headers ?? SampleHeaders, Encoding.UTF8.GetBytes(body));
    }

    private protected KycEventFormatException ReadFails(string body, IHeaderDictionary? headers = null)
    {
        var act = () => Read(body, headers);
        var exception = act.Should().Throw<KycEventFormatException>().Which;
        exception.Provider.Should().Be(ExpectedProvider);
        return exception;
    }

    [Fact]
    public void Provider_IsTheConfiguredName() => Reader.Provider.Should().Be(ExpectedProvider);

    [Theory]
    [InlineData("[]")]
    [InlineData("\"event\"")]
    [InlineData("42")]
    [InlineData("null")]
    public void Read_BodyNotAnObject_ThrowsFormatException(string body) =>
        ReadFails(body).Message.Should().Contain("not a JSON object");

    [Fact]
    public void Read_EmptyObject_ThrowsFormatException() => ReadFails("{}");

    [Fact]
    public void Read_SameBodyTwice_GivesSameEventId() =>
        Read(Sample).EventId.Should().Be(Read(Sample).EventId).And.NotBeNullOrWhiteSpace();

    [Fact]
    public void Read_DifferentEvent_GivesDifferentEventId() =>
        Read(OtherSample, OtherSampleHeaders).EventId.Should().NotBe(Read(Sample).EventId);

    [Fact]
    public void Read_SampleWithPersonalData_CopiesNoneOfIt()
    {
        var json = JsonSerializer.Serialize(Read(Sample));

        foreach (var marker in PiiMarkers)
        {
            json.Should().NotContain(marker);
        }
    }

    [Fact]
    public void Read_AnyFieldOfTheWrongKind_ThrowsOnlyFormatException()
    {
        JsonNode?[] replacements = [42, -1.5, "x", "", true, new JsonArray(), new JsonObject(), null];
        var paths = new List<string[]>();
        CollectPaths(JsonNode.Parse(Sample)!, [], paths);

        foreach (var path in paths)
        {
            foreach (var replacement in replacements)
            {
                var root = JsonNode.Parse(Sample)!;
                var parent = path[..^1].Aggregate(root, (node, name) => node[name]!);
                parent[path[^1]] = replacement?.DeepClone();

                // Either a (possibly different) event or a format error; never a crash of another kind.
                try
                {
                    Read(root.ToJsonString());
                }
                catch (KycEventFormatException)
                {
                }
                catch (Exception e)
                {
                    throw new Xunit.Sdk.XunitException($"{string.Join('.', path)} = {replacement?.ToJsonString() ?? "null"}: {e}");
                }
            }
        }
    }

    private static void CollectPaths(JsonNode node, string[] prefix, List<string[]> paths)
    {
        if (node is not JsonObject obj)
        {
            return;
        }

        foreach (var (name, child) in obj)
        {
            string[] path = [.. prefix, name];
            paths.Add(path);
            if (child is not null)
            {
                CollectPaths(child, path, paths);
            }
        }
    }
}
