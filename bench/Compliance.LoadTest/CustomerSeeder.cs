using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Compliance.LoadTest;

/// <summary>Creates the customers the checks refer to, through the API; an existing one (409) is fine.</summary>
internal static class CustomerSeeder
{
    private static readonly string[] Risk = ["low", "low", "low", "medium", "high"];
    private static readonly string[] Segments = ["retail", "retail", "business"];

    public static async Task SeedAsync(HttpClient client, string apiKey, int count, string prefix, CancellationToken cancellationToken)
    {
        var failed = 0;
        await Parallel.ForAsync(1, count + 1, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var body = string.Create(CultureInfo.InvariantCulture,
                $$"""{"id":"{{prefix}}{{i}}","fullName":"Load Customer {{i}}","country":"DE","riskRating":"{{Risk[i % Risk.Length]}}","segment":"{{Segments[i % Segments.Length]}}"}""");
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/v1/customers", UriKind.Relative))
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
            using var response = await client.SendAsync(request, ct);
            if (response.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.OK or HttpStatusCode.Conflict))
            {
                if (Interlocked.Increment(ref failed) <= 3)
                {
                    await Console.Error.WriteLineAsync($"seed {prefix}{i}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
                }
            }
        });
        if (failed > 0)
        {
            throw new InvalidOperationException($"{failed} of {count} customers could not be created.");
        }
    }
}
