using System.Diagnostics;
using System.Globalization;

namespace Compliance.LoadTest;

/// <summary>Sends one request, reads the whole answer, and records the time from <c>startTicks</c>.</summary>
internal static class RequestSender
{
    public static async Task SendAsync(HttpClient client, ILoadTarget target, long sequence, long startTicks, LatencyRecorder? recorder)
    {
        var sentTicks = Stopwatch.GetTimestamp();
        string outcome;
        try
        {
            using var request = target.Create(sequence);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            outcome = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        }
        catch (HttpRequestException e)
        {
            outcome = e.HttpRequestError.ToString();
        }
        catch (TaskCanceledException)
        {
            outcome = "timeout";
        }

        recorder?.Record(Stopwatch.GetTimestamp() - startTicks, sentTicks - startTicks, outcome);
    }
}
