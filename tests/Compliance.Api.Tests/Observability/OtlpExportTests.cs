using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Compliance.Api.Tests.Checks;
using Compliance.Api.Tests.Infrastructure;
using Xunit;

namespace Compliance.Api.Tests.Observability;

/// <summary>
/// Traces and metrics pushed over OTLP reach a collector: a stand-in collector (an HTTP listener
/// taking OTLP/HTTP protobuf, as an OpenTelemetry Collector on port 4318 does) receives both signals.
/// </summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task WithACollectorConfigured_TheCheckTraceAndTheDecisionMetricArriveOverOtlpHttp()
    {
        var port = ServiceProcess.FreePort();
        using var collector = new HttpListener { Prefixes = { $"http://127.0.0.1:{port}/" } };
        collector.Start();
        var received = new ConcurrentQueue<(string Path, string ContentType, byte[] Body)>();
        var accepting = Task.Run(async () =>
        {
            while (collector.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await collector.GetContextAsync();
                }
                catch (HttpListenerException)
                {
                    return;
                }
                catch (ObjectDisposedException)
                {
                    return;
                }

                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                received.Enqueue((context.Request.Url!.AbsolutePath, context.Request.ContentType ?? "", body.ToArray()));
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/x-protobuf";
                context.Response.Close();
            }
        });

        var factory = new ApiFactory();
        factory.Set("Telemetry:OtlpEndpoint", $"http://127.0.0.1:{port}");
        factory.Set("Telemetry:OtlpProtocol", "http/protobuf");
        await factory.InitializeAsync();
        try
        {
            using var checks = await CheckClient.CreateAsync(factory);
            (await checks.DecideAsync(CheckClient.Body("otlp-1", await checks.CustomerAsync(), 120m))).GetProperty("decision").GetString().Should().NotBeNull();
        }
        finally
        {
            // Stopping the host flushes both exporters.
            await ((IAsyncLifetime)factory).DisposeAsync();
        }

        collector.Stop();
        await accepting;
        var traces = received.Where(r => r.Path == "/v1/traces").ToList();
        var metrics = received.Where(r => r.Path == "/v1/metrics").ToList();
        traces.Should().NotBeEmpty();
        metrics.Should().NotBeEmpty();
        received.Select(r => r.ContentType).Should().OnlyContain(type => type == "application/x-protobuf");

        // Protobuf keeps strings as UTF-8: the service's name, the rules span and the decision counter are in the payloads.
        var traceText = string.Concat(traces.Select(t => Encoding.UTF8.GetString(t.Body)));
        traceText.Should().Contain("compliance").And.Contain("rules.evaluate").And.Contain("POST /v1/checks");
        string.Concat(metrics.Select(m => Encoding.UTF8.GetString(m.Body))).Should().Contain("compliance.checks.decisions");
    }
}
