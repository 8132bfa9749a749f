using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Compliance.Api.Tests.Infrastructure;

namespace Compliance.Api.Tests.Checks;

public sealed class CheckApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Check_OrdinaryPaymentOfAVerifiedCustomer_IsAllowedWithNoReasons()
    {
        using var checks = await CheckClient.CreateAsync(factory);
        var customer = await checks.CustomerAsync();

        var decision = await checks.DecideAsync(CheckClient.Body("allow-1", customer, 125.50m));

        decision.GetProperty("decision").GetString().Should().Be("allow");
        decision.GetProperty("score").GetInt32().Should().Be(0);
        decision.GetProperty("reasons").GetArrayLength().Should().Be(0);
        decision.GetProperty("ruleSet").GetProperty("name").GetString().Should().Be("pre-transaction");
        decision.GetProperty("ruleSet").GetProperty("version").GetInt32().Should().Be(1);
        decision.GetProperty("ratesVersion").GetInt32().Should().Be(1);
        decision.GetProperty("checkId").GetGuid().Should().NotBeEmpty();
    }

    [Fact]
    public async Task Check_UnknownCustomer_IsBlockedNotAnError()
    {
        using var checks = await CheckClient.CreateAsync(factory);

        var decision = await checks.DecideAsync(CheckClient.Body("unknown-1", "nobody-we-know", 50m));

        decision.GetProperty("decision").GetString().Should().Be("block");
        CheckClient.ReasonCodes(decision).Should().Contain("CUSTOMER_UNKNOWN");
    }

    [Fact]
    public async Task Check_ReasonsCarryCodesOutcomesAndRenderedMessages()
    {
        using var checks = await CheckClient.CreateAsync(factory);
        var customer = await checks.CustomerAsync(kycStatus: "pending");

        var decision = await checks.DecideAsync(CheckClient.Body("reasons-1", customer, 12000m, counterpartyCountry: "NG", account: "NG-ACCT-1"));

        decision.GetProperty("decision").GetString().Should().Be("review");
        var reasons = decision.GetProperty("reasons").EnumerateArray().ToDictionary(r => r.GetProperty("reasonCode").GetString()!);
        reasons.Keys.Should().Contain(["KYC_NOT_VERIFIED", "AMOUNT_LARGE", "HIGH_RISK_COUNTRY", "NEW_PAYEE_ABROAD", "ROUND_AMOUNT"]);
        reasons["AMOUNT_LARGE"].GetProperty("message").GetString().Should().Be("Amount 12000 is at or above the 10000 reporting threshold");
        reasons["KYC_NOT_VERIFIED"].GetProperty("message").GetString().Should().Be("Identity verification is pending");
        reasons["HIGH_RISK_COUNTRY"].GetProperty("outcome").GetString().Should().Be("score");
        decision.GetProperty("score").GetInt32().Should().Be(reasons.Values.Sum(r => r.GetProperty("score").GetInt32()));
    }

    [Fact]
    public async Task Check_OtherCurrency_ConvertsToTheBaseCurrencyForLimits()
    {
        using var checks = await CheckClient.CreateAsync(factory);
        var customer = await checks.CustomerAsync();

        // 11,000 USD at the seeded 0.92 is 10,120 EUR: over the 10,000 EUR reporting threshold.
        var decision = await checks.DecideAsync(CheckClient.Body("usd-1", customer, 11000m, currency: "USD"));

        CheckClient.ReasonCodes(decision).Should().Contain("AMOUNT_LARGE");
        var stored = await checks.Http.GetFromJsonAsync<JsonElement>("/v1/checks/usd-1");
        stored.GetProperty("facts").GetProperty("transaction").GetProperty("amountBase").GetDecimal().Should().Be(10120m);
    }

    [Fact]
    public async Task Check_SameTransactionAndBody_ReplaysTheStoredAnswerWithoutCountingTwice()
    {
        using var checks = await CheckClient.CreateAsync(factory);
        var customer = await checks.CustomerAsync();
        var body = CheckClient.Body("idem-1", customer, 15000m);

        var first = await checks.DecideAsync(body);
        var second = await checks.DecideAsync(body);

        second.GetRawText().Should().Be(first.GetRawText());
        (await checks.DecisionCountAsync("idem-1")).Should().Be(1);
        var next = await checks.DecideAsync(CheckClient.Body("idem-2", customer, 100m));
        var stored = await checks.Http.GetFromJsonAsync<JsonElement>("/v1/checks/idem-2");
        stored.GetProperty("facts").GetProperty("velocity").GetProperty("sumToday").GetDecimal().Should().Be(15000m, "the replay did not count again");
        next.GetProperty("decision").GetString().Should().NotBeNull();
    }

    [Fact]
    public async Task Check_SameTransactionDifferentBody_Is409AndTheFirstStands()
    {
        using var checks = await CheckClient.CreateAsync(factory);
        var customer = await checks.CustomerAsync();
        var first = await checks.DecideAsync(CheckClient.Body("idem-409", customer, 100m));

        var response = await checks.PostAsync(CheckClient.Body("idem-409", customer, 200m));

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var stored = await checks.Http.GetFromJsonAsync<JsonElement>("/v1/checks/idem-409");
        stored.GetProperty("response").GetProperty("checkId").GetGuid().Should().Be(first.GetProperty("checkId").GetGuid());
    }

    [Theory]
    [InlineData("""{"customerId":"c","type":"transfer","amount":10,"currency":"EUR"}""", "transactionId")]
    [InlineData("""{"transactionId":"bad-1","type":"transfer","amount":10,"currency":"EUR"}""", "customerId")]
    [InlineData("""{"transactionId":"bad-2","customerId":"c","type":"transfer","amount":0,"currency":"EUR"}""", "amount")]
    [InlineData("""{"transactionId":"bad-3","customerId":"c","type":"transfer","amount":-5,"currency":"EUR"}""", "amount")]
    [InlineData("""{"transactionId":"bad-4","customerId":"c","type":"transfer","amount":"12","currency":"EUR"}""", "amount")]
    [InlineData("""{"transactionId":"bad-5","customerId":"c","type":"transfer","currency":"EUR"}""", "amount")]
    [InlineData("""{"transactionId":"bad-6","customerId":"c","type":"transfer","amount":10,"currency":"EURO"}""", "currency")]
    [InlineData("""{"transactionId":"bad-7","customerId":"c","type":"transfer","amount":10,"currency":"XTS"}""", "currency")]
    [InlineData("""{"transactionId":"bad-8","customerId":"c","amount":10,"currency":"EUR"}""", "type")]
    [InlineData("""{"transactionId":"bad-9","customerId":"c","type":"transfer","amount":10,"currency":"EUR","counterparty":{"country":"Narnia"}}""", "counterparty.country")]
    [InlineData("""{"transactionId":"bad-10","customerId":"c","type":"transfer","amount":10,"currency":"EUR","occurredAt":"2026-11-21T10:00:00"}""", "occurredAt")]
    [InlineData("""{"transactionId":"bad-11","customerId":"c","type":"transfer","amount":10,"currency":"EUR","direction":"sideways"}""", "direction")]
    [InlineData("""{"transactionId":"bad 12","customerId":"c","type":"transfer","amount":10,"currency":"EUR"}""", "transactionId")]
    [InlineData("""{"transactionId":"bad-13","customerId":"c","type":"transfer","amount":10.12345,"currency":"EUR"}""", "amount")]
    [InlineData("""{"transactionId":"bad-14","customerId":"c","type":"transfer","amount":10,"currency":"EUR","metadata":[1]}""", "metadata")]
    [InlineData("""{"transactionId":"bad-15",""", "body")]
    [InlineData("""[1,2]""", "body")]
    public async Task Check_BadInput_Is400NamingTheFieldAndStoresNothing(string body, string field)
    {
        using var checks = await CheckClient.CreateAsync(factory);
        var before = await checks.DecisionCountAsync();

        var response = await checks.Http.PostAsync("/v1/checks", new StringContent(body, Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.TryGetProperty(field, out _).Should().BeTrue($"the problem names {field}: {errors}");
        (await checks.DecisionCountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task Check_OversizedBody_Is400()
    {
        using var checks = await CheckClient.CreateAsync(factory);
        var huge = "{\"transactionId\":\"big\",\"metadata\":{\"x\":\"" + new string('a', 70 * 1024) + "\"}}";

        var response = await checks.Http.PostAsync("/v1/checks", new StringContent(huge, Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("larger than 64 KB");
    }

    [Fact]
    public async Task Check_WithoutAKey_Is401_AndWithoutTheRole_Is403()
    {
        using var anonymous = factory.CreateClient();
        using var reader = await factory.CreateClientWithRolesAsync("pii:read");

        (await anonymous.PostAsJsonAsync("/v1/checks", CheckClient.Body("auth-1", "c", 1m))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await reader.PostAsJsonAsync("/v1/checks", CheckClient.Body("auth-2", "c", 1m))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Check_OverTheKeysRateLimit_Is429WithRetryAfter()
    {
        using var admin = factory.CreateAdminClient();
        var created = await (await admin.PostAsJsonAsync("/v1/admin/api-keys", new { name = "slow-payments", roles = new[] { "checks:write" }, rateLimitPerSecond = 2 }))
            .Content.ReadFromJsonAsync<JsonElement>();
        using var client = factory.CreateClient(created.GetProperty("key").GetString()!);

        var statuses = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add(await client.PostAsJsonAsync("/v1/checks", CheckClient.Body($"rate-{i}", "rate-customer", 1m)));
        }

        var limited = statuses.Where(s => s.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        limited.Should().NotBeEmpty();
        limited[0].Headers.RetryAfter.Should().NotBeNull();
    }

    [Fact]
    public async Task Get_ReturnsTheDecisionWithItsFactsAndARequestWithoutThePayeesNameOrAccount()
    {
        using var checks = await CheckClient.CreateAsync(factory);
        var customer = await checks.CustomerAsync();
        await checks.DecideAsync(CheckClient.Body("explain-1", customer, 700m, account: "FR7630006000011234567890189"));

        var stored = await checks.Http.GetFromJsonAsync<JsonElement>("/v1/checks/explain-1");

        stored.GetProperty("response").GetProperty("transactionId").GetString().Should().Be("explain-1");
        stored.GetProperty("facts").GetProperty("customer").GetProperty("kycStatus").GetString().Should().Be("approved");
        stored.GetProperty("facts").GetProperty("velocity").GetProperty("count24h").GetInt32().Should().Be(0);
        var raw = stored.GetProperty("request").GetRawText();
        raw.Should().NotContain("Payee GmbH").And.NotContain("FR7630006000011234567890189");
        (await checks.Http.GetAsync("/v1/checks/never-checked")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Outcome_Reversal_ReleasesTheAmountFromVelocity()
    {
        using var checks = await CheckClient.CreateAsync(factory);
        var customer = await checks.CustomerAsync();
        for (var i = 0; i < 5; i++)
        {
            (await checks.DecideAsync(CheckClient.Body($"rev-{i}", customer, 5000m))).GetProperty("decision").GetString().Should().NotBe("block");
        }

        var sixth = await checks.DecideAsync(CheckClient.Body("rev-5", customer, 5000m));
        sixth.GetProperty("decision").GetString().Should().Be("block");
        CheckClient.ReasonCodes(sixth).Should().Contain("LIMIT_DAILY");

        (await checks.Http.PostAsJsonAsync("/v1/checks/rev-0/outcome", new { outcome = "reversed" })).StatusCode.Should().Be(HttpStatusCode.NoContent);

        var after = await checks.DecideAsync(CheckClient.Body("rev-6", customer, 5000m));
        after.GetProperty("decision").GetString().Should().NotBe("block");
        CheckClient.ReasonCodes(after).Should().NotContain("LIMIT_DAILY");
    }

    [Theory]
    [InlineData("failed", "completed", HttpStatusCode.Conflict)]
    [InlineData("completed", "reversed", HttpStatusCode.NoContent)]
    [InlineData("reversed", "completed", HttpStatusCode.Conflict)]
    [InlineData("completed", "completed", HttpStatusCode.NoContent)]
    public async Task Outcome_Transitions_FollowTheLifecycle(string first, string second, HttpStatusCode expected)
    {
        using var checks = await CheckClient.CreateAsync(factory);
        var id = "life-" + Guid.NewGuid().ToString("N")[..8];
        await checks.DecideAsync(CheckClient.Body(id, await checks.CustomerAsync(), 10m));
        (await checks.Http.PostAsJsonAsync($"/v1/checks/{id}/outcome", new { outcome = first })).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await checks.Http.PostAsJsonAsync($"/v1/checks/{id}/outcome", new { outcome = second })).StatusCode.Should().Be(expected);
    }

    [Fact]
    public async Task Outcome_UnknownTransactionOrOutcome_Is404Or400()
    {
        using var checks = await CheckClient.CreateAsync(factory);

        (await checks.Http.PostAsJsonAsync("/v1/checks/nope/outcome", new { outcome = "completed" })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await checks.Http.PostAsJsonAsync("/v1/checks/nope/outcome", new { outcome = "settled" })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Check_IsMeteredByDecisionAndDuration()
    {
        var decisions = new List<string?>();
        var durations = 0;
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Compliance" && instrument.Name.StartsWith("compliance.checks.", StringComparison.Ordinal))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) =>
        {
            lock (decisions)
            {
                decisions.Add(tags.ToArray().FirstOrDefault(t => t.Key == "decision").Value as string);
            }
        });
        listener.SetMeasurementEventCallback<double>((_, _, _, _) => Interlocked.Increment(ref durations));
        listener.Start();
        using var checks = await CheckClient.CreateAsync(factory);

        await checks.DecideAsync(CheckClient.Body("metered-1", "metered-unknown", 10m));

        lock (decisions)
        {
            decisions.Should().Contain("block");
        }

        durations.Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task Check_ConcurrentChecksOfOneCustomer_NeverTogetherPassTheDailyLimit()
    {
        using var checks = await CheckClient.CreateAsync(factory);
        var customer = await checks.CustomerAsync();

        // Twenty checks of 5,000 at once against a 25,000 daily limit: exactly five may pass.
        var decisions = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => checks.DecideAsync(CheckClient.Body($"race-{customer}-{i}", customer, 5000m))));

        var passed = decisions.Where(d => d.GetProperty("decision").GetString() != "block").ToList();
        passed.Should().HaveCount(5);
        decisions.Where(d => d.GetProperty("decision").GetString() == "block")
            .Should().AllSatisfy(d => CheckClient.ReasonCodes(d).Should().Contain("LIMIT_DAILY"));
    }
}
