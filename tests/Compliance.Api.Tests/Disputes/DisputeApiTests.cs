using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Compliance.Api.Disputes;
using Compliance.Api.Tests.Checks;
using Compliance.Api.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Compliance.Api.Tests.Disputes;

/// <summary>
/// Disputes end to end with the shipped dispute rule set: the automatic steps (accept, evidence,
/// review, escalate, reject), the officer's answer through the case, deadlines, and refunds
/// reversing velocity.
/// </summary>
public sealed class DisputeApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly string Evidence = new('a', 64);

    [Fact]
    public async Task SmallFirstDispute_IsAcceptedByTheRules_TheRefundStopsCountingTowardsVelocity()
    {
        using var checks = await CheckClient.CreateAsync(factory);
        var customer = await checks.CustomerAsync();
        await AllowAsync(checks, "dsp-small", customer, 30m);
        (await checks.Http.PostAsJsonAsync("/v1/checks/dsp-small/outcome", new { outcome = "completed" })).EnsureSuccessStatusCode();

        var response = await checks.Http.PostAsJsonAsync("/v1/disputes", Dispute("d-small", "dsp-small", "complaint", "not_as_described"));

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        response.Headers.Location!.ToString().Should().Be("/v1/disputes/d-small");
        var dispute = await response.Content.ReadFromJsonAsync<JsonElement>();
        dispute.GetProperty("step").GetString().Should().Be("accept");
        dispute.GetProperty("state").GetString().Should().Be("accepted");
        dispute.GetProperty("resolvedBy").GetString().Should().Be("rules");
        dispute.GetProperty("amount").GetDecimal().Should().Be(30m);
        dispute.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("reasonCode").GetString()).Should().Equal("DISPUTE_SMALL_AMOUNT");
        dispute.GetProperty("reasons")[0].GetProperty("message").GetString().Should().StartWith("30");
        dispute.GetProperty("facts").GetProperty("dispute").GetProperty("priorDisputes90Days").GetInt32().Should().Be(0);

        using var officer = await factory.CreateClientWithRolesAsync("cases:read", "audit:read");
        var @case = await officer.GetFromJsonAsync<JsonElement>($"/v1/cases/{dispute.GetProperty("caseId").GetGuid()}");
        @case.GetProperty("case").GetProperty("kind").GetString().Should().Be("dispute");
        @case.GetProperty("case").GetProperty("state").GetString().Should().Be("closed");
        @case.GetProperty("case").GetProperty("resolution").GetString().Should().Be("approved");
        @case.GetProperty("dispute").GetProperty("disputeId").GetString().Should().Be("d-small");

        var check = await officer.GetFromJsonAsync<JsonElement>("/v1/checks/dsp-small");
        check.GetProperty("outcome").GetString().Should().Be("reversed", "a dispute accepted in full refunds the transaction");
        (await CountedAsync("dsp-small")).Should().Be((false, 30m));
        var audit = await officer.GetFromJsonAsync<JsonElement>("/v1/audit?subject=d-small");
        audit.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()).Should().Equal("dispute.opened", "dispute.accepted");
    }

    [Fact]
    public async Task EvidenceRequested_ThenSent_OfficerAccepts_APartialRefundLowersTheCountedAmount()
    {
        using var checks = await CheckClient.CreateAsync(factory);
        using var officer = await factory.CreateClientWithRolesAsync("cases:read", "cases:write");
        var customer = await checks.CustomerAsync();
        await AllowAsync(checks, "dsp-evidence", customer, 500m);

        var opened = await (await checks.Http.PostAsJsonAsync("/v1/disputes", Dispute("d-evidence", "dsp-evidence", "chargeback", "not_received", 200m)))
            .Content.ReadFromJsonAsync<JsonElement>();
        opened.GetProperty("step").GetString().Should().Be("evidence");
        opened.GetProperty("state").GetString().Should().Be("awaiting_evidence");
        opened.GetProperty("evidenceDueAt").GetDateTimeOffset().Should().BeCloseTo(TimeProvider.System.GetUtcNow().AddHours(168), TimeSpan.FromMinutes(1));
        opened.GetProperty("facts").GetProperty("dispute").GetProperty("partial").GetBoolean().Should().BeTrue();
        var caseId = opened.GetProperty("caseId").GetGuid();

        var sent = await checks.Http.PostAsJsonAsync("/v1/disputes/d-evidence/evidence", new { attachmentSha256 = Evidence, description = "Courier says not delivered" });
        sent.StatusCode.Should().Be(HttpStatusCode.OK);
        (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString().Should().Be("in_review");

        var inbox = await officer.GetFromJsonAsync<JsonElement>("/v1/cases?inbox=disputes&state=open");
        var listed = inbox.GetProperty("items").EnumerateArray().Single(c => c.GetProperty("id").GetGuid() == caseId);
        listed.GetProperty("dueAt").GetDateTimeOffset().Should().BeCloseTo(TimeProvider.System.GetUtcNow().AddHours(72), TimeSpan.FromMinutes(1),
            "once the evidence is in, the officer's review SLA runs");
        var detail = await officer.GetFromJsonAsync<JsonElement>($"/v1/cases/{caseId}");
        var comment = detail.GetProperty("comments").EnumerateArray().Should().ContainSingle().Subject;
        comment.GetProperty("text").GetString().Should().Be("Courier says not delivered");
        comment.GetProperty("attachmentSha256").GetString().Should().Be(Evidence);

        (await officer.PostAsync($"/v1/cases/{caseId}/claim", null)).EnsureSuccessStatusCode();
        var reported = await officer.PostAsJsonAsync($"/v1/cases/{caseId}/close", new { resolution = "reported", reason = "x" });
        reported.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await officer.PostAsJsonAsync($"/v1/cases/{caseId}/close", new { resolution = "approved", reason = "Carrier confirms loss" })).EnsureSuccessStatusCode();

        var resolved = await checks.Http.GetFromJsonAsync<JsonElement>("/v1/disputes/d-evidence");
        resolved.GetProperty("state").GetString().Should().Be("accepted");
        resolved.GetProperty("resolvedBy").GetString().Should().StartWith("key:");
        (await CountedAsync("dsp-evidence")).Should().Be((true, 300m), "200 of 500 was refunded; the rest still counts");
        (await checks.Http.PostAsJsonAsync("/v1/disputes/d-evidence/evidence", new { attachmentSha256 = Evidence })).StatusCode
            .Should().Be(HttpStatusCode.Conflict, "a resolved dispute takes no more evidence");

        // The rest of the transaction can be disputed, no more.
        var tooMuch = await checks.Http.PostAsJsonAsync("/v1/disputes", Dispute("d-evidence-2", "dsp-evidence", "chargeback", "not_received", 300.01m));
        (await ProblemAsync(tooMuch, HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("amount")[0].GetString().Should().Contain("at most 300");
    }

    [Fact]
    public async Task EvidenceDeadlinePasses_TheDisputeIsRejected_AndTheClientHearsIt()
    {
        using var checks = await CheckClient.CreateAsync(factory);
        var customer = await checks.CustomerAsync();
        await AllowAsync(checks, "dsp-deadline", customer, 400m);
        (await checks.Http.PostAsJsonAsync("/v1/disputes", Dispute("d-deadline", "dsp-deadline", "chargeback", "cancelled"))).EnsureSuccessStatusCode();
        await using (var connection = new NpgsqlConnection(factory.ConnectionString))
        {
            await connection.ExecuteAsync("UPDATE disputes SET evidence_due_at = now() - interval '1 minute' WHERE dispute_id = 'd-deadline'");
        }

        var applied = await factory.Services.GetRequiredService<DisputeDeadlines>().SweepAsync(CancellationToken.None);

        applied.Should().BeGreaterThanOrEqualTo(1);
        var dispute = await checks.Http.GetFromJsonAsync<JsonElement>("/v1/disputes/d-deadline");
        dispute.GetProperty("state").GetString().Should().Be("rejected", "the shipped rule set's onEvidenceMissed is reject");
        dispute.GetProperty("resolvedBy").GetString().Should().Be("deadline");
        using var officer = await factory.CreateClientWithRolesAsync("cases:read");
        var @case = await officer.GetFromJsonAsync<JsonElement>($"/v1/cases/{dispute.GetProperty("caseId").GetGuid()}");
        @case.GetProperty("case").GetProperty("resolution").GetString().Should().Be("declined");
        @case.GetProperty("case").GetProperty("reasonCodes").EnumerateArray().Select(c => c.GetString()).Should().Contain("DISPUTE_EVIDENCE_MISSED");
        (await CountedAsync("dsp-deadline")).Should().Be((true, 400m), "a rejected dispute refunds nothing");
        (await factory.Services.GetRequiredService<DisputeDeadlines>().SweepAsync(CancellationToken.None)).Should().Be(0, "a deadline is applied once");
    }

    [Fact]
    public async Task HeldTransaction_CannotBeDisputed_UntilItsCaseAllowsIt_ThenAHighValueDisputeIsEscalated()
    {
        using var checks = await CheckClient.CreateAsync(factory);
        using var officer = await factory.CreateClientWithRolesAsync("cases:read", "cases:write");
        var customer = await checks.CustomerAsync();
        (await checks.DecideAsync(CheckClient.Body("dsp-held", customer, 12000m))).GetProperty("decision").GetString().Should().Be("review");

        var early = await checks.Http.PostAsJsonAsync("/v1/disputes", Dispute("d-held", "dsp-held", "complaint", "fraud"));
        (await ProblemAsync(early, HttpStatusCode.Conflict)).GetProperty("detail").GetString().Should().Contain("still held for review");

        var review = (await checks.Http.GetFromJsonAsync<JsonElement>("/v1/checks/dsp-held")).GetProperty("caseId").GetGuid();
        (await officer.PostAsync($"/v1/cases/{review}/claim", null)).EnsureSuccessStatusCode();
        (await officer.PostAsJsonAsync($"/v1/cases/{review}/close", new { resolution = "approved", reason = "known salary payment" })).EnsureSuccessStatusCode();

        var dispute = await (await checks.Http.PostAsJsonAsync("/v1/disputes", Dispute("d-held", "dsp-held", "complaint", "fraud")))
            .Content.ReadFromJsonAsync<JsonElement>();
        dispute.GetProperty("step").GetString().Should().Be("escalate", "escalate wins over the fraud rule's review");
        dispute.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("reasonCode").GetString()).Should().BeEquivalentTo(["DISPUTE_FRAUD_CLAIM", "DISPUTE_HIGH_VALUE"]);
        dispute.GetProperty("facts").GetProperty("dispute").GetProperty("decision").GetString().Should().Be("review");
        var @case = (await officer.GetFromJsonAsync<JsonElement>($"/v1/cases/{dispute.GetProperty("caseId").GetGuid()}")).GetProperty("case");
        @case.GetProperty("inbox").GetString().Should().Be("disputes-escalated");
        @case.GetProperty("priority").GetInt32().Should().Be(1);
        @case.GetProperty("dueAt").GetDateTimeOffset().Should().BeCloseTo(TimeProvider.System.GetUtcNow().AddHours(24), TimeSpan.FromMinutes(1));

        (await officer.PostAsync($"/v1/cases/{dispute.GetProperty("caseId").GetGuid()}/claim", null)).EnsureSuccessStatusCode();
        (await officer.PostAsJsonAsync($"/v1/cases/{dispute.GetProperty("caseId").GetGuid()}/close", new { resolution = "declined", reason = "3-D Secure authenticated" }))
            .EnsureSuccessStatusCode();
        (await checks.Http.GetFromJsonAsync<JsonElement>("/v1/disputes/d-held")).GetProperty("state").GetString().Should().Be("rejected");
        (await CountedAsync("dsp-held")).Should().Be((true, 12000m));
    }

    [Fact]
    public async Task FourthDisputeIn90Days_IsEscalated_OldDisputesAreRejected()
    {
        using var checks = await CheckClient.CreateAsync(factory);
        var customer = await checks.CustomerAsync();
        for (var i = 0; i < 4; i++)
        {
            await AllowAsync(checks, $"dsp-repeat-{i}", customer, 100m + i);
        }

        var steps = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var opened = await (await checks.Http.PostAsJsonAsync("/v1/disputes", Dispute($"d-repeat-{i}", $"dsp-repeat-{i}", "complaint", "fraud")))
                .Content.ReadFromJsonAsync<JsonElement>();
            steps.Add(opened.GetProperty("step").GetString()!);
        }

        steps.Should().Equal("review", "review", "review", "escalate");

        await AllowAsync(checks, "dsp-old", customer, 100m);
        await using (var connection = new NpgsqlConnection(factory.ConnectionString))
        {
            // The facts keep the transaction as checked; make it 200 days old.
            await connection.ExecuteAsync("""
                UPDATE decisions SET facts = jsonb_set(facts::jsonb, '{transaction,occurredAt}', to_jsonb(now() - interval '200 days'))::text
                WHERE transaction_id = 'dsp-old'
                """);
        }

        var old = await (await checks.Http.PostAsJsonAsync("/v1/disputes", Dispute("d-old", "dsp-old", "chargeback", "duplicate")))
            .Content.ReadFromJsonAsync<JsonElement>();
        old.GetProperty("facts").GetProperty("dispute").GetProperty("ageDays").GetInt32().Should().Be(200);
        old.GetProperty("step").GetString().Should().Be("escalate", "the customer's fifth dispute still goes to a senior officer first");
        old.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("reasonCode").GetString()).Should().Contain("DISPUTE_OUT_OF_WINDOW");
    }

    [Fact]
    public async Task BadInput_400NamingTheField_UnknownIds404_Conflicts409_NothingStored()
    {
        using var checks = await CheckClient.CreateAsync(factory);
        var customer = await checks.CustomerAsync();
        await AllowAsync(checks, "dsp-bad", customer, 200m);
        var before = await CountsAsync();

        var invalid = await checks.Http.PostAsJsonAsync("/v1/disputes", new { disputeId = "bad id!", transactionId = "dsp-bad", kind = "refund", reason = "whim", amount = -1, currency = "eur" });
        var errors = (await ProblemAsync(invalid, HttpStatusCode.BadRequest)).GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).Should().BeEquivalentTo(["disputeId", "kind", "reason", "amount", "currency"]);
        (await ProblemAsync(await checks.Http.PostAsync("/v1/disputes", new StringContent("{", System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest))
            .GetProperty("status").GetInt32().Should().Be(400);

        var currency = await checks.Http.PostAsJsonAsync("/v1/disputes", Dispute("d-bad-ccy", "dsp-bad", "chargeback", "other", 10m, "USD"));
        (await ProblemAsync(currency, HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("currency")[0].GetString().Should().Be("currency must be the transaction's, EUR.");
        (await ProblemAsync(await checks.Http.PostAsJsonAsync("/v1/disputes", Dispute("d-bad-tx", "no-such-tx", "chargeback", "other")), HttpStatusCode.NotFound))
            .GetProperty("detail").GetString().Should().Be("No check for transaction no-such-tx.");
        (await checks.Http.GetAsync("/v1/disputes/no-such-dispute")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await checks.Http.PostAsJsonAsync("/v1/disputes/no-such-dispute/evidence", new { attachmentSha256 = Evidence })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await CountsAsync()).Should().Be(before, "refused requests store nothing");

        (await checks.DecideAsync(CheckClient.Body("dsp-blocked", customer, 50m, counterpartyCountry: "KP"))).GetProperty("decision").GetString().Should().Be("block");
        (await ProblemAsync(await checks.Http.PostAsJsonAsync("/v1/disputes", Dispute("d-blocked", "dsp-blocked", "chargeback", "other")), HttpStatusCode.Conflict))
            .GetProperty("detail").GetString().Should().Be("Transaction dsp-blocked was blocked; nothing moved to dispute.");

        var first = await checks.Http.PostAsJsonAsync("/v1/disputes", Dispute("d-bad-1", "dsp-bad", "chargeback", "other"));
        first.StatusCode.Should().Be(HttpStatusCode.Created);
        var replay = await checks.Http.PostAsJsonAsync("/v1/disputes", Dispute("d-bad-1", "dsp-bad", "chargeback", "other"));
        replay.StatusCode.Should().Be(HttpStatusCode.OK);
        (await replay.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetGuid()
            .Should().Be((await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetGuid());
        (await ProblemAsync(await checks.Http.PostAsJsonAsync("/v1/disputes", Dispute("d-bad-1", "dsp-bad", "complaint", "other")), HttpStatusCode.Conflict))
            .GetProperty("detail").GetString().Should().Contain("different body");
        (await ProblemAsync(await checks.Http.PostAsJsonAsync("/v1/disputes", Dispute("d-bad-2", "dsp-bad", "chargeback", "other")), HttpStatusCode.Conflict))
            .GetProperty("detail").GetString().Should().Be("Transaction dsp-bad already has an open dispute, d-bad-1; it must be resolved first.");
        var badEvidence = await checks.Http.PostAsJsonAsync("/v1/disputes/d-bad-1/evidence", new { attachmentSha256 = "xyz" });
        (await ProblemAsync(badEvidence, HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateObject().Select(e => e.Name).Should().Equal("attachmentSha256");
    }

    [Fact]
    public async Task Roles_AClientWithoutChecksWrite_CannotOpenDisputes()
    {
        using var reader = await factory.CreateClientWithRolesAsync("cases:read");
        (await reader.PostAsJsonAsync("/v1/disputes", Dispute("d-role", "x", "chargeback", "other"))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        using var anonymous = factory.CreateClient((string?)null);
        (await anonymous.GetAsync("/v1/disputes/d-role")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    internal static object Dispute(string disputeId, string transactionId, string kind, string reason, decimal? amount = null, string? currency = null) =>
        new { disputeId, transactionId, kind, reason, amount, currency };

    internal static async Task AllowAsync(CheckClient checks, string transactionId, string customer, decimal amount) =>
        (await checks.DecideAsync(CheckClient.Body(transactionId, customer, amount, account: "DE-" + transactionId))).GetProperty("decision").GetString().Should().Be("allow");

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        response.StatusCode.Should().Be(status);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<(bool Counted, decimal AmountBase)> CountedAsync(string transactionId)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        return await connection.QuerySingleAsync<(bool, decimal)>("SELECT counted, amount_base FROM velocity_entries WHERE transaction_id = @Id", new { Id = transactionId });
    }

    private async Task<(long Disputes, long Cases, long Audit)> CountsAsync()
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        return await connection.QuerySingleAsync<(long, long, long)>(
            "SELECT (SELECT count(*) FROM disputes), (SELECT count(*) FROM cases WHERE kind = 'dispute'), (SELECT count(*) FROM audit_log)");
    }
}
