using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace Compliance.LoadTest;

/// <summary>
/// <c>POST /v1/checks</c> with varied bodies: customers spread evenly, mostly small amounts with a
/// few large ones, EUR/USD/GBP, a handful of regular counterparties per customer and some new ones.
/// Transaction ids carry a per-run prefix, so every request is a new check (no replays). With hot
/// customers, that share of the checks goes to the first few customers instead.
/// </summary>
internal sealed class ChecksTarget(string apiKey, int customers, string customerPrefix, int hotCustomers, double hotShare, TimeProvider time) : ILoadTarget
{
    private static readonly Uri Path = new("/v1/checks", UriKind.Relative);
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private static readonly string[] Countries = ["FR", "DE", "NL", "ES", "IT", "GB", "US", "PL"];
    private static readonly string[] Channels = ["online", "mobile", "branch"];

    private readonly AuthenticationHeaderValue _authorization = new("Bearer", apiKey);
    private readonly string _run = Convert.ToHexStringLower(BitConverter.GetBytes(Random.Shared.NextInt64()))[..10];

    public HttpRequestMessage Create(long sequence)
    {
        var random = Random.Shared;
        var customer = hotCustomers > 0 && random.NextDouble() < hotShare ? random.Next(1, hotCustomers + 1) : random.Next(1, customers + 1);
        var roll = random.Next(100);

        // 95% small (1-500), 4% medium (500-5,000), 1% large (5,000-50,000).
        var amount = roll < 95 ? 1 + (random.NextDouble() * 499) : roll < 99 ? 500 + (random.NextDouble() * 4500) : 5000 + (random.NextDouble() * 45000);
        var currencyRoll = random.Next(100);
        var currency = currencyRoll < 60 ? "EUR" : currencyRoll < 85 ? "USD" : "GBP";
        var type = random.Next(100) < 85 ? "transfer" : "card_payment";

        // Most payments go to one of a customer's four usual payees; one in ten to a new one.
        var account = random.Next(10) == 0
            ? string.Create(CultureInfo.InvariantCulture, $"FR76-n{_run}-{sequence}")
            : string.Create(CultureInfo.InvariantCulture, $"FR76-{customer}-{random.Next(4)}");
        var country = Countries[(customer + account.Length) % Countries.Length];
        var occurredAt = time.GetUtcNow().AddSeconds(-random.Next(120)).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        var body = string.Create(CultureInfo.InvariantCulture,
            $$"""{"transactionId":"lt-{{_run}}-{{sequence}}","customerId":"{{customerPrefix}}{{customer}}","type":"{{type}}","direction":"outbound","amount":{{amount:0.00}},"currency":"{{currency}}","channel":"{{Channels[sequence % Channels.Length]}}","counterparty":{"name":"Payee {{customer}}","country":"{{country}}","account":"{{account}}"},"occurredAt":"{{occurredAt}}"}""");
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = Json;
        var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = content };
        request.Headers.Authorization = _authorization;
        return request;
    }
}
