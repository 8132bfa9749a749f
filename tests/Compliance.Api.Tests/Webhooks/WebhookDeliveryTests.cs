using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Compliance.Api.Customers;
using Compliance.Api.Tests.Checks;
using Compliance.Api.Tests.Infrastructure;
using Compliance.Crypto;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Compliance.Api.Tests.Webhooks;

/// <summary>
/// A closed case's final answer reaches the client that asked for the check, signed, from the outbox:
/// against a real receiver that fails, hangs and recovers, and across a restart of the service.
/// </summary>
public sealed class WebhookDeliveryTests : IAsyncLifetime
{
    private readonly ApiFactory _factory = new();
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        _receiver = await WebhookReceiver.StartAsync();
        Configure(_factory);
        await _factory.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)_factory).DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task FinalAnswer_ArrivesSignedWithTheEndpointSecret()
    {
        var (client, secret) = await ClientAsync();
        var caseId = await ReviewAndCloseAsync(client, "hook-signed", "approved");

        var received = (await _receiver.WaitForAsync(r => r.Count >= 1)).Should().ContainSingle().Subject;
        Verify(received, secret).Should().BeTrue("the signature is HMAC-SHA256 over id.timestamp.body with the endpoint's secret");
        long.Parse(received.Timestamp, System.Globalization.CultureInfo.InvariantCulture).Should()
            .BeCloseTo(TimeProvider.System.GetUtcNow().ToUnixTimeSeconds(), 60);
        var body = JsonDocument.Parse(received.Body).RootElement;
        body.GetProperty("type").GetString().Should().Be("check.finalized");
        body.GetProperty("id").GetString().Should().Be(received.Id);
        var data = body.GetProperty("data");
        data.GetProperty("transactionId").GetString().Should().Be("hook-signed");
        data.GetProperty("finalDecision").GetString().Should().Be("allow");
        data.GetProperty("caseId").GetGuid().Should().Be(caseId);

        var delivery = await DeliveryAsync(client, "hook-signed", "delivered");
        delivery.GetProperty("attempts").GetInt32().Should().Be(1);
        delivery.GetProperty("lastStatus").GetInt32().Should().Be(200);
    }

    [Fact]
    public async Task ResolvedDispute_ArrivesSignedAsDisputeResolved()
    {
        var (client, secret) = await ClientAsync();
        var checks = new CheckClient(_factory, client);
        var customer = await checks.CustomerAsync();
        (await checks.DecideAsync(CheckClient.Body("hook-dispute", customer, 30m))).GetProperty("decision").GetString().Should().Be("allow");

        // 30 is under the shipped rule set's auto-accept limit for a first dispute: the rules end it at once.
        (await client.PostAsJsonAsync("/v1/disputes", new { disputeId = "hook-d", transactionId = "hook-dispute", kind = "complaint", reason = "not_received" }))
            .StatusCode.Should().Be(HttpStatusCode.Created);

        var received = (await _receiver.WaitForAsync(r => r.Count >= 1)).Should().ContainSingle().Subject;
        Verify(received, secret).Should().BeTrue();
        var body = JsonDocument.Parse(received.Body).RootElement;
        body.GetProperty("type").GetString().Should().Be("dispute.resolved");
        var data = body.GetProperty("data");
        data.GetProperty("disputeId").GetString().Should().Be("hook-d");
        data.GetProperty("transactionId").GetString().Should().Be("hook-dispute");
        data.GetProperty("resolution").GetString().Should().Be("accepted");
        data.GetProperty("resolvedBy").GetString().Should().Be("rules");
        data.GetProperty("refundedInFull").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task KekRotatedAndRewrapped_TheEndpointKeyMovesToo_AndStillSigns()
    {
        var (client, secret) = await ClientAsync();
        var crypto = _factory.Services.GetRequiredService<CryptoServices>();
        var oldKek = await crypto.Provider.GetCurrentKeyIdAsync();
        var newKek = await crypto.Provider.RotateAsync();

        await _factory.Services.GetRequiredService<KeyRewrap>().RunAsync("test", new Progress<(long, long)>(), CancellationToken.None);
        crypto.Cache.Clear();

        await using (var connection = new NpgsqlConnection(_factory.ConnectionString))
        {
            (await connection.QuerySingleAsync<int>("SELECT count(*)::int FROM webhook_endpoints WHERE kek_id = @oldKek", new { oldKek })).Should().Be(0);
            (await connection.QuerySingleAsync<int>("SELECT count(*)::int FROM webhook_endpoints WHERE kek_id = @newKek", new { newKek })).Should().BeGreaterThan(0);
        }

        (await _factory.Services.GetRequiredService<KeyRewrap>().StatusAsync(CancellationToken.None)).Single(s => s.KekId == oldKek).DataKeys.Should().Be(0);
        await ReviewAndCloseAsync(client, "hook-rewrapped", "approved");
        var received = (await _receiver.WaitForAsync(r => r.Count >= 1)).Should().ContainSingle().Subject;
        Verify(received, secret).Should().BeTrue("the secret decrypts under the rewrapped data key");
    }

    [Fact]
    public async Task PrivateAddresses_AreRefused_ByDefault_AtRegistrationAndWhenANameResolvesToOne()
    {
        var factory = new ApiFactory();
        factory.Set("Webhooks:PollMilliseconds", "50");
        factory.Set("Webhooks:MaxAttempts", "1");
        factory.Set("Webhooks:AttemptTimeoutSeconds", "1.5");
        await factory.InitializeAsync();
        try
        {
            await RefusedAsync(factory);
        }
        finally
        {
            await ((IAsyncLifetime)factory).DisposeAsync();
        }
    }

    [Fact]
    public async Task ReceiverFailsAndHangs_EventArrivesOnceItRecovers()
    {
        var (client, secret) = await ClientAsync();
        // 500s and a hang past the attempt timeout, across the handler's quick retries and the outbox's backoff.
        _receiver.Plan(500, 503, -3000, 500, 502);
        await ReviewAndCloseAsync(client, "hook-recovers", "declined");

        var delivery = await DeliveryAsync(client, "hook-recovers", "delivered");
        delivery.GetProperty("attempts").GetInt32().Should().BeGreaterThan(1);
        var received = _receiver.Received.Where(r => r.AnsweredWith == 200 && Verify(r, secret)).ToList();
        received.Should().NotBeEmpty();
        _receiver.Received.Select(r => r.Id).Distinct().Should().ContainSingle("every attempt carries the same webhook-id, so the receiver can deduplicate");
        JsonDocument.Parse(received[^1].Body).RootElement.GetProperty("data").GetProperty("finalDecision").GetString().Should().Be("block");
    }

    [Fact]
    public async Task ReceiverKeepsFailing_EventIsDead_RedeliveredOnRequest()
    {
        var (client, _) = await ClientAsync();
        _receiver.Otherwise = 500;
        await ReviewAndCloseAsync(client, "hook-dead", "approved");

        var dead = await DeliveryAsync(client, "hook-dead", "dead");
        dead.GetProperty("attempts").GetInt32().Should().Be(4);
        dead.GetProperty("lastError").GetString().Should().Be("HTTP 500");

        _receiver.Otherwise = 200;
        var redeliver = await client.PostAsync($"/v1/webhooks/deliveries/{dead.GetProperty("id").GetInt64()}/redeliver", null);
        redeliver.StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await DeliveryAsync(client, "hook-dead", "delivered")).GetProperty("attempts").GetInt32().Should().Be(1);
        (await client.PostAsync("/v1/webhooks/deliveries/999999999/redeliver", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task EventsOfOneTransaction_AreDeliveredInOrder()
    {
        var (client, _) = await ClientAsync();
        // The first event fails twice; a later event of the same transaction must wait for it.
        _receiver.Plan(500, 500, 500);
        await ReviewAndCloseAsync(client, "hook-order", "approved");
        await using (var connection = new NpgsqlConnection(_factory.ConnectionString))
        {
            await connection.ExecuteAsync("""
                INSERT INTO webhook_outbox (event_id, key_id, transaction_id, event_type, body, state, next_attempt_at, created_at)
                SELECT gen_random_uuid(), key_id, transaction_id, 'test.later', '{"type":"test.later"}', 'pending', now(), now()
                FROM webhook_outbox WHERE transaction_id = 'hook-order'
                """);
        }

        var received = await _receiver.WaitForAsync(r => r.Count(x => x.AnsweredWith == 200) >= 2);
        var firstOk = received.FindIndex(r => r.AnsweredWith == 200);
        JsonDocument.Parse(received[firstOk].Body).RootElement.GetProperty("type").GetString().Should().Be("check.finalized");
        received.Take(firstOk).Should().OnlyContain(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("type").GetString() == "check.finalized",
            "the later event is not sent while the earlier one is still pending");
    }

    [Fact]
    public async Task PendingEvents_SurviveARestartOfTheService()
    {
        // The first instance shares this class's database and keys; this class's own host is the restart.
        var first = new ApiFactory();
        Configure(first);
        first.Set("ConnectionStrings:Postgres", _factory.ConnectionString);
        first.Set("Vault:KeyDirectory", _factory.KeyDirectory);
        await first.InitializeAsync();
        string secret;
        try
        {
            _receiver.Otherwise = 503;
            (var client, secret) = await ClientAsync(first);
            await ReviewAndCloseAsync(client, "hook-restart", "approved", first);
            await _receiver.WaitForAsync(r => r.Count >= 1);
            client.Dispose();
        }
        finally
        {
            await ((IAsyncLifetime)first).DisposeAsync();
        }

        // The receiver back up; the host starts with its first client and finds the event once the old claim's lease ends.
        _receiver.Otherwise = 200;
        using var admin = _factory.CreateAdminClient();
        var received = await _receiver.WaitForAsync(r => r.Any(x => x.AnsweredWith == 200));
        Verify(received.First(x => x.AnsweredWith == 200), secret).Should().BeTrue();
        await using var connection = new NpgsqlConnection(_factory.ConnectionString);
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(10);
        while (await connection.ExecuteScalarAsync<string>("SELECT state FROM webhook_outbox WHERE transaction_id = 'hook-restart'") != "delivered")
        {
            TimeProvider.System.GetUtcNow().Should().BeBefore(deadline);
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task Rotation_SignsWithBothSecretsUntilThePreviousExpires()
    {
        var (client, oldSecret) = await ClientAsync();
        var rotated = await (await client.PostAsync("/v1/webhooks/endpoint/rotate", null)).Content.ReadFromJsonAsync<JsonElement>();
        var newSecret = rotated.GetProperty("secret").GetString()!;
        newSecret.Should().StartWith("whsec_").And.NotBe(oldSecret);

        await ReviewAndCloseAsync(client, "hook-rotated", "approved");
        var received = (await _receiver.WaitForAsync(r => r.Count >= 1)).Single();
        received.Signature.Split(' ').Should().HaveCount(2);
        Verify(received, oldSecret).Should().BeTrue();
        Verify(received, newSecret).Should().BeTrue();
    }

    [Fact]
    public async Task Endpoint_BadInputAndMissingEndpoint_AreProblems()
    {
        using var client = await _factory.CreateClientWithRolesAsync("checks:write");
        (await client.GetAsync("/v1/webhooks/endpoint")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.PostAsync("/v1/webhooks/endpoint/rotate", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        foreach (var url in new[] { "ftp://example.test/hooks", "not a url", "https://user:pass@example.test/hooks" })
        {
            var response = await client.PutAsJsonAsync("/v1/webhooks/endpoint", new { url });
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, url);
            (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("url", out _).Should().BeTrue();
        }

        var elsewhere = await client.PutAsJsonAsync("/v1/webhooks/endpoint", new { url = "https://internal.example.test/hooks" });
        elsewhere.StatusCode.Should().Be(HttpStatusCode.BadRequest, "the host is not in Webhooks:AllowedHosts");
        (await elsewhere.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("url")[0].GetString().Should().Contain("AllowedHosts");
        var set = await (await client.PutAsJsonAsync("/v1/webhooks/endpoint", new { url = "https://hooks.allowed.test/x" })).Content.ReadFromJsonAsync<JsonElement>();
        set.GetProperty("secret").GetString().Should().StartWith("whsec_", "a subdomain of an allowed .domain is allowed");
        var again = await (await client.PutAsJsonAsync("/v1/webhooks/endpoint", new { url = _receiver.Url + "?v=2" })).Content.ReadFromJsonAsync<JsonElement>();
        again.GetProperty("secret").ValueKind.Should().Be(JsonValueKind.Null, "the secret is shown once");
        (await client.GetFromJsonAsync<JsonElement>("/v1/webhooks/endpoint")).GetProperty("url").GetString().Should().EndWith("?v=2");
        await using var connection = new NpgsqlConnection(_factory.ConnectionString);
        var stored = await connection.ExecuteScalarAsync<byte[]>("SELECT secret FROM webhook_endpoints LIMIT 1");
        var secretBytes = Convert.FromBase64String(set.GetProperty("secret").GetString()!["whsec_".Length..]);
        stored!.AsSpan().IndexOf(secretBytes).Should().Be(-1, "the secret's bytes are stored only as ciphertext");
        Encoding.ASCII.GetString(stored!).Should().NotContain(set.GetProperty("secret").GetString()!["whsec_".Length..]);
        (await client.GetAsync("/v1/webhooks/deliveries?state=lost")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    /// <summary>With the default Webhooks:AllowPrivateAddresses (off): addresses refused at registration, a name refused when it connects.</summary>
    private async Task RefusedAsync(ApiFactory factory)
    {
        using var client = await factory.CreateClientWithRolesAsync("checks:write");

        foreach (var url in new[] { _receiver.Url, "http://10.1.2.3/hooks", "http://169.254.169.254/latest", "http://[::1]:8080/", "http://[fd00::1]/" })
        {
            var refused = await client.PutAsJsonAsync("/v1/webhooks/endpoint", new { url });
            refused.StatusCode.Should().Be(HttpStatusCode.BadRequest, url);
            (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("url")[0].GetString().Should().Contain("AllowPrivateAddresses");
        }

        // localhost is refused by name; any other name passes registration and is checked when the delivery connects.
        var named = new UriBuilder(_receiver.Url) { Host = "localhost" }.Uri.ToString();
        (await client.PutAsJsonAsync("/v1/webhooks/endpoint", new { url = named })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await client.PutAsJsonAsync("/v1/webhooks/endpoint", new { url = "https://hooks.example.com/compliance" })).StatusCode.Should().Be(HttpStatusCode.OK);

        // As if the name were re-pointed inward after registration (DNS rebinding): the connection is refused.
        await using (var connection = new NpgsqlConnection(factory.ConnectionString))
        {
            await connection.ExecuteAsync("UPDATE webhook_endpoints SET url = @named", new { named });
        }

        await ReviewAndCloseAsync(client, "hook-private", "approved", factory);

        var dead = await DeliveryAsync(client, "hook-private", "dead");
        dead.GetProperty("lastError").GetString().Should().Contain("loopback, private or reserved");
        _receiver.Received.Should().BeEmpty("nothing reached the receiver on loopback");
    }

    private static void Configure(ApiFactory factory)
    {
        factory.Set("Webhooks:PollMilliseconds", "50");
        factory.Set("Webhooks:FirstBackoffSeconds", "0.2");
        factory.Set("Webhooks:MaxBackoffSeconds", "0.4");
        factory.Set("Webhooks:MaxAttempts", "4");
        factory.Set("Webhooks:AttemptTimeoutSeconds", "1.5");
        factory.Set("Webhooks:AllowPrivateAddresses", "true");
        factory.Set("Webhooks:AllowedHosts:0", "127.0.0.1");
        factory.Set("Webhooks:AllowedHosts:1", ".allowed.test");
    }

    /// <summary>A client key with checks:write whose endpoint is the receiver, and its secret.</summary>
    private async Task<(HttpClient Client, string Secret)> ClientAsync(ApiFactory? factory = null)
    {
        var client = await (factory ?? _factory).CreateClientWithRolesAsync("checks:write");
        var set = await client.PutAsJsonAsync("/v1/webhooks/endpoint", new { url = _receiver.Url });
        set.StatusCode.Should().Be(HttpStatusCode.OK);
        return (client, (await set.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!);
    }

    /// <summary>A review by <paramref name="client"/>, its case worked to <paramref name="resolution"/> by an officer.</summary>
    private async Task<Guid> ReviewAndCloseAsync(HttpClient client, string transactionId, string resolution, ApiFactory? factory = null)
    {
        factory ??= _factory;
        var checks = new CheckClient(factory, client);
        var customer = await checks.CustomerAsync(kycStatus: "pending");
        (await checks.DecideAsync(CheckClient.Body(transactionId, customer, 100m))).GetProperty("decision").GetString().Should().Be("review");
        using var officer = await factory.CreateClientWithRolesAsync("cases:read", "cases:write");
        var cases = await officer.GetFromJsonAsync<JsonElement>("/v1/cases?limit=200");
        var id = cases.GetProperty("items").EnumerateArray().Single(c => c.GetProperty("customerId").GetString() == customer).GetProperty("id").GetGuid();
        (await officer.PostAsync($"/v1/cases/{id}/claim", null)).EnsureSuccessStatusCode();
        (await officer.PostAsJsonAsync($"/v1/cases/{id}/close", new { resolution, reason = "webhook test" })).EnsureSuccessStatusCode();
        return id;
    }

    private static async Task<JsonElement> DeliveryAsync(HttpClient client, string transactionId, string state)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(30);
        while (true)
        {
            var page = await client.GetFromJsonAsync<JsonElement>("/v1/webhooks/deliveries?limit=500");
            var delivery = page.GetProperty("items").EnumerateArray().SingleOrDefault(d => d.GetProperty("transactionId").GetString() == transactionId);
            if (delivery.ValueKind == JsonValueKind.Object && delivery.GetProperty("state").GetString() == state)
            {
                return delivery;
            }

            TimeProvider.System.GetUtcNow().Should().BeBefore(deadline, $"delivery of {transactionId} should become {state}: {delivery}");
            await Task.Delay(50);
        }
    }

    /// <summary>The receiver's side, as docs/webhooks.md shows it: any v1 signature that matches.</summary>
    private static bool Verify(ReceivedWebhook webhook, string secret)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var signed = Encoding.UTF8.GetBytes($"{webhook.Id}.{webhook.Timestamp}.").Concat(webhook.Body).ToArray();
        var expected = HMACSHA256.HashData(key, signed);
        return webhook.Signature.Split(' ').Any(s => s.StartsWith("v1,", StringComparison.Ordinal)
            && CryptographicOperations.FixedTimeEquals(Convert.FromBase64String(s[3..]), expected));
    }
}
