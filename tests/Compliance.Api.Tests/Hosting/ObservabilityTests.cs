using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Compliance.Api.Tests.Infrastructure;

namespace Compliance.Api.Tests.Hosting;

public sealed class ObservabilityTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Logs_WhileKeysAreCreatedUsedAndRefused_NeverContainSecrets()
    {
        using var admin = factory.CreateAdminClient();
        var created = await (await admin.PostAsJsonAsync("/v1/admin/api-keys", new { name = "logged", roles = new[] { "admin" } }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var secret = created.GetProperty("key").GetString()!;
        using var client = factory.CreateClient(secret);
        await client.GetAsync("/v1/admin/api-keys");
        using var wrong = factory.CreateClient("cmp_wrong_key_that_must_not_be_logged");
        (await wrong.GetAsync("/v1/admin/api-keys")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        factory.Logs.Lines.Should().NotBeEmpty();
        factory.Logs.All.Should().NotContain(secret)
            .And.NotContain(ApiFactory.AdminKey)
            .And.NotContain("cmp_wrong_key_that_must_not_be_logged");
        factory.Logs.All.Should().Contain("API key authentication failed: unknown_key", "refusals are logged by code");
    }

    [Fact]
    public async Task Logs_DuringARequest_CarryItsRequestId()
    {
        using var client = factory.CreateClient("cmp_unknown_key_for_request_id_test");
        client.DefaultRequestHeaders.Add("X-Request-Id", "trace-me-42");

        await client.GetAsync("/v1/admin/api-keys");

        factory.Logs.Lines.Should().Contain(l => l.Contains("authentication failed", StringComparison.Ordinal) && l.Contains("RequestId:trace-me-42", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Metrics_RefusedKey_IsCountedByReason()
    {
        var measurements = new List<(long Value, string? Reason)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Compliance" && instrument.Name == "compliance.auth.failures")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            lock (measurements)
            {
                measurements.Add((value, tags.ToArray().FirstOrDefault(t => t.Key == "reason").Value as string));
            }
        });
        listener.Start();
        using var client = factory.CreateClient("cmp_counted_unknown_key");

        await client.GetAsync("/v1/admin/api-keys");

        lock (measurements)
        {
            measurements.Should().Contain((1, "unknown_key"));
        }
    }
}
