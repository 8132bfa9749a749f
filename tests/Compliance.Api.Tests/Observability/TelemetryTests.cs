using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Compliance.Api.Tests.Checks;
using Compliance.Api.Tests.Infrastructure;

namespace Compliance.Api.Tests.Observability;

/// <summary>OpenTelemetry: a check's trace spans HTTP, the rules and PostgreSQL; metrics are scraped by admins only.</summary>
public sealed class TelemetryTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task ACheck_IsOneTrace_FromTheRequestThroughTheRulesToPostgreSql()
    {
        using var recorder = new SpanRecorder("Microsoft.AspNetCore", "Compliance", "Npgsql");
        using var checks = await CheckClient.CreateAsync(factory);
        var customer = await checks.CustomerAsync();
        var traceId = ActivityTraceId.CreateRandom();

        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/checks") { Content = JsonContent.Create(CheckClient.Body("otel-1", customer, 120m)) };
        request.Headers.TryAddWithoutValidation("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        (await checks.Http.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.OK);

        var trace = await recorder.TraceAsync(traceId, "Microsoft.AspNetCore");

        var server = trace.Should().ContainSingle(s => s.Source.Name == "Microsoft.AspNetCore").Subject;
        server.Kind.Should().Be(ActivityKind.Server);
        var rules = trace.Should().ContainSingle(s => s.OperationName == "rules.evaluate").Subject;
        rules.GetTagItem("decision").Should().NotBeNull();
        rules.GetTagItem("rule_set").Should().NotBeNull();
        trace.Should().Contain(s => s.OperationName == "screening.counterparty", "the payee's name is screened");
        trace.Where(s => s.Source.Name == "Npgsql").Should().NotBeEmpty("the decision is stored in PostgreSQL in the same trace");
        trace.SelectMany(s => s.TagObjects).Select(t => t.Value?.ToString() ?? "").Should().NotContain(v => v.Contains("Payee GmbH"),
            "span tags carry codes and ids, never names");
    }

    [Fact]
    public async Task ARequestSpan_CarriesTheRouteTemplate_NotTheCustomerIdInThePath()
    {
        using var recorder = new SpanRecorder("Microsoft.AspNetCore");
        using var checks = await CheckClient.CreateAsync(factory);
        var customer = await checks.CustomerAsync();
        var traceId = ActivityTraceId.CreateRandom();

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/customers/{customer}");
        request.Headers.TryAddWithoutValidation("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        (await checks.Http.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.OK);

        var server = (await recorder.TraceAsync(traceId, "Microsoft.AspNetCore")).Should().ContainSingle().Subject;
        server.GetTagItem("url.path").Should().Be("/v1/customers/{id}");
        server.TagObjects.Select(t => t.Value?.ToString() ?? "").Should().NotContain(v => v.Contains(customer), "the customer id is a pseudonymous reference");
        server.DisplayName.Should().NotContain(customer);
    }

    [Fact]
    public async Task Metrics_AreScrapedInPrometheusFormat_ByAdminsOnly()
    {
        using var checks = await CheckClient.CreateAsync(factory);
        var customer = await checks.CustomerAsync(kycStatus: "none");
        CheckClient.ReasonCodes(await checks.DecideAsync(CheckClient.Body("otel-m-1", customer, 80m))).Should().Contain("KYC_NOT_VERIFIED");

        using var anonymous = factory.CreateClient();
        (await anonymous.GetAsync("/metrics")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await checks.Http.GetAsync("/metrics")).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        using var admin = factory.CreateAdminClient();
        string text = "";
        for (var i = 0; i < 20 && !text.Contains("compliance_checks_reasons_total{", StringComparison.Ordinal); i++)
        {
            // The exporter caches a scrape for a moment; a fresh one follows the check.
            await Task.Delay(i == 0 ? 0 : 400);
            var scrape = await admin.GetAsync("/metrics");
            scrape.StatusCode.Should().Be(HttpStatusCode.OK);
            scrape.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
            text = await scrape.Content.ReadAsStringAsync();
        }

        text.Should().Contain("compliance_checks_decisions_total{")
            .And.Contain("compliance_checks_reasons_total{")
            .And.Contain("compliance_checks_duration_milliseconds_bucket")
            .And.Contain("compliance_cache_lookups_total{")
            .And.Contain("http_server_request_duration_seconds_bucket")
            .And.Contain("dotnet_");
        text.Should().MatchRegex("compliance_checks_reasons_total\\{[^}]*reason_code=\"[A-Z_]+\"");
    }
}
