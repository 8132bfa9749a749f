using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Compliance.Api.Tests.Webhooks;

/// <summary>One webhook request as the receiver saw it.</summary>
internal sealed record ReceivedWebhook(string Id, string Timestamp, string Signature, byte[] Body, int AnsweredWith);

/// <summary>
/// A real HTTP receiver on loopback (Kestrel), whose answers the test scripts: each request gets the
/// next status of <see cref="Plan"/> (a negative one: hang that many milliseconds, then 200), then
/// <see cref="Otherwise"/> once the plan is used up.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _plan = new();

    private WebhookReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    public int Otherwise { get; set; } = 200;

    public string Url { get; private set; } = "";

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hooks", receiver.HandleAsync);
        await app.StartAsync();
        receiver.Url = app.Urls.Single() + "/hooks";
        return receiver;
    }

    public void Plan(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            _plan.Enqueue(status);
        }
    }

    public async Task<List<ReceivedWebhook>> WaitForAsync(Func<IReadOnlyCollection<ReceivedWebhook>, bool> done, int seconds = 30)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(seconds);
        while (!done(Received))
        {
            TimeProvider.System.GetUtcNow().Should().BeBefore(deadline, "the webhooks should have arrived: {0}", string.Join(", ", Received.Select(r => $"{r.Id}:{r.AnsweredWith}")));
            await Task.Delay(50);
        }

        return [.. Received];
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var status = _plan.TryDequeue(out var planned) ? planned : Otherwise;
        if (status < 0)
        {
            try
            {
                await Task.Delay(-status, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The sender gave up: that is the point.
            }

            status = 200;
        }

        Received.Enqueue(new ReceivedWebhook(
            context.Request.Headers["webhook-id"].ToString(), context.Request.Headers["webhook-timestamp"].ToString(),
            context.Request.Headers["webhook-signature"].ToString(), buffer.ToArray(), status));
        context.Response.StatusCode = status;
    }
}
